'use strict';

// The pacing rule of nodes/shared/pacing.ts, once for every vendor, against
// the sandbox's rate-limit mode (at most N requests in any second, 429 with
// Retry-After beyond): a batch bigger than the limit is delivered whole and
// once, and after the first 429s the node keeps to the rate the vendor took,
// so only the burst that found the limit is refused. How fast is a benchmark
// question (npm run bench), not asserted here.
const VENDORS = require('./vendors');
const { withSandbox, credentialsOf, runWorkflow } = require('../helpers');
const { textBatch } = require('./batch');

const PER_SECOND = 20;
const ITEMS = 70;

describe.each(VENDORS.map((v) => [v.name, v]))('%s: a vendor rate limit', (_name, v) => {
	test.concurrent(`${ITEMS} messages against ${PER_SECOND} requests per second: all delivered once, few 429s`, async () => {
		await withSandbox(async (sandbox) => {
			sandbox.rateLimit = { perSecond: PER_SECOND };
			const workflow = v.workflow(v.send.file, { [v.send.node]: { parameters: { options: { parallelRequests: 8 } } } });
			const result = await runWorkflow(workflow, { credentials: credentialsOf(sandbox, v.sandbox), input: textBatch(v, ITEMS, 'paced') });

			expect(result.status).toBe('success');
			expect(result.output(v.send.node).filter((item) => item.json.error !== undefined)).toEqual([]);
			const sent = sandbox.received(v.sandbox).map(v.batch.sentText);
			expect(sent).toHaveLength(ITEMS);
			expect(new Set(sent).size).toBe(ITEMS);
			// The burst that found the limit is refused (the 8 in flight); after it the
			// node keeps under the limit. Waiting out Retry-After alone, without
			// slowing down, meets the limit again every second: 8 refusals a second,
			// 24 or more for this batch. Two bursts' worth is allowed for a slow machine.
			expect(sandbox.rateLimited).toBeLessThanOrEqual(16);
		});
	});
});
