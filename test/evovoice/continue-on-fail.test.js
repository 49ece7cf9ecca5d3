'use strict';

const { useSandbox, loadWorkflow, items, expectNoSecrets, runWorkflow } = require('../helpers');
const { secretsOf } = require('./support');

const env = useSandbox();
const creds = () => env.sandbox.credentials().evovoice;
const secrets = () => secretsOf(env.sandbox);

const ENDPOINT = 'evovoice/send-to-endpoint.workflow.json';
const ALL = 'evovoice/get-many-all.workflow.json';

const MIX = [
	{ toAddress: '+1 555 666 0000', text: 'good 0' },
	{ toAddress: '555 666 0001', text: 'no country code' }, // caught before sending
	{ endpointId: 'ep-nope', toAddress: '+15556660002', text: 'unknown endpoint' }, // EvoVoice answers 404
	{ toAddress: '+44 20 7946 0003', text: 'good 3' },
	{ toAddress: '+15556660004', text: '   ' }, // caught before sending
	{ toAddress: '+1 555 666 000', text: 'EvoVoice rejects the number' }, // 400 with a field error
	{ toAddress: '0015556660006', text: 'good 6' },
];

describe('EvoVoice: a batch with good and bad items', () => {
	test('Continue On Fail: every good item is sent once, each bad one comes back as an error in its place', async () => {
		const workflow = loadWorkflow(ENDPOINT, { 'Send Message': { onError: 'continueRegularOutput' } });
		const result = await runWorkflow(workflow, { credentials: creds(), input: items(...MIX) });
		expect(result.status).toBe('success');
		const output = result.output('Send Message');
		expect(output.map((i) => i.pairedItem)).toEqual(MIX.map((_, i) => ({ item: i })));
		expect(output.map((i) => i.json.error)).toEqual([
			undefined,
			'To Address "555 666 0001" has no country code: start it with + and the country code (E.164), such as +15556667777. [item 1]',
			'EvoVoice rejected the request (HTTP 404): Endpoint ep-nope was not found. [item 2]',
			undefined,
			'Message is empty: give the text to send. [item 4]',
			'EvoVoice rejected the request (HTTP 400): To Address +1555666000 is not a valid North American number. [item 5]',
			undefined,
		]);
		const received = env.sandbox.received('evovoice');
		expect(received.map((m) => m.body.body).sort()).toEqual(['good 0', 'good 3', 'good 6']);
		for (const index of [0, 3, 6]) {
			expect(output[index].json).toEqual(received.find((m) => m.body.body === MIX[index].text).message);
		}
		// Items caught before sending never reached EvoVoice.
		expect(env.sandbox.requests).toHaveLength(5);
		expectNoSecrets(result, secrets());
	});

	test('error output: failed items leave on the second output, with their input data', async () => {
		const workflow = loadWorkflow(ENDPOINT, { 'Send Message': { onError: 'continueErrorOutput' } });
		const result = await runWorkflow(workflow, { credentials: creds(), input: items(...MIX) });
		expect(result.status).toBe('success');
		expect(result.output('Send Message', 0).map((i) => i.pairedItem.item)).toEqual([0, 3, 6]);
		const failed = result.output('Send Message', 1);
		expect(failed.map((i) => i.pairedItem.item)).toEqual([1, 2, 4, 5]);
		expect(failed[1].json).toMatchObject({ endpointId: 'ep-nope', error: expect.stringContaining('Endpoint ep-nope was not found') });
	});

	test('without Continue On Fail, a bad item stops the node before any message is sent', async () => {
		const result = await runWorkflow(loadWorkflow(ENDPOINT), { credentials: creds(), input: items(...MIX) });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'To Address "555 666 0001" has no country code: start it with + and the country code (E.164), such as +15556667777. [item 1]',
		);
		expect(env.sandbox.requests).toEqual([]);
	});

	test('without Continue On Fail, a vendor error says how many items were already sent', async () => {
		const workflow = loadWorkflow(ENDPOINT, { 'Send Message': { parameters: { options: { parallelRequests: 1 } } } });
		const result = await runWorkflow(workflow, {
			credentials: creds(),
			input: items(hello('a'), hello('b'), { endpointId: 'ep-globex', toAddress: '+15556667777', text: 'c' }, hello('d')),
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 403): You do not have access to this endpoint. [item 2]');
		expect(result.error.description).toContain('2 other items were already sent before this error; running the node again sends them again.');
		expect(env.sandbox.received('evovoice').map((m) => m.body.body)).toEqual(['a', 'b']);
	});

	test('Get Many with Continue On Fail: a failing query becomes an error item, the others list their messages', async () => {
		const workflow = loadWorkflow(ALL, { 'Get Messages': { onError: 'continueRegularOutput' } });
		const result = await runWorkflow(workflow, {
			credentials: creds(),
			input: items({ conversationIds: 'conv-a' }, { accountIds: 'acc-globex' }, { afterDate: 'soon' }, { conversationIds: 'conv-l' }),
		});
		expect(result.status).toBe('success');
		const output = result.output('Get Messages');
		const byItem = (n) => output.filter((i) => i.pairedItem.item === n);
		expect(byItem(0)).toHaveLength(50);
		expect(byItem(1).map((i) => i.json)).toEqual([
			{ error: 'EvoVoice rejected the request (HTTP 403): You do not have access to account acc-globex. [item 1]' },
		]);
		expect(byItem(2).map((i) => i.json.error)).toEqual([expect.stringMatching(/^After Date "soon" is not a date: .* \[item 2\]$/)]);
		expect(byItem(3)).toHaveLength(50);
		expect(byItem(3).every((i) => i.json.endpointId === 'ep-labs')).toBe(true);
		expect(output.map((i) => i.pairedItem.item)).toEqual([...Array(50).fill(0), 1, 2, ...Array(50).fill(3)]);
	});
});

function hello(text) {
	return { toAddress: '+15556667777', text };
}
