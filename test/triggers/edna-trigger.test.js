'use strict';

const { useSandbox, loadWorkflow, loadExample, credentialsOf, secretsOf, items, runWorkflow } = require('../helpers');
const { useTriggerHost } = require('./support');
const bot = require('../sandbox/vendors/edna-bot');

const env = useSandbox();
const triggers = useTriggerHost();

const TRIGGER = 'edna Chat Center Trigger';
const SECRET = 'bot-hook-secret-4f9a1c';
const workflow = (overrides) => loadWorkflow('edna/trigger.workflow.json', overrides);
const credentials = () => credentialsOf(env.sandbox, 'edna');

/** Activates `wf` and sets its production URL as the chatbot's webhook, as an edna admin would. */
async function activate(wf = workflow(), { inUrl = true } = {}) {
	const active = await triggers.host.activate(wf, { credentials: credentials() });
	const url = active.webhookUrl(TRIGGER);
	bot.setChatbotWebhook(env.sandbox, inUrl ? `${url}?secret=${SECRET}` : url);
	return active;
}

describe('edna Chat Center Trigger (Bot Connect webhook)', () => {
	test('one client message: 202 at once and one execution with the message fields', async () => {
		const active = await activate();
		const { event, status } = await bot.customerWrites(env.sandbox, { text: 'Where is my parcel?' });
		await active.settled();
		expect(status).toBe(202);
		expect(active.executions).toHaveLength(1);
		const [item] = active.executions[0].output(TRIGGER);
		expect(item.json).toEqual(
			expect.objectContaining({
				event: 'MESSAGE',
				text: 'Where is my parcel?',
				clientId: 'crm-42',
				threadsClientId: 1001,
				sessionId: event.sessionId,
				questionId: event.questionId,
				channelInfo: { channelType: 'WEB', authorized: true },
				receivedAt: event.receivedAt,
			}),
		);
		expect(JSON.stringify(active.executions[0].run)).not.toContain(SECRET);
		await active.deactivate();
	});

	test('the secret may come in a header the admin sets instead of the URL', async () => {
		const active = await activate(workflow(), { inUrl: false });
		bot.setChatbotWebhook(env.sandbox, active.webhookUrl(TRIGGER), { 'X-Webhook-Secret': SECRET });
		expect((await bot.customerWrites(env.sandbox)).status).toBe(202);
		await active.settled();
		expect(active.executions).toHaveLength(1);
	});

	test('a missing secret gets 401, a wrong one 403, and neither starts anything', async () => {
		const active = await activate(workflow(), { inUrl: false });
		expect((await bot.customerWrites(env.sandbox)).status).toBe(401);
		bot.setChatbotWebhook(env.sandbox, `${active.webhookUrl(TRIGGER)}?secret=guess`);
		expect((await bot.customerWrites(env.sandbox)).status).toBe(403);
		bot.setChatbotWebhook(env.sandbox, active.webhookUrl(TRIGGER), { 'X-Webhook-Secret': `${SECRET}x` });
		expect((await bot.customerWrites(env.sandbox)).status).toBe(403);
		await active.settled();
		expect(active.executions).toEqual([]);
	});

	test('a redelivered message (same questionId) starts nothing the second time; a malformed body starts nothing', async () => {
		const active = await activate();
		const { event } = await bot.customerWrites(env.sandbox);
		expect(await bot.send(env.sandbox, event)).toBe(202);
		expect(await bot.send(env.sandbox, '{"action": "MESS')).toBe(400);
		expect(await bot.send(env.sandbox, { text: 'no action' })).toBe(400);
		await active.settled();
		expect(active.executions).toHaveLength(1);
	});

	test('events not chosen in Events are accepted and start nothing', async () => {
		const active = await activate();
		expect(await bot.send(env.sandbox, { action: 'INIT_CHAT', threadsClientId: 1001, channelInfo: { channelType: 'WEB' } })).toBe(202);
		await active.settled();
		expect(active.executions).toEqual([]);
		await active.deactivate();
		const both = await activate(workflow({ [TRIGGER]: { parameters: { events: ['INIT_CHAT', 'MESSAGE'] } } }));
		expect(await bot.send(env.sandbox, { action: 'INIT_CHAT', threadsClientId: 1001, channelInfo: { channelType: 'WEB' } })).toBe(202);
		await both.settled();
		expect(both.executions.map((r) => r.output(TRIGGER)[0].json.event)).toEqual(['INIT_CHAT']);
	});

	test('two-way: the client writes, the workflow answers through POST /api/v1/chatbot to that question', async () => {
		const active = await triggers.host.activate(loadExample('conversations/edna-chatbot-answers.workflow.json'), { credentials: credentials() });
		bot.setChatbotWebhook(env.sandbox, `${active.webhookUrl(TRIGGER)}?secret=${SECRET}`);
		const { event } = await bot.customerWrites(env.sandbox, { text: 'Can I talk to a person?' });
		await active.settled();
		expect(active.executions.map((r) => r.status)).toEqual(['success']);
		const answers = env.sandbox.received('edna', 'chatbotAnswer');
		expect(answers.map((a) => a.questionId)).toEqual([event.questionId]);
		expect(answers[0].body.text).toContain('Can I talk to a person?');
		const text = JSON.stringify(active.executions[0].run);
		for (const secret of [...secretsOf(env.sandbox, 'edna'), SECRET]) expect(text).not.toContain(secret);
	});
});

/** The example with `overrides` ({ node: { parameters } }) applied. */
function loadWorkflowFrom(workflow, overrides = {}) {
	for (const [name, { parameters }] of Object.entries(overrides)) {
		const node = workflow.nodes.find((n) => n.name === name);
		node.parameters = { ...node.parameters, ...parameters };
	}
	return workflow;
}

describe('edna Chat Center: Reply as Chatbot', () => {
	const reply = (overrides) => loadWorkflowFrom(loadExample('conversations/edna-chatbot-answers.workflow.json'), overrides);
	const run = async (wf, input) => await runWorkflow(wf, { credentials: credentials(), input: items(...input), startNode: 'Reply as Chatbot' });

	test('answers by Question ID, Internal Client ID, or Session ID and Question Index', async () => {
		bot.botState(env.sandbox.state.edna).questions.push({ questionId: 9001, threadsClientId: 1002, sessionId: 'thread-1002', questionIndex: 1 });
		const byQuestion = await run(reply(), [{ questionId: 9001, text: 'hi' }]);
		expect(byQuestion.status).toBe('success');
		const byClient = await run(reply({ 'Reply as Chatbot': { parameters: { replyTo: 'threadsClientId', threadsClientId: '={{ $json.threadsClientId }}' } } }), [{ threadsClientId: 1002, text: 'hi' }]);
		expect(byClient.status).toBe('success');
		const bySession = await run(
			reply({ 'Reply as Chatbot': { parameters: { replyTo: 'session', sessionId: '={{ $json.sessionId }}', questionIndex: '={{ $json.questionIndex }}' } } }),
			[{ sessionId: 'thread-1002', questionIndex: 1, text: 'hi' }],
		);
		expect(bySession.status).toBe('success');
		expect(env.sandbox.received('edna', 'chatbotAnswer').map((a) => a.body)).toEqual([
			expect.objectContaining({ questionId: 9001 }),
			expect.objectContaining({ threadsClientId: 1002 }),
			expect.objectContaining({ sessionId: 'thread-1002', questionIndex: 1 }),
		]);
	});

	test('a Question ID that is not a number is refused before sending, naming the field', async () => {
		const result = await run(reply(), [{ questionId: 'abc', text: 'hi' }]);
		expect(result.error.message).toBe('Question ID must be a whole number, not "abc". [item 0]');
		expect(env.sandbox.requests).toEqual([]);
	});

	test('an unknown question is edna’s 404 with its own message', async () => {
		const result = await run(reply(), [{ questionId: 123456, text: 'hi' }]);
		expect(result.error.message).toMatch(/404.*Question not found/);
	});
});
