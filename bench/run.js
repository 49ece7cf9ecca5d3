// `npm run bench`: how long an n8n workflow takes to send a batch of messages
// through the edna node, at several Parallel Requests settings, measured side
// by side in one run (rounds interleave the settings so machine noise hits
// them alike). Each run must deliver every message exactly once, or the
// benchmark fails. Results: median wall time per setting and its ratio to
// sending one at a time.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startSandbox } = require('../test/sandbox/server');
const { runWorkflow, loadPackage } = require('../test/harness');

const ITEMS = Number(process.env.BENCH_ITEMS || 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
const SETTINGS = [1, 4, 8, 16];
const WORKFLOW = path.join(__dirname, '..', 'test', 'workflows', 'edna', 'send-to-client.workflow.json');

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function once(sandbox, parallelRequests) {
	const workflow = JSON.parse(fs.readFileSync(WORKFLOW, 'utf8'));
	workflow.nodes.find((n) => n.name === 'Send to Client').parameters.options = { parallelRequests };
	const input = Array.from({ length: ITEMS }, (_, i) => ({ json: { clientId: 'crm-42', text: `bench ${i}` } }));
	sandbox.reset();
	const started = process.hrtime.bigint();
	const result = await runWorkflow(workflow, { credentials: sandbox.credentials().edna, input });
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const delivered = sandbox.received('edna').length;
	const distinct = new Set(sandbox.received('edna').map((m) => m.body.text)).size;
	if (result.status !== 'success' || delivered !== ITEMS || distinct !== ITEMS) {
		throw new Error(`parallel=${parallelRequests}: status ${result.status}, ${delivered} delivered, ${distinct} distinct (expected ${ITEMS})`);
	}
	return ms;
}

(async () => {
	await loadPackage();
	const sandbox = await startSandbox();
	sandbox.latencyMs = LATENCY_MS;
	for (const p of SETTINGS) await once(sandbox, p); // warm-up
	const times = Object.fromEntries(SETTINGS.map((p) => [p, []]));
	for (let round = 0; round < ROUNDS; round++) {
		const order = round % 2 ? [...SETTINGS].reverse() : SETTINGS;
		for (const p of order) times[p].push(await once(sandbox, p));
	}
	await sandbox.close();

	const base = median(times[1]);
	console.log(`edna Send to Client, ${ITEMS} items per run, vendor latency ${LATENCY_MS} ms, ${ROUNDS} interleaved rounds, Node ${process.version}\n`);
	console.log('| Parallel Requests | median ms | min–max ms | items/s | vs 1 |');
	console.log('|---:|---:|---:|---:|---:|');
	for (const p of SETTINGS) {
		const m = median(times[p]);
		const min = Math.min(...times[p]);
		const max = Math.max(...times[p]);
		console.log(`| ${p} | ${m.toFixed(0)} | ${min.toFixed(0)}–${max.toFixed(0)} | ${(ITEMS / (m / 1000)).toFixed(0)} | ${(base / m).toFixed(2)}× |`);
	}
	console.log(`\nEvery run delivered all ${ITEMS} messages exactly once.`);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
