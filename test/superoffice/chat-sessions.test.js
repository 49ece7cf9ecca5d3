'use strict';

// Chat Session → Create, Get Many, Transfer, Get Transcript: the operations around a message.
const { useSandbox, items, credentialsOf, secretsOf, expectNoSecrets, expectRejectedBeforeSending, runWorkflow, errorsOf } = require('../helpers');
const { workflowFor } = require('./support');

const env = useSandbox();

const CREATE = 'create-chat-session.workflow.json';
const GET_SESSIONS = 'get-chat-sessions.workflow.json';
const TRANSFER = 'transfer-chat-session.workflow.json';
const TRANSCRIPT = 'get-chat-transcript.workflow.json';

async function run(file, input, authentication = 'soTicket') {
	return await runWorkflow(workflowFor(file, authentication), { credentials: credentialsOf(env.sandbox, 'superoffice'), input: items(...input) });
}

async function rejected(file, input, message) {
	const credentials = credentialsOf(env.sandbox, 'superoffice');
	return await expectRejectedBeforeSending(env.sandbox, workflowFor(file, 'soTicket'), { credentials, input: items(...input) }, message);
}

const online = () => env.sandbox.state.superoffice.tenants.online;
const calls = () => env.sandbox.requests.map((r) => [r.method, r.path, r.status]);

describe('SuperOffice: Chat Session → Create', () => {
	test('starts a session on the topic and returns it; the sandbox has it', async () => {
		const result = await run(CREATE, [{ chatTopicId: 1 }, { chatTopicId: '1' }]);
		expect(result.status).toBe('success');
		const output = result.output('Create Chat Session').map((i) => i.json);
		expect(output.map((s) => [s.ChatSessionId, s.TopicId, s.Status])).toEqual([
			[104, 1, 'Pending'],
			[105, 1, 'Pending'],
		]);
		expect(online().sessions[104]).toEqual(output[0]);
		expect(env.sandbox.received('superoffice', 'createChatSession').map((e) => e.chatTopicId)).toEqual([1, 1]);
		expect(calls()).toEqual([
			['POST', '/Cust12345/api/v1/ChatTopic/1/Sessions', 200],
			['POST', '/Cust12345/api/v1/ChatTopic/1/Sessions', 200],
		]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test.each([
		['', 'Chat Topic ID is empty: give the ID of the SuperOffice chat topic. [item 0]'],
		['support', 'Chat Topic ID must be a positive whole number, not "support". [item 0]'],
		['0', 'Chat Topic ID must be a positive whole number, not "0". [item 0]'],
	])('Chat Topic ID %p is refused before anything is sent', async (chatTopicId, message) => {
		await rejected(CREATE, [{ chatTopicId }], message);
	});

	test('a topic the user is not a member of: SuperOffice’s 403 with its message, nothing created', async () => {
		const result = await run(CREATE, [{ chatTopicId: 3 }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 403): You are not a member of chat topic 3. [item 0]');
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('a topic that does not exist: the 404 names the Chat Topic ID', async () => {
		const result = await run(CREATE, [{ chatTopicId: 77 }]);
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 404): ChatTopic with id 77 not found. [item 0]');
		expect(result.error.description).toBe(
			'SuperOffice has no chat topic with this ID, or the signed-in user cannot see it. Check the Chat Topic ID.',
		);
	});
});

describe('SuperOffice: Chat Session → Get Many', () => {
	test('My Chat Sessions: the sessions on the user’s topics, whole records', async () => {
		const result = await run(GET_SESSIONS, [{}]);
		expect(result.status).toBe('success');
		const output = result.output('Get Chat Sessions').map((i) => i.json);
		expect(output).toEqual([101, 102, 103].map((id) => online().sessions[id]));
		expect(calls()).toEqual([['GET', '/Cust12345/api/v1/ChatSession/ForCurrentUser', 200]]);
	});

	test('Limit and Simplify: the first sessions as customer, status, agent and times', async () => {
		const result = await run(GET_SESSIONS, [{ limit: 2, simplify: true }]);
		expect(result.output('Get Chat Sessions').map((i) => i.json)).toEqual([
			{
				id: 101,
				topicId: 1,
				customer: 'Kari Nordmann',
				customerEmail: 'kari@example.com',
				status: 'Active',
				agent: 'Anna Berg',
				requested: '2024-05-01T09:58:00Z',
				lastActive: '2024-05-01T10:02:00Z',
				lastMessage: '',
			},
			expect.objectContaining({ id: 102, customer: 'Per Hansen', customerEmail: null }),
		]);
	});

	test('Search (OData): the filter goes to SuperOffice as $filter; rows come back', async () => {
		const result = await run(GET_SESSIONS, [{ source: 'search', filter: "status eq 'Closed'" }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Chat Sessions').map((i) => [i.json.PrimaryKey, i.json.status])).toEqual([[103, 'Closed']]);
		expect(env.sandbox.requests.map((r) => r.query)).toEqual([{ $top: '50', $skip: '0', $filter: "status eq 'Closed'" }]);
	});

	test('Search (OData) with Return All pages with $top and $skip until a short page', async () => {
		const created = await run(CREATE, Array.from({ length: 250 }, () => ({ chatTopicId: 1 })));
		expect(created.status).toBe('success');
		env.sandbox.requests.length = 0;
		const result = await run(GET_SESSIONS, [{ source: 'search', returnAll: true }]);
		const output = result.output('Get Chat Sessions');
		expect(output).toHaveLength(253);
		expect(new Set(output.map((i) => i.json.PrimaryKey)).size).toBe(253);
		expect(env.sandbox.requests.map((r) => [r.query.$top, r.query.$skip])).toEqual([
			['200', '0'],
			['200', '200'],
		]);
	});

	test('Search (OData) with a Limit over one page asks only for what is missing', async () => {
		await run(CREATE, Array.from({ length: 210 }, () => ({ chatTopicId: 1 })));
		env.sandbox.requests.length = 0;
		const result = await run(GET_SESSIONS, [{ source: 'search', limit: 205 }]);
		expect(result.output('Get Chat Sessions')).toHaveLength(205);
		expect(env.sandbox.requests.map((r) => [r.query.$top, r.query.$skip])).toEqual([
			['200', '0'],
			['5', '200'],
		]);
	});

	test('a filter SuperOffice cannot read: its own message', async () => {
		const result = await run(GET_SESSIONS, [{ source: 'search', filter: 'colour is red' }]);
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 400): Unable to parse the filter "colour is red". [item 0]');
	});

	test('Limit "ten" is refused before anything is sent', async () => {
		await rejected(GET_SESSIONS, [{ limit: 'ten' }], 'Limit must be a whole number of 1 or more, not "ten". Turn on Return All to get every chat session. [item 0]');
	});
});

describe('SuperOffice: Chat Session → Transfer', () => {
	test.each([['PER'], ['14'], ['per']])('to %p: SuperOffice records the pending transfer', async (toAssociate) => {
		const result = await run(TRANSFER, [{ chatSessionId: 101, toAssociate }]);
		expect(result.status).toBe('success');
		expect(result.output('Transfer Chat Session')[0].json).toMatchObject({ ChatSessionId: 101, TransferTo: { Name: 'PER' } });
		expect(env.sandbox.received('superoffice', 'transferChatSession').map((e) => [e.id, e.to])).toEqual([[101, 'PER']]);
		expect(calls()).toEqual([['POST', `/Cust12345/api/v1/ChatSession/101/TransferTo/${toAssociate}`, 200]]);
	});

	test.each([
		['', 'To User is empty: give the user name or associate ID of the SuperOffice user. [item 0]'],
		['..', 'To User ".." is not a user name or associate ID. [item 0]'],
	])('To User %p is refused before anything is sent', async (toAssociate, message) => {
		await rejected(TRANSFER, [{ chatSessionId: 101, toAssociate }], message);
	});

	test('a user name with a slash stays one path segment', async () => {
		const result = await run(TRANSFER, [{ chatSessionId: 101, toAssociate: 'a/b' }]);
		expect(result.error.message).toBe("SuperOffice rejected the request (HTTP 400): Unknown associate 'a/b'. [item 0]");
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(['/Cust12345/api/v1/ChatSession/101/TransferTo/a%2Fb']);
	});

	test('Continue On Fail with Parallel Requests 1: a bad item and a refused one fail alone, in input order', async () => {
		const workflow = workflowFor(TRANSFER, 'soTicket', {
			'Transfer Chat Session': { onError: 'continueRegularOutput', parameters: { options: { parallelRequests: 1 } } },
		});
		const input = items(
			{ chatSessionId: 101, toAssociate: 'PER' },
			{ chatSessionId: 'abc', toAssociate: 'PER' },
			{ chatSessionId: 102, toAssociate: 'NOBODY' },
			{ chatSessionId: 103, toAssociate: 'OLA' },
		);
		const result = await runWorkflow(workflow, { credentials: credentialsOf(env.sandbox, 'superoffice'), input });
		const output = result.output('Transfer Chat Session');
		expect(errorsOf(output)).toEqual([
			undefined,
			'Chat Session ID must be a positive whole number, not "abc". [item 1]',
			"SuperOffice rejected the request (HTTP 400): Unknown associate 'NOBODY'. [item 2]",
			undefined,
		]);
		expect(output.map((i) => i.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(env.sandbox.received('superoffice', 'transferChatSession').map((e) => [e.id, e.to])).toEqual([
			[101, 'PER'],
			[103, 'OLA'],
		]);
	});

	test('a session that does not exist: the 404 names the Chat Session ID', async () => {
		const result = await run(TRANSFER, [{ chatSessionId: 999, toAssociate: 'PER' }]);
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 404): ChatSession with id 999 not found. [item 0]');
		expect(env.sandbox.ledger).toEqual([]);
	});
});

describe('SuperOffice: Chat Session → Get Transcript', () => {
	test('as text: every message in order, one line each', async () => {
		const result = await run(TRANSCRIPT, [{ chatSessionId: 101 }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Chat Transcript')[0].json).toEqual({
			chatSessionId: 101,
			format: 'text',
			transcript: [
				'[2024-05-01T10:00:00Z] Kari Nordmann: Hi, where is my order #1042?',
				'[2024-05-01T10:01:00Z] Anna Berg: Let me check that for you.',
				'[2024-05-01T10:02:00Z] Kari Nordmann: Thanks!',
			].join('\n'),
		});
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['POST', '/Cust12345/api/v1/ChatSession/101/Transcript', { html: 'false' }],
		]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('as HTML', async () => {
		const result = await run(TRANSCRIPT, [{ chatSessionId: 103, html: true }]);
		const json = result.output('Get Chat Transcript')[0].json;
		expect(json.format).toBe('html');
		expect(json.transcript).toMatch(/^<html><body><p>\[2024-04-30T15:00:00Z\] Eva Lund: Can I change my delivery address\?<\/p>/);
	});

	test('a 500 is retried like a read and never said to have delivered anything', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', path: /Transcript$/, status: 500, times: 3 });
		const result = await run(TRANSCRIPT, [{ chatSessionId: 101 }]);
		expect(result.error.message).toBe('SuperOffice answered with a server error (HTTP 500 after 3 attempts): Internal server error. [item 0]');
		expect(result.error.message).not.toMatch(/may have/);
	});

	test('Chat Session ID "latest" is refused before anything is sent', async () => {
		await rejected(TRANSCRIPT, [{ chatSessionId: 'latest' }], 'Chat Session ID must be a positive whole number, not "latest". [item 0]');
	});
});
