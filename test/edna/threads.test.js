'use strict';

// Thread → Get, Client → Find and Message → Send to Thread.
const { useSandbox, loadWorkflow, items, credentialsOf, secretsOf, expectNoSecrets, expectRejectedBeforeSending, runWorkflow } = require('../helpers');

const env = useSandbox();

async function run(file, input, credentials = credentialsOf(env.sandbox, 'edna')) {
	return await runWorkflow(loadWorkflow(`edna/${file}`), { credentials, input: items(...input) });
}

async function rejected(file, input, message) {
	const credentials = credentialsOf(env.sandbox, 'edna');
	return await expectRejectedBeforeSending(env.sandbox, loadWorkflow(`edna/${file}`), { credentials, input: items(...input) }, message);
}

describe('edna Chat Center: Thread → Get', () => {
	test('the thread with its status, agent and client', async () => {
		const result = await run('get-thread.workflow.json', [{ threadId: 501 }, { threadId: '502' }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Thread').map((i) => [i.json.id, i.json.status, i.json.clientId, i.json.currentAgentLogin, i.json.clientExternalId])).toEqual([
			[501, 'ANSWER_NEEDED', 1001, 'agent.anna', 'crm-42'],
			[502, 'WAITING', 1002, 'agent.boris', 'crm-43'],
		]);
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.auth])).toEqual([
			['GET', '/api/v1/threads/501', 'Bearer'],
			['GET', '/api/v1/threads/502', 'Bearer'],
		]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'edna'));
	});

	test.each([
		['', 'Thread ID is empty: give the ID of the edna thread. [item 0]'],
		['abc', 'Thread ID must be edna\'s numeric ID, not "abc". [item 0]'],
		['..', 'Thread ID must be edna\'s numeric ID, not "..". [item 0]'],
	])('Thread ID %p is refused before anything is sent', async (threadId, message) => {
		await rejected('get-thread.workflow.json', [{ threadId }], message);
	});

	test('a thread edna does not have: its message and status', async () => {
		const result = await run('get-thread.workflow.json', [{ threadId: 999 }]);
		expect(result.error.message).toBe('edna Chat Center rejected the request (HTTP 404): Thread 999 not found. [item 0]');
	});

	test('an expired token: 401 with the log-in hint', async () => {
		const credentials = credentialsOf(env.sandbox, 'edna', { ednaChatCenterBearerApi: { token: 'expired' } });
		const result = await run('get-thread.workflow.json', [{ threadId: 501 }], credentials);
		expect(result.error.message).toBe('edna Chat Center rejected the request (HTTP 401): Full authentication is required to access this resource. [item 0]');
		expect(result.error.description).toMatch(/Log in to edna again/);
	});
});

describe('edna Chat Center: Client → Find', () => {
	test('by phone numbers, written any way: digits go to edna, one item per client found', async () => {
		const result = await run('find-clients.workflow.json', [{ values: '+7 900 000-00-01, 79000000003, 79999999999' }]);
		expect(result.status).toBe('success');
		expect(result.output('Find Clients').map((i) => i.json)).toEqual([
			{ id: 1001, externalId: 'crm-42', phone: '79000000001', hasActiveThread: true },
			{ id: 1003, externalId: null, phone: '79000000003', hasActiveThread: false },
		]);
		expect(env.sandbox.requests.map((r) => [r.method, r.path])).toEqual([['POST', '/api/v1/clients/short-info']]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('by external IDs from an expression list', async () => {
		const result = await run('find-clients.workflow.json', [{ findBy: 'externalIds', values: ['crm-43', 'crm-42', 'crm-43'] }]);
		expect(result.output('Find Clients').map((i) => i.json.id)).toEqual([1001, 1002]);
	});

	test.each([
		[{ values: '' }, 'Values is empty: give at least one phone number or external client ID. [item 0]'],
		[{ values: 'call me' }, 'Values: "call me" is not a phone number. [item 0]'],
		[{ findBy: 'email', values: 'a@b.c' }, 'Find By must be "phones" or "externalIds", not "email". [item 0]'],
	])('%p is refused before anything is sent', async (item, message) => {
		await rejected('find-clients.workflow.json', [item], message);
	});

	test('a 500 is retried like a read, and the error never says something may have been sent', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: '/api/v1/clients/short-info', status: 500, times: 3 });
		const result = await run('find-clients.workflow.json', [{ values: '79000000001' }]);
		expect(result.error.message).toBe('edna Chat Center answered with a server error (HTTP 500 after 3 attempts): Internal Server Error. [item 0]');
	});
});

describe('edna Chat Center: Message → Send to Thread', () => {
	test.each([
		[{ threadId: 502, text: 'On its way' }, { threadId: 502, text: 'On its way', attachments: [] }],
		[{ identifyBy: 'threadsClientId', threadsClientId: '1003', text: 'Hello' }, { threadsClientId: 1003, text: 'Hello', attachments: [] }],
		[{ identifyBy: 'clientId', clientId: ' crm-42 ', text: 'Hi' }, { clientId: 'crm-42', text: 'Hi', attachments: [] }],
	])('%p: sent once, edna’s message ID returned', async (item, sent) => {
		const result = await run('send-to-thread.workflow.json', [item]);
		expect(result.status).toBe('success');
		expect(result.output('Send to Thread')).toEqual([{ json: { id: 1 }, pairedItem: { item: 0 } }]);
		expect(env.sandbox.received('edna', 'sendToThread').map((m) => m.body)).toEqual([sent]);
		expect(env.sandbox.requests.map((r) => [r.method, r.path])).toEqual([['POST', '/api/v1/messages/outgoing']]);
	});

	test('an attachment without text', async () => {
		const attachments = [{ url: 'https://files.example.com/invoice.pdf', name: 'invoice.pdf' }];
		await run('send-to-thread.workflow.json', [{ threadId: 501, text: '', attachments }]);
		expect(env.sandbox.received('edna', 'sendToThread').map((m) => m.body)).toEqual([{ threadId: 501, attachments }]);
	});

	test.each([
		[{ threadId: 'x', text: 'hi' }, 'Thread ID must be edna\'s numeric ID, not "x". [item 0]'],
		[{ identifyBy: 'clientId', clientId: ' ', text: 'hi' }, 'External Client ID is empty: give the client edna should message. [item 0]'],
		[{ threadId: 501, text: '  ' }, 'The message is empty: give a Text or at least one attachment. [item 0]'],
		[{ threadId: 501, text: 'x'.repeat(2001) }, 'Text is 2,001 characters long; edna accepts at most 2,000. [item 0]'],
	])('%p is refused before anything is sent', async (item, message) => {
		await rejected('send-to-thread.workflow.json', [item], message);
	});

	test('a thread edna does not have: 404 with its message; nothing sent', async () => {
		const result = await run('send-to-thread.workflow.json', [{ threadId: 999, text: 'hi' }]);
		expect(result.error.message).toBe('edna Chat Center rejected the request (HTTP 404): Thread 999 not found. [item 0]');
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('a 500 after edna stored the message says it may have been delivered, and is not sent again', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: '/api/v1/messages/outgoing', after: 500 });
		const result = await run('send-to-thread.workflow.json', [{ threadId: 501, text: 'once' }]);
		expect(result.error.message).toMatch(/^edna Chat Center answered with a server error \(HTTP 500\): .* may have/);
		expect(env.sandbox.received('edna', 'sendToThread')).toHaveLength(1);
	});
});
