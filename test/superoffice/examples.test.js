'use strict';

// What the SuperOffice example workflows in examples/ deliver; that every
// example runs at all is checked in test/shared/examples.test.js.
const { useSandbox, loadExample, credentialsOf, secretsOf, runWorkflow, expectNoSecrets } = require('../helpers');

const env = useSandbox();

/** Runs examples/<file> as `npm run demo` does: with every credential the sandbox hands out. */
async function runExample(file) {
	return await runWorkflow(loadExample(file), { credentials: credentialsOf(env.sandbox) });
}

describe('SuperOffice example workflows', () => {
	test('answer a chat (SoTicket, Online): the message is stored and the session read back', async () => {
		const result = await runExample('superoffice-answer-chat.workflow.json');
		expect(result.status).toBe('success');
		expect(env.sandbox.received('superoffice')).toEqual([
			expect.objectContaining({ tenant: 'Cust12345', chatSessionId: 101, auth: 'SOTicket', headers: { 'accept-language': 'en', 'so-language': 'en' } }),
		]);
		expect(result.output('Get Chat Session')[0].json).toMatchObject({
			ChatSessionId: 101,
			LastMessage: 'Hello Kari! Your order #1042 has shipped and arrives on Tuesday.',
		});
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test('new messages (Bearer, Online): the messages after 1001', async () => {
		const result = await runExample('superoffice-new-messages.workflow.json');
		expect(result.status).toBe('success');
		expect(result.output('Get New Chat Messages').map((i) => i.json.ChatMessageId)).toEqual([1002, 1003]);
		expect(env.sandbox.requests.map((r) => [r.auth, r.query])).toEqual([['Bearer', { after: '1001' }]]);
	});

	test('Onsite round trip (Basic): the added message closes the conversation read back', async () => {
		const result = await runExample('superoffice-onsite-round-trip.workflow.json');
		expect(result.status).toBe('success');
		const messages = result.output('Get Chat Messages').map((i) => i.json);
		expect(messages.map((m) => m.ChatMessageId)).toEqual([1, 2, 4]);
		expect(messages[2]).toEqual(result.output('Add Chat Message')[0].json);
		expect(env.sandbox.received('superoffice')[0]).toMatchObject({ tenant: 'SuperOffice', auth: 'Basic' });
	});
});

describe('SuperOffice example: hand a chat over (pickers)', () => {
	test('the transcript is read, the customer told, and the session offered to PER', async () => {
		const result = await runWorkflow(loadExample('superoffice-hand-over-chat.workflow.json'), { credentials: credentialsOf(env.sandbox) });
		expect(result.status).toBe('success');
		expect(result.output('Get Chat Transcript')[0].json.transcript).toMatch(/^\[2024-05-01T10:00:00Z\] Kari Nordmann: Hi, where is my order #1042\?/);
		expect(env.sandbox.received('superoffice').map((e) => [e.operation, e.chatSessionId ?? e.id])).toEqual([
			['addChatMessage', 101],
			['transferChatSession', 101],
		]);
		expect(result.output('Transfer to Per')[0].json.TransferTo).toMatchObject({ Name: 'PER' });
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});
});
