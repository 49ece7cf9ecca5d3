'use strict';

const { useSandbox, loadWorkflow, items, expectNoSecrets, runWorkflow } = require('../helpers');

const env = useSandbox();
const creds = () => env.sandbox.credentials().edna;

const MIX = [
	{ clientId: 'crm-42', text: 'good 0' },
	{ clientId: 'crm-43', text: 'z'.repeat(2001) }, // too long: caught before sending
	{ clientId: 'nobody', text: 'unknown client' }, // edna answers 404
	{ threadsClientId: 1003, text: 'good 3' },
	{ text: 'no client' }, // caught before sending
	{ clientId: 'crm-42', text: 'good 5' },
];

describe('edna Chat Center: a batch with good and bad items', () => {
	test('Continue On Fail: every good item is sent once, each bad one comes back as an error in its place', async () => {
		const workflow = loadWorkflow('edna/send-to-client.workflow.json', {
			'Send to Client': { onError: 'continueRegularOutput' },
		});
		const result = await runWorkflow(workflow, { credentials: creds(), input: items(...MIX) });
		expect(result.status).toBe('success');
		const output = result.output('Send to Client');
		expect(output.map((i) => i.pairedItem)).toEqual(MIX.map((_, i) => ({ item: i })));
		expect(output.map((i) => i.json.error)).toEqual([
			undefined,
			'Text is 2,001 characters long; edna accepts at most 2,000. [item 1]',
			'edna Chat Center rejected the request (HTTP 404): Client not found. [item 2]',
			undefined,
			'External Client ID is empty: give the client edna should message. [item 4]',
			undefined,
		]);
		expect(env.sandbox.received('edna').map((m) => m.body.text).sort()).toEqual(['good 0', 'good 3', 'good 5']);
		for (const index of [0, 3, 5]) expect(typeof output[index].json.id).toBe('number');
		expectNoSecrets(result, [creds().ednaChatCenterBearerApi.token]);
	});

	test('error output: failed items leave on the second output, with their input data', async () => {
		const workflow = loadWorkflow('edna/send-to-client.workflow.json', {
			'Send to Client': { onError: 'continueErrorOutput' },
		});
		const result = await runWorkflow(workflow, { credentials: creds(), input: items(...MIX) });
		expect(result.status).toBe('success');
		expect(result.output('Send to Client', 0).map((i) => i.pairedItem.item)).toEqual([0, 3, 5]);
		const failed = result.output('Send to Client', 1);
		expect(failed.map((i) => i.pairedItem.item)).toEqual([1, 2, 4]);
		expect(failed[1].json).toMatchObject({ clientId: 'nobody', error: expect.stringContaining('Client not found') });
	});

	test('without Continue On Fail, a bad item stops the node before any message is sent', async () => {
		const result = await runWorkflow(loadWorkflow('edna/send-to-client.workflow.json'), {
			credentials: creds(),
			input: items(...MIX),
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Text is 2,001 characters long; edna accepts at most 2,000. [item 1]');
		expect(env.sandbox.requests).toEqual([]);
	});

	test('without Continue On Fail, a vendor error says how many items were already sent', async () => {
		const valid = [
			{ clientId: 'crm-42', text: 'a' },
			{ clientId: 'crm-42', text: 'b' },
			{ clientId: 'nobody', text: 'c' },
		];
		const workflow = loadWorkflow('edna/send-to-client.workflow.json', {
			'Send to Client': { parameters: { options: { parallelRequests: 1 } } },
		});
		const result = await runWorkflow(workflow, { credentials: creds(), input: items(...valid) });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('edna Chat Center rejected the request (HTTP 404): Client not found. [item 2]');
		expect(result.error.description).toContain(
			'2 other items were already sent before this error; running the node again sends them again. Turn on Continue On Fail (Settings → On Error) to send every good item and get the failed ones back as errors.',
		);
		expect(env.sandbox.received('edna')).toHaveLength(2);
	});
});
