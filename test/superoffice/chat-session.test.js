'use strict';

const { useSandbox, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow } = require('../helpers');
const { AUTHS, ADD, GET_SESSION, workflowFor } = require('./support');

const env = useSandbox();

async function run(file, authentication, input) {
	return await runWorkflow(workflowFor(file, authentication), { credentials: credentialsOf(env.sandbox, 'superoffice'), input: items(...input) });
}

const getSession = (authentication, input) => run(GET_SESSION, authentication, input);

describe('SuperOffice: Chat Session → Get', () => {
	test.each(Object.keys(AUTHS))('with %s authentication: returns the session as SuperOffice has it', async (authentication) => {
		const a = AUTHS[authentication];
		const result = await getSession(authentication, [{ chatSessionId: String(a.session) }]);
		expect(result.status).toBe('success');
		const output = result.output('Get Chat Session');
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual(env.sandbox.state.superoffice.tenants[a.tenant === 'SuperOffice' ? 'onsite' : 'online'].sessions[a.session]);
		expect(output[0].json).toMatchObject({ ChatSessionId: a.session, Status: 'Active', CustomerName: expect.any(String) });
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.auth, r.status])).toEqual([
			['GET', `/${a.tenant}/api/v1/ChatSession/${a.session}`, a.scheme, 200],
		]);
		expect(env.sandbox.ledger).toEqual([]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test('reflects messages added since: last message and idle time', async () => {
		const add = await run(ADD, 'bearer', [{ chatSessionId: 102, message: 'Anything else I can help with?', whenPosted: '2024-05-01T11:30:00Z' }]);
		expect(add.status).toBe('success');
		const result = await getSession('bearer', [{ chatSessionId: 102 }]);
		expect(result.output('Get Chat Session')[0].json).toMatchObject({
			ChatSessionId: 102,
			LastMessage: 'Anything else I can help with?',
			WhenIdle: '2024-05-01T11:30:00.000Z',
		});
	});

	test('several items: one session each, in input order, with language headers', async () => {
		const result = await getSession('soTicket', [
			{ chatSessionId: 103, language: 'en' },
			{ chatSessionId: 101, timeZone: 'UTC' },
		]);
		expect(result.output('Get Chat Session').map((i) => [i.json.ChatSessionId, i.json.Status, i.pairedItem.item])).toEqual([
			[103, 'Closed', 0],
			[101, 'Active', 1],
		]);
		const headers = env.sandbox.state.superoffice.requests.map((r) => [r.route, r.headers]);
		expect(headers).toEqual(
			expect.arrayContaining([
				['/ChatSession/103', { 'accept-language': 'en', 'so-language': 'en' }],
				['/ChatSession/101', { 'so-timezone': 'UTC' }],
			]),
		);
	});
});
