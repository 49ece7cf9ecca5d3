// What every test file shares: the sandbox (one per test file, reset before
// each test), workflow files from test/workflows/ and examples/, the
// credentials and secrets the sandbox hands out, and the common assertions.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { startSandbox } = require('./sandbox/server');
const { runWorkflow, testCredential } = require('./harness');

const WORKFLOWS = path.join(__dirname, 'workflows');
const EXAMPLES = path.join(__dirname, '..', 'examples');

/**
 * Points credentials whose sign-in URLs are fixed (OAuth2) at the sandbox the
 * way an n8n admin would: with n8n's credential overwrites, which the
 * harness's CredentialsHelper reads like n8n does. The latest sandbox wins.
 */
function pointCredentialsAt(sandbox) {
	process.env.CREDENTIALS_OVERWRITE_DATA = JSON.stringify(sandbox.credentialOverwrites());
}

/** Starts the sandbox for the current test file and returns a handle whose fields fill in once it runs. */
function useSandbox() {
	const handle = { sandbox: undefined };
	beforeAll(async () => {
		handle.sandbox = await startSandbox();
		pointCredentialsAt(handle.sandbox);
	});
	beforeEach(() => handle.sandbox.reset());
	afterAll(async () => {
		await handle.sandbox.close();
	});
	return handle;
}

/**
 * Runs `fn` with a sandbox of its own, closed afterwards: for tests that run
 * side by side (test.concurrent) and so cannot share one request log.
 */
async function withSandbox(fn) {
	return await withServer(async () => {
		const sandbox = await startSandbox();
		pointCredentialsAt(sandbox);
		return sandbox;
	}, fn);
}

/** Runs `fn` with a server that `start` starts (anything with a close()), closed afterwards. */
async function withServer(start, fn) {
	const server = await start();
	try {
		return await fn(server);
	} finally {
		await server.close();
	}
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

/** The example workflows users import from examples/, by file name. */
const EXAMPLE_FILES = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.workflow.json')).sort();

/** Reads examples/<file> as it is. */
function loadExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
}

/** Items from plain objects. */
function items(...jsons) {
	return jsons.map((json) => ({ json }));
}

/**
 * The credentials the sandbox hands out for `vendor` (or for every vendor),
 * keyed by credential type, with `changes` ({ [type]: { field: value } })
 * applied to copies.
 */
function credentialsOf(sandbox, vendor, changes = {}) {
	const all = sandbox.credentials();
	if (vendor !== undefined && !all[vendor]) throw new Error(`No sandbox vendor named ${vendor}`);
	const credentials = vendor === undefined ? Object.assign({}, ...Object.values(all)) : { ...all[vendor] };
	for (const [type, change] of Object.entries(changes)) {
		if (!credentials[type]) throw new Error(`The sandbox has no ${type} credential for ${vendor}`);
		credentials[type] = { ...credentials[type], ...change };
	}
	return credentials;
}

/** Runs the credential test of the sandbox's `type` credential, with `change` applied to a copy. */
async function testCredentialOf(sandbox, type, change = {}) {
	const all = sandbox.credentials();
	const vendor = Object.keys(all).find((name) => all[name][type]);
	if (!vendor) throw new Error(`The sandbox has no ${type} credential`);
	return await testCredential(type, credentialsOf(sandbox, vendor, { [type]: change })[type]);
}

/** Credential fields that name who signs in or where; every other field is a secret. */
const NOT_SECRET = new Set(['baseUrl', 'email', 'username', 'login', 'environment', 'clientId']);

/**
 * Every secret the sandbox accepts for `vendor` (or for all vendors): the
 * secret fields of its credentials, the Basic header they make, and what the
 * vendor module lists as `secrets` beyond them. None may show up in a run's output.
 */
function secretsOf(sandbox, vendor) {
	const vendors = sandbox.vendors.filter((v) => vendor === undefined || v.name === vendor);
	if (!vendors.length) throw new Error(`No sandbox vendor named ${vendor}`);
	const secrets = [];
	for (const v of vendors) {
		for (const data of Object.values(sandbox.credentials()[v.name])) {
			for (const [field, value] of Object.entries(data)) {
				if (NOT_SECRET.has(field)) continue;
				// OAuth2 token data: its tokens are the secrets.
				if (value && typeof value === 'object') secrets.push(value.access_token, value.refresh_token);
				else secrets.push(value);
			}
			const user = data.username ?? data.email ?? data.login;
			if (user !== undefined && data.password !== undefined) {
				secrets.push(Buffer.from(`${user}:${data.password}`).toString('base64'));
			}
		}
		secrets.push(...(v.secrets ?? []));
	}
	return secrets.filter(Boolean);
}

/** A loopback port with nothing listening on it. */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
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
	withSandbox,
	withServer,
	loadWorkflow,
	EXAMPLE_FILES,
	loadExample,
	items,
	credentialsOf,
	testCredentialOf,
	secretsOf,
	closedPort,
	expectNoSecrets,
	expectRejectedBeforeSending,
	errorsOf,
	runWorkflow,
	testCredential,
};
