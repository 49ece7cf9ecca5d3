// Shared set-up for workflow tests: one sandbox per test file, reset before
// each test; workflow files read from test/workflows/.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startSandbox } = require('./sandbox/server');
const { runWorkflow, testCredential } = require('./harness');

const WORKFLOWS = path.join(__dirname, 'workflows');

/** Starts the sandbox for the current test file and returns a handle whose fields fill in once it runs. */
function useSandbox() {
	const handle = { sandbox: undefined };
	beforeAll(async () => {
		handle.sandbox = await startSandbox();
	});
	beforeEach(() => handle.sandbox.reset());
	afterAll(async () => {
		await handle.sandbox.close();
	});
	return handle;
}

/** Reads test/workflows/<file> and applies parameter and setting overrides to the named node. */
function loadWorkflow(file, overrides = {}) {
	const workflow = JSON.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'));
	for (const [nodeName, change] of Object.entries(overrides)) {
		const node = workflow.nodes.find((n) => n.name === nodeName);
		if (!node) throw new Error(`${file} has no node named ${nodeName}`);
		const { parameters, ...settings } = change;
		if (parameters) node.parameters = { ...node.parameters, ...parameters };
		Object.assign(node, settings);
	}
	return workflow;
}

/** Items from plain objects. */
function items(...jsons) {
	return jsons.map((json) => ({ json }));
}

/** Asserts that no secret value appears anywhere in what the run produced or in the errors. */
function expectNoSecrets(result, secrets) {
	const text = result.serialized();
	for (const secret of secrets.filter(Boolean)) {
		expect(text).not.toContain(secret);
	}
}

/**
 * Runs `workflow` and expects it to stop with `expected` (the whole message, or
 * a RegExp) before a single request reached the sandbox.
 */
async function expectRejectedBeforeSending(sandbox, workflow, { credentials, input }, expected) {
	const result = await runWorkflow(workflow, { credentials, input });
	expect(result.status).toBe('error');
	if (expected instanceof RegExp) expect(result.error.message).toMatch(expected);
	else expect(result.error.message).toBe(expected);
	expect(sandbox.requests).toEqual([]);
	expect(sandbox.ledger).toEqual([]);
	return result;
}

/** The error message each output item carries, or undefined for success items. */
function errorsOf(outputItems) {
	return outputItems.map((item) => item.json.error);
}

module.exports = {
	useSandbox,
	loadWorkflow,
	items,
	expectNoSecrets,
	expectRejectedBeforeSending,
	errorsOf,
	runWorkflow,
	testCredential,
};
