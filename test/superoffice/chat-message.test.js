'use strict';

const { useSandbox, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow } = require('../helpers');
const { AUTHS, ADD, GET_MANY, workflowFor } = require('./support');

const env = useSandbox();
const AUTH_NAMES = Object.keys(AUTHS);
const ROUND_TRIP = 'add-then-get-messages.workflow.json';

/** Runs a SuperOffice workflow signed in with `authentication`, with the sandbox credentials (or `credentials`). */
async function run(file, authentication, input, { credentials = credentialsOf(env.sandbox, 'superoffice'), overrides } = {}) {
	return await runWorkflow(workflowFor(file, authentication, overrides), { credentials, input: input && items(...input) });
}

async function add(authentication, input, { credentials, options } = {}) {
	const overrides = options ? { 'Add Chat Message': { parameters: { options } } } : {};
	return await run(ADD, authentication, input, { credentials, overrides });
}

async function getMany(authentication, input, parameters = {}) {
	return await run(GET_MANY, authentication, input, { overrides: { 'Get Chat Messages': { parameters } } });
}

describe('SuperOffice: Chat Message → Add', () => {
	test.each(AUTH_NAMES)('with %s authentication: stores the message and returns it as SuperOffice does', async (authentication) => {
		const a = AUTHS[authentication];
		const result = await add(authentication, [{ chatSessionId: a.session, message: 'Your order #1042 ships today.' }]);
		expect(result.status).toBe('success');
		const output = result.output('Add Chat Message');
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual({
			ChatMessageId: a.nextId,
			ChatSessionId: a.session,
			Type: 'ToCustomer',
			Message: 'Your order #1042 ships today.',
			Author: '',
			ReadByCustomer: 0,
			SpecialType: 'None',
			SpecialParam: '',
			WhenPosted: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/),
		});
		const received = env.sandbox.received('superoffice', 'addChatMessage');
		expect(received).toHaveLength(1);
		expect(received[0]).toMatchObject({
			id: a.nextId,
			tenant: a.tenant,
			chatSessionId: a.session,
			auth: a.scheme,
			associate: a.associate,
			body: { ChatSessionId: a.session, Type: 'ToCustomer', Message: 'Your order #1042 ships today.', SpecialType: 'None' },
		});
		expect(Object.keys(received[0].body).sort()).toEqual(['ChatSessionId', 'Message', 'SpecialType', 'Type']);
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.auth, r.status])).toEqual([
			['POST', `/${a.tenant}/api/v1/ChatSession/${a.session}/Messages`, a.scheme, 200],
		]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test('every field entered in the editor, with a date picked in the workflow’s time zone', async () => {
		const result = await run('add-chat-message-fields.workflow.json', 'bearer');
		expect(result.status).toBe('success');
		expect(env.sandbox.received('superoffice')[0].body).toEqual({
			ChatSessionId: 102,
			Type: 'Special',
			Message: 'Track your parcel here',
			Author: 'Example Bot',
			ReadByCustomer: 1,
			SpecialType: 'Url',
			SpecialParam: 'https://example.com/track/1042',
			// 12:00 in Europe/Oslo (the workflow's time zone) in May is 10:00 UTC.
			WhenPosted: '2024-05-01T10:00:00.000Z',
		});
		expect(result.output('Add Chat Message')[0].json).toMatchObject({
			ChatMessageId: 1007,
			ChatSessionId: 102,
			WhenPosted: '2024-05-01T10:00:00.000Z',
		});
		expect(env.sandbox.state.superoffice.requests[0].headers).toEqual({
			'accept-language': 'en',
			'so-language': 'en',
			'so-culture': 'sv',
			'so-timezone': 'NO',
		});
	});

	test('values from expressions: enum display names in any case, true for Read By Customer, a date with its own offset', async () => {
		const result = await add('soTicket', [
			{
				chatSessionId: '101',
				message: 'Chat closed after 10 minutes without activity',
				type: 'special',
				specialType: 'closed by idle',
				readByCustomer: true,
				whenPosted: '2024-05-01T12:00:00+02:00',
			},
			{ chatSessionId: 101, message: 'A customer note', type: 'To User', readByCustomer: '0', whenPosted: '2024-05-01T10:00:00Z' },
		]);
		expect(result.status).toBe('success');
		const bodies = env.sandbox.received('superoffice').map((m) => m.body);
		expect(bodies).toHaveLength(2);
		const byMessage = Object.fromEntries(bodies.map((b) => [b.Message, b]));
		expect(byMessage['Chat closed after 10 minutes without activity']).toMatchObject({
			Type: 'Special',
			SpecialType: 'ClosedByIdle',
			ReadByCustomer: 1,
			WhenPosted: '2024-05-01T10:00:00.000Z',
		});
		expect(byMessage['A customer note']).toMatchObject({ Type: 'ToUser', SpecialType: 'None', ReadByCustomer: 0, WhenPosted: '2024-05-01T10:00:00.000Z' });
	});

	test('the message text is sent exactly as given, line breaks and spaces included', async () => {
		const text = '  Hello Kari,\n\nyour parcel is on its way.\n– Anna  ';
		const result = await add('bearer', [{ chatSessionId: 101, message: text }]);
		expect(result.status).toBe('success');
		expect(env.sandbox.received('superoffice')[0].body.Message).toBe(text);
	});

	test.each([
		['a pasted /api/v1', (url) => `${url}/api/v1`],
		['a pasted /api/v1/ with spaces around', (url) => `  ${url}/api/v1/  `],
	])('a Base URL with %s reaches the same endpoint', async (_name, variant) => {
		const credentials = credentialsOf(env.sandbox, 'superoffice', { superOfficeSoTicketApi: { baseUrl: variant(env.sandbox.baseUrl('superoffice')) } });
		const result = await add('soTicket', [{ chatSessionId: 101, message: 'hi' }], { credentials });
		expect(result.status).toBe('success');
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(['/Cust12345/api/v1/ChatSession/101/Messages']);
	});

	test('a ticket and token pasted with their scheme prefix still sign in', async () => {
		const c = credentialsOf(env.sandbox, 'superoffice');
		const credentials = credentialsOf(env.sandbox, 'superoffice', {
			superOfficeSoTicketApi: { ticketToken: `SOTicket ${c.superOfficeSoTicketApi.ticketToken}` },
			superOfficeBearerApi: { accessToken: `Bearer ${c.superOfficeBearerApi.accessToken}` },
		});
		for (const authentication of ['soTicket', 'bearer']) {
			const result = await add(authentication, [{ chatSessionId: 101, message: authentication }], { credentials });
			expect(result.status).toBe('success');
		}
		expect(env.sandbox.received('superoffice').map((m) => m.auth)).toEqual(['SOTicket', 'Bearer']);
	});

	test('language, culture and time zone options reach SuperOffice as its headers, per item', async () => {
		const result = await add('basic', [
			{ chatSessionId: 7, message: 'one', language: 'nb-NO', culture: 'sv', timeZone: 'NO' },
			{ chatSessionId: 7, message: 'two', language: 'de' },
			{ chatSessionId: 7, message: 'three', timeZone: 'US-NY, includeTZOffset' },
		]);
		expect(result.status).toBe('success');
		const headersByMessage = Object.fromEntries(env.sandbox.received('superoffice').map((m) => [m.body.Message, m.headers]));
		expect(headersByMessage).toEqual({
			one: { 'accept-language': 'nb-NO', 'so-language': 'nb-NO', 'so-culture': 'sv', 'so-timezone': 'NO' },
			two: { 'accept-language': 'de', 'so-language': 'de' },
			three: { 'so-timezone': 'US-NY, includeTZOffset' },
		});
	});

	test('hundreds of items go out exactly once each, output in input order with SuperOffice’s IDs', async () => {
		const input = Array.from({ length: 200 }, (_, i) => ({ chatSessionId: i % 2 ? 101 : 102, message: `message ${i}` }));
		const result = await add('bearer', input, { options: { parallelRequests: 8 } });
		expect(result.status).toBe('success');
		const output = result.output('Add Chat Message');
		expect(output).toHaveLength(200);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.Message).toBe(`message ${i}`);
			expect(item.json.ChatSessionId).toBe(i % 2 ? 101 : 102);
		});
		const received = env.sandbox.received('superoffice');
		expect(received.map((m) => m.body.Message).sort()).toEqual(input.map((m) => m.message).sort());
		const idByMessage = Object.fromEntries(received.map((m) => [m.body.Message, m.id]));
		output.forEach((item) => expect(item.json.ChatMessageId).toBe(idByMessage[item.json.Message]));
	});
});

describe('SuperOffice: Chat Message → Get Many', () => {
	test.each(AUTH_NAMES)('with %s authentication: one output item per message, oldest first', async (authentication) => {
		const a = AUTHS[authentication];
		const result = await getMany(authentication, [{ chatSessionId: a.session }]);
		expect(result.status).toBe('success');
		const output = result.output('Get Chat Messages');
		expect(output.map((i) => i.json.ChatMessageId)).toEqual(a.seeded);
		expect(output.every((i) => i.json.ChatSessionId === a.session && i.pairedItem.item === 0)).toBe(true);
		expect(output[0].json).toEqual(
			expect.objectContaining({ Type: 'ToUser', Author: expect.any(String), Message: expect.any(String), WhenPosted: expect.any(String) }),
		);
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.query, r.auth])).toEqual([
			['GET', `/${a.tenant}/api/v1/ChatSession/${a.session}/Messages`, {}, a.scheme],
		]);
		expect(env.sandbox.ledger).toEqual([]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test('Limit keeps the first messages; Return All gives every one (SuperOffice has no paging, so nothing else is asked for)', async () => {
		await add('soTicket', Array.from({ length: 4 }, (_, i) => ({ chatSessionId: 101, message: `new ${i}` })), {
			options: { parallelRequests: 1 },
		});
		env.sandbox.requests.length = 0;

		const limited = await getMany('soTicket', [{ chatSessionId: 101, limit: 2 }]);
		expect(limited.output('Get Chat Messages').map((i) => i.json.ChatMessageId)).toEqual([1001, 1002]);

		const byDefault = await getMany('soTicket', [{ chatSessionId: 101 }]);
		expect(byDefault.output('Get Chat Messages')).toHaveLength(7);

		const all = await getMany('soTicket', [{ chatSessionId: 101, limit: 3 }], { returnAll: true });
		expect(all.output('Get Chat Messages').map((i) => i.json.ChatMessageId)).toEqual([1001, 1002, 1003, 1007, 1008, 1009, 1010]);
		expect(all.output('Get Chat Messages').slice(3).map((i) => i.json.Message)).toEqual(['new 0', 'new 1', 'new 2', 'new 3']);

		expect(env.sandbox.requests.map((r) => r.query)).toEqual([{}, {}, {}]);
	});

	test('After Message ID returns only newer messages and is sent as `after`; 0 means from the start', async () => {
		const after = await getMany('bearer', [{ chatSessionId: 101, after: '1001' }]);
		expect(after.output('Get Chat Messages').map((i) => i.json.ChatMessageId)).toEqual([1002, 1003]);

		const fromStart = await getMany('bearer', [{ chatSessionId: 101, after: 0 }]);
		expect(fromStart.output('Get Chat Messages').map((i) => i.json.ChatMessageId)).toEqual([1001, 1002, 1003]);

		const nothingNew = await getMany('bearer', [{ chatSessionId: 101, after: 1003 }]);
		expect(nothingNew.status).toBe('success');
		expect(nothingNew.output('Get Chat Messages')).toEqual([]);

		expect(env.sandbox.requests.map((r) => r.query)).toEqual([{ after: '1001' }, {}, { after: '1003' }]);
	});

	test('several input items: each item’s messages point back at it', async () => {
		const result = await getMany('soTicket', [{ chatSessionId: 102 }, { chatSessionId: 101, after: 1002 }]);
		expect(result.output('Get Chat Messages').map((i) => [i.json.ChatMessageId, i.pairedItem.item])).toEqual([
			[1004, 0],
			[1003, 1],
		]);
	});
});

describe('SuperOffice: Add, then Get Many in one workflow', () => {
	test.each(AUTH_NAMES)('with %s authentication: the added message comes back from the session', async (authentication) => {
		const a = AUTHS[authentication];
		const result = await run(ROUND_TRIP, authentication, [{ chatSessionId: a.session, message: 'Round trip' }]);
		expect(result.status).toBe('success');
		const added = result.output('Add Chat Message')[0].json;
		const messages = result.output('Get Chat Messages');
		expect(messages.map((i) => i.json.ChatMessageId)).toEqual([...a.seeded, added.ChatMessageId]);
		expect(messages[messages.length - 1].json).toEqual(added);
		expect(messages.every((i) => i.pairedItem.item === 0)).toBe(true);
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test('with After Message ID set to the last message already seen, only the new one comes back', async () => {
		const result = await run(ROUND_TRIP, 'soTicket', [{ chatSessionId: 101, message: 'Only me', after: 1003 }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Chat Messages').map((i) => i.json)).toEqual([result.output('Add Chat Message')[0].json]);
		expect(env.sandbox.requests.map((r) => [r.method, r.query])).toEqual([
			['POST', {}],
			['GET', { after: '1003' }],
		]);
	});
});
