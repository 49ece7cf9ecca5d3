'use strict';

const { useSandbox, loadWorkflow, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow } = require('../helpers');

const env = useSandbox();

const ENDPOINT = 'evovoice/send-to-endpoint.workflow.json';
const SESSION = 'evovoice/send-to-session.workflow.json';

/** Runs `file` for `input` items with the sandbox credential. */
async function send(file, input, overrides) {
	return await runWorkflow(loadWorkflow(file, overrides), { credentials: credentialsOf(env.sandbox, 'evovoice'), input: items(...input) });
}

describe('EvoVoice: Send to an endpoint and address', () => {
	test('sends from the endpoint to the number and returns the MessageInfo EvoVoice stored', async () => {
		const result = await send(ENDPOINT, [{ toAddress: '+15556667777', text: 'Your order has shipped.' }]);
		expect(result.status).toBe('success');
		const received = env.sandbox.received('evovoice', 'sendToEndpoint');
		expect(received.map((m) => m.body)).toEqual([
			{ endpointId: 'ep-main', toAddress: '+15556667777', body: 'Your order has shipped.' },
		]);
		expect(result.output('Send Message')).toEqual([{ json: received[0].message, pairedItem: { item: 0 } }]);
		expect(result.output('Send Message')[0].json).toMatchObject({
			id: received[0].id,
			endpointId: 'ep-main',
			endpointDisplayName: 'Acme Support Line',
			direction: 'Outgoing',
			otherAddress: '+15556667777',
			sender: 'ops@acme.example',
			text: 'Your order has shipped.',
		});
		// What the sandbox stored is what Get Many will list.
		expect(env.sandbox.state.evovoice.messages.at(-1).info).toEqual(result.output('Send Message')[0].json);
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.auth])).toEqual([['POST', '/messages', 'Basic']]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'evovoice'));
	});

	test.each([
		['+1 (555) 666-7777', '+15556667777'],
		['+1-555-666-7777', '+15556667777'],
		['+1.555.666.7777', '+15556667777'],
		['  +1 555 666 7777  ', '+15556667777'],
		['001 555 666 7777', '+15556667777'],
		['+44 20 7946 0958', '+442079460958'],
		['+44 (0)20 7946 0958', '+442079460958'],
		['0049 30/1234567', '+49301234567'],
		['+1\u00a0555\u00a0666\u20117777', '+15556667777'],
	])('the number "%s" is sent as %s', async (typed, e164) => {
		const result = await send(ENDPOINT, [{ toAddress: typed, text: 'hello' }]);
		expect(result.status).toBe('success');
		expect(env.sandbox.received('evovoice').map((m) => m.body.toAddress)).toEqual([e164]);
		expect(result.output('Send Message')[0].json.otherAddress).toBe(e164);
	});

	test('a message to a number EvoVoice has talked with before joins that conversation', async () => {
		const result = await send(ENDPOINT, [{ endpointId: 'ep-sales', toAddress: '+1 555 777 0003', text: 'Following up' }]);
		expect(result.status).toBe('success');
		expect(env.sandbox.state.evovoice.messages.at(-1).conversationId).toBe('conv-c');
	});

	test('hundreds of items go out exactly once each, output in input order with the id EvoVoice gave each', async () => {
		const input = Array.from({ length: 200 }, (_, i) => ({ toAddress: `+1555666${String(i).padStart(4, '0')}`, text: `message ${i}` }));
		const result = await send(ENDPOINT, input, { 'Send Message': { parameters: { options: { parallelRequests: 8 } } } });
		expect(result.status).toBe('success');
		const output = result.output('Send Message');
		expect(output).toHaveLength(200);
		const idByText = Object.fromEntries(env.sandbox.received('evovoice').map((m) => [m.body.body, m.id]));
		expect(Object.keys(idByText)).toHaveLength(200);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.text).toBe(`message ${i}`);
			expect(item.json.id).toBe(idByText[`message ${i}`]);
		});
	});

	test('the message text is sent exactly as given, line breaks and surrounding spaces included', async () => {
		const text = '  Hello Anna,\n\nyour parcel is on its way.\n— Acme  ';
		const result = await send(ENDPOINT, [{ toAddress: '+15556667777', text }]);
		expect(result.status).toBe('success');
		expect(env.sandbox.received('evovoice')[0].body.body).toBe(text);
	});
});

describe('EvoVoice: Send in a session', () => {
	test('posts to the session and returns the MessageInfo, addressed to the session’s other party', async () => {
		const result = await send(SESSION, [{ sessionId: 'ses-1001', text: 'Thanks, we are on it.' }]);
		expect(result.status).toBe('success');
		const received = env.sandbox.received('evovoice', 'sendToSession');
		expect(received).toHaveLength(1);
		expect(received[0]).toMatchObject({ sessionId: 'ses-1001', body: { sessionId: 'ses-1001', body: 'Thanks, we are on it.' } });
		expect(result.output('Send Message')).toEqual([{ json: received[0].message, pairedItem: { item: 0 } }]);
		expect(result.output('Send Message')[0].json).toMatchObject({
			endpointId: 'ep-main',
			otherAddress: '+15557770001',
			direction: 'Outgoing',
			text: 'Thanks, we are on it.',
		});
		expect(env.sandbox.requests.map((r) => [r.method, r.path])).toEqual([['POST', '/sessions/ses-1001/messages']]);
		expect(env.sandbox.state.evovoice.messages.at(-1).conversationId).toBe('conv-a');
		expectNoSecrets(result, secretsOf(env.sandbox, 'evovoice'));
	});

	test('several items post to their own sessions', async () => {
		const result = await send(SESSION, [{ sessionId: 'ses-1001', text: 'one' }, { sessionId: ' ses-1002 ', text: 'two' }]);
		expect(result.status).toBe('success');
		expect(result.output('Send Message').map((i) => [i.pairedItem.item, i.json.otherAddress, i.json.text])).toEqual([
			[0, '+15557770001', 'one'],
			[1, '+15557770004', 'two'],
		]);
		expect(env.sandbox.received('evovoice').map((m) => m.sessionId).sort()).toEqual(['ses-1001', 'ses-1002']);
	});
});
