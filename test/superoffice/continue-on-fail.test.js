'use strict';

const { useSandbox, items, expectNoSecrets, errorsOf, runWorkflow } = require('../helpers');
const { credentialsOf, secretsOf, workflowFor } = require('./support');

const env = useSandbox();
const creds = () => credentialsOf(env.sandbox);

const MIX = [
	{ chatSessionId: 101, message: 'good 0' },
	{ chatSessionId: 'abc', message: 'bad id' }, // caught before sending
	{ chatSessionId: 999, message: 'no such session' }, // SuperOffice answers 404
	{ chatSessionId: 102, message: 'good 3', type: 'ToUser' },
	{ chatSessionId: 101, message: '   ' }, // caught before sending
	{ chatSessionId: 103, message: 'good 5', whenPosted: 'yesterday-ish' }, // caught before sending
	{ chatSessionId: 101, message: 'good 6' },
];

describe('SuperOffice: a batch with good and bad items', () => {
	test('Continue On Fail: every good item is stored once, each bad one comes back as an error in its place', async () => {
		const workflow = workflowFor('add-chat-message.workflow.json', 'bearer', {
			'Add Chat Message': { onError: 'continueRegularOutput' },
		});
		const result = await runWorkflow(workflow, { credentials: creds(), input: items(...MIX) });
		expect(result.status).toBe('success');
		const output = result.output('Add Chat Message');
		expect(output.map((i) => i.pairedItem)).toEqual(MIX.map((_, i) => ({ item: i })));
		expect(errorsOf(output)).toEqual([
			undefined,
			'Chat Session ID must be a positive whole number, not "abc". [item 1]',
			'SuperOffice rejected the request (HTTP 404): ChatSession with id 999 not found. [item 2]',
			undefined,
			'Message is empty: give the text to add to the chat session. [item 4]',
			'When Posted must be a date and time such as 2024-05-01T10:00:00Z, not "yesterday-ish". [item 5]',
			undefined,
		]);
		expect(env.sandbox.received('superoffice').map((m) => m.body.Message).sort()).toEqual(['good 0', 'good 3', 'good 6']);
		for (const index of [0, 3, 6]) {
			expect(output[index].json.Message).toBe(MIX[index].message);
			expect(typeof output[index].json.ChatMessageId).toBe('number');
		}
		expectNoSecrets(result, secretsOf(env.sandbox));
	});

	test('error output: failed items leave on the second output, with their input data', async () => {
		const workflow = workflowFor('add-chat-message.workflow.json', 'soTicket', {
			'Add Chat Message': { onError: 'continueErrorOutput' },
		});
		const result = await runWorkflow(workflow, { credentials: creds(), input: items(...MIX) });
		expect(result.status).toBe('success');
		expect(result.output('Add Chat Message', 0).map((i) => i.pairedItem.item)).toEqual([0, 3, 6]);
		const failed = result.output('Add Chat Message', 1);
		expect(failed.map((i) => i.pairedItem.item)).toEqual([1, 2, 4, 5]);
		expect(failed[1].json).toMatchObject({ chatSessionId: 999, error: expect.stringContaining('ChatSession with id 999 not found') });
	});

	test('Get Many with Continue On Fail: a missing session fails alone, the others return their messages', async () => {
		const workflow = workflowFor('get-chat-messages.workflow.json', 'basic', {
			'Get Chat Messages': { onError: 'continueRegularOutput' },
		});
		const result = await runWorkflow(workflow, {
			credentials: creds(),
			input: items({ chatSessionId: 7 }, { chatSessionId: 70 }, { chatSessionId: 8 }),
		});
		expect(result.output('Get Chat Messages').map((i) => [i.pairedItem.item, i.json.ChatMessageId ?? i.json.error])).toEqual([
			[0, 1],
			[0, 2],
			[1, 'SuperOffice rejected the request (HTTP 404): ChatSession with id 70 not found. [item 1]'],
			[2, 3],
		]);
	});

	test('without Continue On Fail, a bad item stops the node before any message is sent', async () => {
		const result = await runWorkflow(workflowFor('add-chat-message.workflow.json', 'soTicket'), {
			credentials: creds(),
			input: items(...MIX),
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Chat Session ID must be a positive whole number, not "abc". [item 1]');
		expect(env.sandbox.requests).toEqual([]);
	});

	test('without Continue On Fail, a vendor error says how many messages were already stored', async () => {
		const workflow = workflowFor('add-chat-message.workflow.json', 'soTicket', {
			'Add Chat Message': { parameters: { options: { parallelRequests: 1 } } },
		});
		const result = await runWorkflow(workflow, {
			credentials: creds(),
			input: items({ chatSessionId: 101, message: 'a' }, { chatSessionId: 102, message: 'b' }, { chatSessionId: 999, message: 'c' }),
		});
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 404): ChatSession with id 999 not found. [item 2]');
		expect(result.error.description).toContain('2 other items were already sent before this error; running the node again sends them again.');
		expect(env.sandbox.received('superoffice')).toHaveLength(2);
	});
});
