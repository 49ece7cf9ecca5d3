'use strict';

// How every vendor's send handles a batch of good and bad items
// (processItems in nodes/shared/items.ts): items that fail the node's own
// checks never reach the vendor, Continue On Fail keeps each failure in its
// item's place, and without it nothing is sent once any item is bad. Run once
// against each vendor (test/shared/vendors.js) with that vendor's batch.
const VENDORS = require('./vendors');
const {
	useSandbox,
	items,
	credentialsOf,
	secretsOf,
	expectNoSecrets,
	expectRejectedBeforeSending,
	errorsOf,
	runWorkflow,
} = require('../helpers');

const env = useSandbox();

async function sendBatch(v, batchItems, settings = {}) {
	const workflow = v.workflow(v.send.file, { [v.send.node]: settings });
	return await runWorkflow(workflow, { credentials: credentialsOf(env.sandbox, v.sandbox), input: items(...batchItems) });
}

/** Indexes of the batch's items that are sent, that fail, and that the vendor rejects. */
function partsOf(v) {
	const { errors } = v.batch;
	const where = (keep) => errors.flatMap((error, index) => (keep(error) ? [index] : []));
	const byVendor = (error) => error.startsWith(`${v.name} rejected the request`);
	return {
		good: where((error) => error === undefined),
		failed: where((error) => error !== undefined),
		rejectedByVendor: where((error) => error !== undefined && byVendor(error)),
		firstCaughtBeforeSending: errors.find((error) => error !== undefined && !byVendor(error)),
	};
}

describe.each(VENDORS)('$name: a batch with good and bad items', (v) => {
	test('Continue On Fail: every good item is sent once, each bad one comes back as an error in its place', async () => {
		const { good, rejectedByVendor } = partsOf(v);
		const result = await sendBatch(v, v.batch.items, { onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		const output = result.output(v.send.node);
		expect(output.map((i) => i.pairedItem)).toEqual(v.batch.items.map((_, i) => ({ item: i })));
		expect(errorsOf(output)).toEqual(v.batch.errors);
		const received = env.sandbox.received(v.sandbox);
		expect(received.map(v.batch.sentText).sort()).toEqual(good.map((i) => v.batch.textOf(v.batch.items[i])).sort());
		for (const index of good) {
			const sent = received.find((entry) => v.batch.sentText(entry) === v.batch.textOf(v.batch.items[index]));
			expect(output[index].json).toEqual(sent.answer);
		}
		// Items caught before sending never reached the vendor.
		expect(env.sandbox.requests).toHaveLength(good.length + rejectedByVendor.length);
		expectNoSecrets(result, secretsOf(env.sandbox, v.sandbox));
	});

	test('error output: failed items leave on the second output, with their input data', async () => {
		const { good, failed } = partsOf(v);
		const result = await sendBatch(v, v.batch.items, { onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(result.output(v.send.node, 0).map((i) => i.pairedItem.item)).toEqual(good);
		const failedItems = result.output(v.send.node, 1);
		expect(failedItems.map((i) => i.pairedItem.item)).toEqual(failed);
		// Refused by the vendor or caught before sending: safe to re-run, and the item says so.
		const notDelivered = { delivery: 'notDelivered' };
		expect(failedItems.map((i) => i.json)).toEqual(
			failed.map((i) => ({ ...v.batch.items[i], error: v.batch.errors[i], details: notDelivered })),
		);
	});

	test('without Continue On Fail, a bad item stops the node before any message is sent', async () => {
		const workflow = v.workflow(v.send.file);
		const credentials = credentialsOf(env.sandbox, v.sandbox);
		await expectRejectedBeforeSending(env.sandbox, workflow, { credentials, input: items(...v.batch.items) }, partsOf(v).firstCaughtBeforeSending);
	});

	test('without Continue On Fail, a vendor error says how many items were already sent', async () => {
		const { items: batch, error } = v.batch.failsThird;
		const result = await sendBatch(v, batch, { parameters: { options: { parallelRequests: 1 } } });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(error);
		expect(result.error.description).toContain(
			'2 other items were already sent before this error; running the node again sends them again. Turn on Continue On Fail (Settings → On Error) to send every good item and get the failed ones back as errors.',
		);
		expect(env.sandbox.received(v.sandbox).map(v.batch.sentText)).toEqual(batch.slice(0, 2).map(v.batch.textOf));
	});
});
