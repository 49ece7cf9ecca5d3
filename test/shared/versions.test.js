'use strict';

// Node versions, once for every vendor: a saved workflow keeps the version it
// was made with, and with it the defaults of that version. Version 2 changed
// only Parallel Requests' default (4 → 16, nodes/shared/options.ts), so a
// version 1 workflow with Options left empty must keep 4 requests in flight.
// Concurrency is read at the sandbox (the most requests it answered at once),
// with a latency long enough that every request of a round overlaps.
const VENDORS = require('./vendors');
const { withSandbox, credentialsOf, runWorkflow } = require('../helpers');
const { textBatch } = require('./batch');

const ITEMS = 32;
const LATENCY_MS = 250;

const CASES = [
	// [case, requests in flight, node version, Options]
	['version 1, Options empty', 4, 1, {}],
	['version 2, Options empty', 16, 2, {}],
	['version 2, Parallel Requests 6', 6, 2, { parallelRequests: 6 }],
];

describe.each(VENDORS.map((v) => [v.name, v]))('%s: node versions', (_name, v) => {
	test.concurrent.each(CASES)('%s: %i requests in flight, every message delivered once', async (_label, inFlight, typeVersion, options) => {
		await withSandbox(async (sandbox) => {
			sandbox.latencyMs = LATENCY_MS;
			const workflow = v.workflow(v.send.file, { [v.send.node]: { typeVersion, parameters: { options } } });
			const result = await runWorkflow(workflow, { credentials: credentialsOf(sandbox, v.sandbox), input: textBatch(v, ITEMS, `v${typeVersion}`) });

			expect(result.status).toBe('success');
			const sent = sandbox.received(v.sandbox).map(v.batch.sentText);
			expect(new Set(sent).size).toBe(ITEMS);
			expect(sent).toHaveLength(ITEMS);
			expect(sandbox.peakInFlight).toBe(inFlight);
		});
	});
});
