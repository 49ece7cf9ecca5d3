'use strict';

// Conversation, Session and Endpoint → Get Many, and Simplify on Message → Get Many.
const { useSandbox, items, credentialsOf, secretsOf, expectNoSecrets, expectRejectedBeforeSending, runWorkflow, loadWorkflow } = require('../helpers');
const { USERS } = require('../sandbox/vendors/evovoice');

const env = useSandbox();

async function run(file, input, credentials = credentialsOf(env.sandbox, 'evovoice')) {
	return await runWorkflow(loadWorkflow(`evovoice/${file}`), { credentials, input: items(...input) });
}

const asAgent = () => credentialsOf(env.sandbox, 'evovoice', { evoVoiceBasicApi: { email: USERS.agent.email, password: USERS.agent.password } });
const queries = () => env.sandbox.requests.map((r) => [r.path, r.query]);

describe('EvoVoice: Conversation → Get Many', () => {
	test('every conversation of the user’s accounts, each with its most recent message', async () => {
		const result = await run('get-conversations.workflow.json', [{}]);
		expect(result.status).toBe('success');
		const output = result.output('Get Conversations').map((i) => i.json);
		expect(output.map((c) => c.id)).toEqual(['conv-a', 'conv-b', 'conv-c', 'conv-d', 'conv-l']);
		const lastOfA = env.sandbox.state.evovoice.messages.filter((m) => m.conversationId === 'conv-a').at(-1).info;
		expect(output[0]).toEqual({ id: 'conv-a', endpointId: 'ep-main', otherAddress: '+15557770001', mostRecentMessage: lastOfA });
		expect(queries()).toEqual([['/conversations', {}]]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'evovoice'));
	});

	test('filters go to EvoVoice; Limit and Simplify shape the output', async () => {
		const result = await run('get-conversations.workflow.json', [{ endpointIds: 'ep-main, ep-sales', limit: 3, simplify: true }]);
		const output = result.output('Get Conversations').map((i) => i.json);
		expect(output).toHaveLength(3);
		expect(output[0]).toEqual({
			id: 'conv-a',
			endpointId: 'ep-main',
			who: '+15557770001',
			when: expect.any(String),
			direction: expect.stringMatching(/^(incoming|outgoing)$/),
			text: expect.stringMatching(/^Seed message \d+$/),
		});
		expect(queries()).toEqual([['/conversations', { endpointIds: 'ep-main,ep-sales' }]]);
	});

	test('After Date in the workflow’s time zone reaches EvoVoice in UTC', async () => {
		await run('get-conversations.workflow.json', [{ afterDate: '2024-03-05T10:00:00' }]);
		expect(queries()).toEqual([['/conversations', { afterDate: '2024-03-05T09:00:00.000Z' }]]);
	});

	test('After Date "soon" is refused before anything is sent', async () => {
		const credentials = credentialsOf(env.sandbox, 'evovoice');
		await expectRejectedBeforeSending(env.sandbox, loadWorkflow('evovoice/get-conversations.workflow.json'), { credentials, input: items({ afterDate: 'soon' }) }, /^After Date "soon" is not a date: .* \[item 0\]$/);
	});

	test('an account the user may not see: EvoVoice’s 403 in one sentence', async () => {
		const result = await run('get-conversations.workflow.json', [{ accountIds: 'acc-globex' }]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 403): You do not have access to account acc-globex. [item 0]');
	});
});

describe('EvoVoice: Session → Get Many', () => {
	test('newest first, paging through EvoVoice’s pages with Return All', async () => {
		const result = await run('get-sessions.workflow.json', [{ returnAll: true }]);
		expect(result.output('Get Sessions').map((i) => i.json.id)).toEqual(['ses-1002', 'ses-1001', 'ses-0999']);
		expect(queries()).toEqual([['/sessions', { page: '0', countPerPage: '100' }]]);
	});

	test('a Limit smaller than the list pages at the limit’s size until it is reached', async () => {
		const result = await run('get-sessions.workflow.json', [{ limit: 2, simplify: true }]);
		expect(result.output('Get Sessions').map((i) => i.json)).toEqual([
			{ id: 'ses-1002', channel: 'Chat', from: '+15557770004', to: '+15550002222', endpoint: 'Acme Sales Line', when: '2024-05-03T10:30:00Z', ended: false },
			expect.objectContaining({ id: 'ses-1001', from: '+15557770001' }),
		]);
		expect(queries()).toEqual([['/sessions', { page: '0', countPerPage: '2' }]]);
	});

	test('Limit 1 over three sessions takes one page; paging goes on until the limit', async () => {
		const result = await run('get-sessions.workflow.json', [{ limit: 1 }, { from: '777000', limit: 3 }]);
		expect(result.output('Get Sessions').map((i) => [i.json.id, i.pairedItem.item])).toEqual([
			['ses-1002', 0],
			['ses-1002', 1],
			['ses-1001', 1],
			['ses-0999', 1],
		]);
		expect(queries()).toEqual([
			['/sessions', { page: '0', countPerPage: '1' }],
			['/sessions', { from: '777000', page: '0', countPerPage: '3' }],
		]);
	});

	test('dates and parties go to EvoVoice as given', async () => {
		const result = await run('get-sessions.workflow.json', [{ startDate: '2024-05-02', endDate: '2024-05-02', to: '0001111' }]);
		expect(result.output('Get Sessions').map((i) => i.json.id)).toEqual(['ses-1001']);
		expect(queries()[0][1]).toMatchObject({ startDate: '2024-05-02', endDate: '2024-05-02', to: '0001111' });
	});

	test('a Start Date EvoVoice cannot read: its field error, named as the editor names it', async () => {
		const result = await run('get-sessions.workflow.json', [{ startDate: 'May 2nd' }]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 400): Start Date must be a date as YYYY-MM-DD. [item 0]');
	});
});

describe('EvoVoice: Endpoint → Get Many', () => {
	test('Return All reads every page (100 at a time) of the user’s endpoints', async () => {
		const result = await run('get-endpoints.workflow.json', [{ returnAll: true, simplify: true }]);
		const output = result.output('Get Endpoints').map((i) => i.json);
		expect(output).toHaveLength(64);
		expect(output[0]).toEqual({ id: 'ep-main', name: 'Acme Support Line', type: 'PhoneNumber', phoneNumber: '+15550001111' });
		expect(output.some((e) => e.id === 'ep-globex')).toBe(false);
		expect(queries()).toEqual([['/endpoints', { page: '0', countPerPage: '100' }]]);
	});

	test('Limit 30 of 64: two requests would be wrong, one page of 30 is asked for', async () => {
		const result = await run('get-endpoints.workflow.json', [{ limit: 30 }]);
		expect(result.output('Get Endpoints')).toHaveLength(30);
		expect(queries()).toEqual([['/endpoints', { page: '0', countPerPage: '30' }]]);
	});

	test('name and phone-number filters', async () => {
		const result = await run('get-endpoints.workflow.json', [{ name: 'sales' }, { phoneNumber: '+1555000' }]);
		expect(result.output('Get Endpoints').map((i) => [i.json.id, i.pairedItem.item])).toEqual([
			['ep-sales', 0],
			['ep-main', 1],
			['ep-sales', 1],
			['ep-labs', 1],
		]);
	});

	test('a plain User may not list endpoints: EvoVoice’s 403 and the access hint', async () => {
		const result = await run('get-endpoints.workflow.json', [{}], asAgent());
		expect(result.error.message).toBe(
			'EvoVoice rejected the request (HTTP 403): Requires any of the roles: SystemAdministrator, Manager, Customer. [item 0]',
		);
		expect(result.error.description).toMatch(/^The EvoVoice user in the credential may not use/);
		expectNoSecrets(result, [USERS.agent.password]);
	});

	test('Limit 0 is refused before anything is sent', async () => {
		const credentials = credentialsOf(env.sandbox, 'evovoice');
		await expectRejectedBeforeSending(env.sandbox, loadWorkflow('evovoice/get-endpoints.workflow.json'), { credentials, input: items({ limit: 0 }) }, 'Limit must be a whole number of 1 or more, not "0". Turn on Return All to get every endpoint. [item 0]');
	});
});

describe('EvoVoice: Message → Get Many with Simplify', () => {
	test('who, when, direction and text', async () => {
		const workflow = loadWorkflow('evovoice/get-many-limit.workflow.json', { 'Get Messages': { parameters: { simplify: true } } });
		const input = items({ conversationIds: 'conv-a,conv-b', limit: 2 });
		const result = await runWorkflow(workflow, { credentials: credentialsOf(env.sandbox, 'evovoice'), input });
		expect(result.output('Get Messages').map((i) => i.json)).toEqual([
			{ id: 'msg-0001', who: '+15557770001', endpoint: 'Acme Support Line', when: '2024-03-01T08:00:00.000Z', direction: 'outgoing', text: 'Seed message 1' },
			{ id: 'msg-0002', who: '+15557770002', endpoint: 'Acme Support Line', when: '2024-03-01T08:37:00.000Z', direction: 'incoming', text: 'Seed message 2' },
		]);
	});
});
