'use strict';

// Chat Topic → Get Many and Is Open.
const { useSandbox, items, credentialsOf, expectRejectedBeforeSending, runWorkflow } = require('../helpers');
const { workflowFor } = require('./support');

const env = useSandbox();

const GET_TOPICS = 'get-chat-topics.workflow.json';
const IS_OPEN = 'chat-topic-is-open.workflow.json';

async function run(file, input, authentication = 'soTicket') {
	return await runWorkflow(workflowFor(file, authentication), { credentials: credentialsOf(env.sandbox, 'superoffice'), input: items(...input) });
}

describe('SuperOffice: Chat Topic → Get Many', () => {
	test('the topics the signed-in user is a member of, whole records', async () => {
		const result = await run(GET_TOPICS, [{}]);
		expect(result.status).toBe('success');
		const output = result.output('Get Chat Topics').map((i) => i.json);
		expect(output.map((t) => [t.ChatTopicId, t.Name])).toEqual([
			[1, 'Customer Support'],
			[2, 'Sales'],
		]);
		expect(output[0]).toMatchObject({ Description: 'Orders, deliveries and returns', OpeningHoursEnabled: true });
		expect(env.sandbox.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/Cust12345/api/v1/ChatTopic/ForCurrentUser']]);
	});

	test('another user sees their own topics; Limit and Simplify', async () => {
		const result = await run(GET_TOPICS, [{ limit: 1, simplify: true }], 'bearer');
		expect(result.output('Get Chat Topics').map((i) => i.json)).toEqual([
			{ id: 1, name: 'Customer Support', description: 'Orders, deliveries and returns' },
		]);
	});

	test('a 401 carries SuperOffice’s message and the credential hint', async () => {
		const credentials = credentialsOf(env.sandbox, 'superoffice', { superOfficeBearerApi: { accessToken: '8A:expired' } });
		const result = await runWorkflow(workflowFor(GET_TOPICS, 'bearer'), { credentials, input: items({}) });
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 401): Invalid or expired access token. [item 0]');
		expect(result.error.description).toMatch(/^SuperOffice did not accept the access token/);
	});
});

describe('SuperOffice: Chat Topic → Is Open', () => {
	test('true within opening hours, false outside, one item each', async () => {
		const result = await run(IS_OPEN, [{ chatTopicId: 1 }, { chatTopicId: '2' }]);
		expect(result.status).toBe('success');
		expect(result.output('Chat Topic Is Open').map((i) => [i.json, i.pairedItem.item])).toEqual([
			[{ chatTopicId: 1, isOpen: true }, 0],
			[{ chatTopicId: 2, isOpen: false }, 1],
		]);
		expect(env.sandbox.requests.map((r) => r.path)).toEqual([
			'/Cust12345/api/v1/ChatTopic/1/IsOpen',
			'/Cust12345/api/v1/ChatTopic/2/IsOpen',
		]);
	});

	test('an unknown topic: the 404 names the Chat Topic ID', async () => {
		const result = await run(IS_OPEN, [{ chatTopicId: 42 }]);
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 404): ChatTopic with id 42 not found. [item 0]');
	});

	test('an answer that is not true or false says so', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', path: /IsOpen$/, status: 200, body: { open: 'maybe' } });
		const result = await run(IS_OPEN, [{ chatTopicId: 1 }]);
		expect(result.error.message).toBe(
			'SuperOffice answered without true or false. Check that the Base URL in the credential points at the SuperOffice Web API. [item 0]',
		);
	});

	test('Chat Topic ID "-1" is refused before anything is sent', async () => {
		const credentials = credentialsOf(env.sandbox, 'superoffice');
		await expectRejectedBeforeSending(
			env.sandbox,
			workflowFor(IS_OPEN, 'soTicket'),
			{ credentials, input: items({ chatTopicId: '-1' }) },
			'Chat Topic ID must be a positive whole number, not "-1". [item 0]',
		);
	});
});
