// Runs example workflows through the test harness (n8n-core's WorkflowExecute
// with the package loaded from dist/) against a fresh vendor sandbox, and
// writes what each run produced to a JSON file. scripts/e2e/main.js
// compares the real n8n's runs with these: the same messages must reach the
// sandbox and our nodes must put out the same number of items. That both
// gives the real run an expected message count without hard-coding one per
// example, and shows the harness the workflow tests rely on behaves like n8n.
//
// Usage (Node 24, n8n-core needs it): node scripts/e2e/reference-run.js <out.json> <workflow.json>...
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const [outFile, ...workflowFiles] = process.argv.slice(2);
if (!outFile || workflowFiles.length === 0) {
	console.error('Usage: node scripts/e2e/reference-run.js <out.json> <workflow.json>...');
	process.exit(2);
}

const { startSandbox } = require('../../test/sandbox/server');
const { runWorkflow, loadPackage } = require('../../test/harness');

/** Item counts per output of every node of the package, and how many of them carry an error. */
function summarise(result, workflow, packageName) {
	const nodes = {};
	for (const node of workflow.nodes) {
		if (!node.type.startsWith(`${packageName}.`) || node.disabled) continue;
		const runs = result.run.data.resultData.runData[node.name] ?? [];
		const last = runs[runs.length - 1];
		const outputs = (last?.data?.main ?? []).map((items) => (items ?? []).length);
		const errorItems = (last?.data?.main ?? [])
			.flat()
			.filter((item) => item && (item.error || (item.json && item.json.error !== undefined))).length;
		nodes[node.name] = { ran: Boolean(last), outputs, errorItems, error: last?.error?.message };
	}
	return nodes;
}

(async () => {
	const loader = await loadPackage();
	const sandbox = await startSandbox(0);
	const credentials = {};
	for (const byType of Object.values(sandbox.credentials())) Object.assign(credentials, byType);
	const results = [];
	try {
		for (const file of workflowFiles) {
			const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
			sandbox.reset();
			const entry = { file: path.basename(file) };
			try {
				const result = await runWorkflow(workflow, { credentials });
				entry.status = result.status;
				entry.error = result.error?.message;
				entry.nodes = summarise(result, workflow, loader.packageName);
			} catch (error) {
				entry.status = 'crashed';
				entry.error = error instanceof Error ? error.message : String(error);
			}
			entry.ledger = sandbox.ledger.map((m) => ({ vendor: m.vendor, operation: m.operation }));
			results.push(entry);
		}
	} finally {
		await sandbox.close();
	}
	fs.writeFileSync(outFile, JSON.stringify({ packageName: loader.packageName, results }, null, 2));
	process.exit(0);
})().catch((error) => {
	console.error(error instanceof Error ? error.stack : String(error));
	process.exit(1);
});
