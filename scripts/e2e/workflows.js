// The example workflows: which ones run, how they are adapted for import into
// n8n, and what the test harness says they should do there.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { PACKAGE, LIMITS } = require('./config');
const { mustRun } = require('./processes');

function listExamples(dir, only) {
	const files = fs.existsSync(dir)
		? fs
				.readdirSync(dir)
				.filter((f) => f.endsWith('.workflow.json') && (!only || f.includes(only)))
				.sort()
		: [];
	if (files.length === 0) throw new Error(`No examples/*.workflow.json${only ? ` matching "${only}"` : ''} to run`);
	return files;
}

// 16 characters, as n8n's own ids; derived from names so that they are known
// before import and the same in every run.
function stableId(prefix, text) {
	return prefix + crypto.createHash('sha256').update(text).digest('hex').slice(0, 15);
}

/** The id and name under which each credential type is imported. */
function credentialIdsFor(types) {
	return Object.fromEntries(types.map((type) => [type, { id: stableId('c', type), name: `${type} (sandbox)` }]));
}

/** The credentials to import for `types`: each under its id and name from credentialIds, data as the sandbox accepts it. */
function credentialsFor(types, credentialIds, credentialsByType) {
	return [...types].sort().map((type) => ({ ...credentialIds[type], type, data: credentialsByType[type] }));
}

/**
 * The workflow as imported: a fixed id, and every credential reference of our
 * nodes pointed at the imported credential of that type.
 */
function prepareWorkflow(file, workflow, credentialIds) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = stableId('w', file);
	copy.active = false;
	const needed = new Set();
	for (const node of copy.nodes) {
		if (!node.type.startsWith(`${PACKAGE.name}.`) || !node.credentials) continue;
		for (const type of Object.keys(node.credentials)) {
			if (!credentialIds[type]) throw new Error(`${file}: the sandbox has no credential of type ${type}`);
			node.credentials[type] = { id: credentialIds[type].id, name: credentialIds[type].name };
			needed.add(type);
		}
	}
	return { workflow: copy, needed };
}

/**
 * Expected results: the same workflows through the harness (n8n-core), run by
 * reference-run.js on n8n's Node 24. Returns each file's result by file name.
 */
async function runReferences({ nodeBin, tempDir, examplesDir, files }) {
	const out = path.join(tempDir, 'reference.json');
	const harnessFolder = path.join(tempDir, 'harness');
	fs.mkdirSync(harnessFolder);
	await mustRun(nodeBin, [path.join(__dirname, 'reference-run.js'), out, ...files.map((f) => path.join(examplesDir, f))], {
		env: { ...process.env, N8N_USER_FOLDER: harnessFolder },
		label: 'reference runs',
		timeoutMs: LIMITS.reference,
	});
	const parsed = JSON.parse(fs.readFileSync(out, 'utf8'));
	return Object.assign(Object.fromEntries(parsed.results.map((r) => [r.file, r])), { note: `${parsed.results.length} run(s)` });
}

module.exports = { listExamples, credentialIdsFor, credentialsFor, prepareWorkflow, runReferences };
