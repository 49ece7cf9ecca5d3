// `npm run demo`: starts the vendor sandbox, runs every example workflow in
// examples/ through n8n's engine with this package loaded from dist/, and
// prints what each vendor received and what the nodes returned.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startSandbox } = require('../test/sandbox/server');
const { runWorkflow } = require('../test/harness');
const { runConversations } = require('./demo-conversations');
const { runSendAndWait } = require('./demo-send-and-wait');

const EXAMPLES = path.join(__dirname, '..', 'examples');
const PACKAGE_PREFIX = 'n8n-nodes-customer-messaging.';

function show(value) {
	return JSON.stringify(value);
}

(async () => {
	const sandbox = await startSandbox();
	const credentials = Object.assign({}, ...Object.values(sandbox.credentials()));
	console.log(`Vendor sandbox on ${sandbox.url}\n`);

	const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.workflow.json')).sort();
	let failures = 0;
	for (const file of files) {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
		const before = sandbox.ledger.length;
		const started = Date.now();
		const result = await runWorkflow(workflow, { credentials });
		const ms = Date.now() - started;
		const ours = workflow.nodes.filter((n) => n.type.startsWith(PACKAGE_PREFIX));
		const itemErrors = ours.flatMap((n) => (result.output(n.name) ?? []).filter((i) => i.json.error));
		const ok = result.status === 'success' && itemErrors.length === 0;
		if (!ok) failures++;

		console.log(`${ok ? '✔' : '✘'} ${workflow.name}  (${file}, ${ms} ms)`);
		for (const entry of sandbox.ledger.slice(before)) {
			const { vendor, operation, body } = entry;
			console.log(`    ${vendor} received (${operation}): ${show(body)}`);
		}
		for (const node of ours) {
			const items = result.output(node.name);
			if (items === undefined) {
				console.log(`    node "${node.name}" did not run`);
				continue;
			}
			console.log(`    node "${node.name}" returned ${items.length} item${items.length === 1 ? '' : 's'}:`);
			for (const item of items.slice(0, 5)) console.log(`      ${show(item.json)}`);
			if (items.length > 5) console.log(`      … ${items.length - 5} more`);
		}
		if (result.status !== 'success') console.log(`    error: ${result.error?.message}`);
		console.log('');
	}
	sandbox.reset();
	failures += await runConversations(sandbox, credentials);
	sandbox.reset();
	failures += await runSendAndWait(sandbox, credentials);
	await sandbox.close();
	console.log(
		failures === 0
			? `All ${files.length} example workflows, every conversation and every Send and Wait delivered to the sandbox.`
			: `${failures} example workflows, conversations or Send and Waits failed.`,
	);
	process.exit(failures === 0 ? 0 : 1);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
