// Incoming messages exactly once, on the worst ordinary day: a burst of
// events at once, the same burst redelivered at once, n8n restarted in
// between, two events of one chat session at the same time, a retry while the
// first delivery is still working. Run through the trigger host, which does
// what n8n 2.41.1 does with static data (test/harness/active-workflow.js).
'use strict';

const { useSandbox, loadWorkflow, loadExample, credentialsOf } = require('../helpers');
const { useTriggerHost } = require('./support');
const bot = require('../sandbox/vendors/edna-bot');
const webhooks = require('../sandbox/vendors/superoffice-webhooks');

const env = useSandbox();
const triggers = useTriggerHost();

describe('edna Chat Center Trigger: a burst, redelivered, and again after a restart', () => {
	const TRIGGER = 'edna Chat Center Trigger';
	const SECRET = 'bot-hook-secret-4f9a1c';
	const credentials = () => credentialsOf(env.sandbox, 'edna');

	const sendAll = async (events) => await Promise.all(events.map((event) => bot.send(env.sandbox, event)));

	test('100 events at once start 100 executions and 100 replies; the same 100 at once, and after a restart, start none', async () => {
		const workflow = loadExample('conversations/edna-chatbot-answers.workflow.json');
		const active = await triggers.host.activate(workflow, { credentials: credentials() });
		bot.setChatbotWebhook(env.sandbox, `${active.webhookUrl(TRIGGER)}?secret=${SECRET}`);
		const events = bot.customerMessages(env.sandbox, 100);

		expect(new Set(await sendAll(events))).toEqual(new Set([202]));
		await active.settled();
		expect(active.executions).toHaveLength(100);
		expect(active.executions.every((r) => r.status === 'success')).toBe(true);
		// What the executions saved is the whole burst, though each loaded static data before the others saved theirs.
		expect(Object.keys(active.staticDataOf(TRIGGER).startedEvents)).toHaveLength(100);

		expect(new Set(await sendAll(events))).toEqual(new Set([202]));
		await active.settled();
		expect(active.executions).toHaveLength(100);

		const [restarted] = await triggers.host.restart();
		expect(new Set(await sendAll(events))).toEqual(new Set([202]));
		await restarted.settled();
		expect(restarted.executions).toHaveLength(100);

		const answered = env.sandbox.received('edna', 'chatbotAnswer').map((a) => a.body.questionId);
		expect(answered).toHaveLength(100);
		expect(new Set(answered)).toEqual(new Set(events.map((e) => e.questionId)));
		// A new message after all that still starts its run.
		expect(await bot.send(env.sandbox, bot.customerMessage(env.sandbox))).toBe(202);
		await restarted.settled();
		expect(restarted.executions).toHaveLength(101);
	});

	test('a MESSAGE without text, channelInfo or receivedAt is refused with 400 naming the field, and starts nothing', async () => {
		const active = await triggers.host.activate(loadWorkflow('edna/trigger.workflow.json'), { credentials: credentials() });
		const url = `${active.webhookUrl(TRIGGER)}?secret=${SECRET}`;
		bot.setChatbotWebhook(env.sandbox, url);
		for (const field of ['text', 'channelInfo', 'receivedAt']) {
			const event = bot.customerMessage(env.sandbox);
			delete event[field];
			const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) });
			expect(response.status).toBe(400);
			expect((await response.json()).message).toBe(`The MESSAGE event has no "${field}", which edna always sends with it.`);
		}
		await active.settled();
		expect(active.executions).toEqual([]);
	});
});

describe('SuperOffice Trigger: the same event twice, two events of a session at once, a new session', () => {
	const TRIGGER = 'SuperOffice Trigger';
	const credentials = () => credentialsOf(env.sandbox, 'superoffice');
	const tenant = () => webhooks.tenantOf(env.sandbox);
	const activate = async () => await triggers.host.activate(loadWorkflow('superoffice/trigger.workflow.json'), { credentials: credentials() });
	const secret = () => webhooks.webhookState(tenant()).list[0].Secret;

	/** A customer's message stored in `sessionId` without any event sent (as when deliveries come later). */
	function storeMessage(sessionId, text) {
		const message = {
			ChatMessageId: tenant().nextMessageId++,
			ChatSessionId: sessionId,
			Type: 'ToUser',
			Message: text,
			Author: 'Kari',
			ReadByCustomer: 0,
			SpecialType: 'None',
			SpecialParam: '',
			WhenPosted: new Date().toISOString(),
		};
		tenant().messages.push(message);
		return message;
	}

	const messageEvent = (sessionId, extra) => webhooks.event('chatsession.message', sessionId, extra);
	/** POSTs the event, signed as SuperOffice signs it; resolves with the status and the body text. */
	async function deliver(active, body) {
		const raw = JSON.stringify(body);
		const response = await fetch(active.webhookUrl(TRIGGER), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-SuperOffice-Signature': webhooks.sign(secret(), raw) },
			body: raw,
		});
		return { status: response.status, text: await response.text() };
	}
	const emitted = (active) => active.executions.flatMap((r) => r.output(TRIGGER)[0].json.messages.map((m) => m.Message));

	test('one EventId delivered twice at once, a second apart, while the first still fetches, and after a restart: one execution', async () => {
		const active = await activate();
		storeMessage(101, 'once');
		const body = messageEvent(101);
		// SuperOffice answers the first fetch slowly: the retries arrive meanwhile.
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: /\/Messages$/, delayMs: 300, times: 1 });
		const [first, second] = await Promise.all([deliver(active, body), deliver(active, body)]);
		expect([first.status, second.status]).toEqual([200, 200]);
		// The answer is empty: SuperOffice reads the status only.
		expect(first.text + second.text).not.toContain('firstEntryJson');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await deliver(active, body)).status).toBe(200);
		await active.settled();
		expect(active.executions).toHaveLength(1);
		expect(emitted(active)).toEqual(['once']);

		const [restarted] = await triggers.host.restart();
		expect((await deliver(restarted, body)).status).toBe(200);
		await restarted.settled();
		expect(restarted.executions).toHaveLength(1);
		// The session's position survived too: the next event carries only what is new.
		storeMessage(101, 'after the restart');
		expect((await deliver(restarted, messageEvent(101))).status).toBe(200);
		await restarted.settled();
		expect(emitted(restarted)).toEqual(['once', 'after the restart']);
	});

	test('a retry that arrives while the first delivery fetches, which then fails: the retry takes the event over, one execution', async () => {
		const active = await activate();
		storeMessage(101, 'not lost');
		const body = messageEvent(101);
		// The first fetch fails after a while; the retry is already waiting for it.
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: /\/Messages$/, delayMs: 300, status: 404, times: 1 });
		const statuses = (await Promise.all([deliver(active, body), deliver(active, body)])).map((r) => r.status).sort();
		expect(statuses).toEqual([200, 500]);
		await active.settled();
		expect(active.executions).toHaveLength(1);
		expect(emitted(active)).toEqual(['not lost']);
		// And it is remembered now: a third attempt starts nothing.
		expect((await deliver(active, body)).status).toBe(200);
		await active.settled();
		expect(active.executions).toHaveLength(1);
	});

	test('two events of one session at the same time: every message once, both events start a run', async () => {
		const active = await activate();
		storeMessage(101, 'first');
		storeMessage(101, 'second');
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: /\/Messages$/, delayMs: 200, times: 1 });
		const [a, b] = [messageEvent(101), messageEvent(101)];
		expect((await Promise.all([deliver(active, a), deliver(active, b)])).map((r) => r.status)).toEqual([200, 200]);
		await active.settled();
		expect(active.executions).toHaveLength(2);
		expect(emitted(active).sort()).toEqual(['first', 'second']);
		// Neither event's ID was lost: redelivering both starts nothing.
		await Promise.all([deliver(active, a), deliver(active, b)]);
		await active.settled();
		expect(active.executions).toHaveLength(2);
	});

	test('the first event of a session the trigger has not seen carries every message posted since activation', async () => {
		const active = await activate();
		storeMessage(101, 'first');
		storeMessage(101, 'second');
		expect((await deliver(active, messageEvent(101))).status).toBe(200);
		await active.settled();
		expect(emitted(active)).toEqual(['first', 'second']);
	});

	test('a signed delivery older than the replay window, or from the future, gets 403 and starts nothing', async () => {
		const active = await activate();
		storeMessage(101, 'replayed');
		const hourAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
		const old = await deliver(active, messageEvent(101, { Timestamp: hourAgo }));
		expect(old.status).toBe(403);
		expect(JSON.parse(old.text).message).toBe(`The delivery is older than 15 minutes (Timestamp ${hourAgo}): a replay.`);
		const ahead = await deliver(active, messageEvent(101, { Timestamp: new Date(Date.now() + 60 * 60 * 1000).toISOString() }));
		expect(ahead.status).toBe(403);
		// A delivery a few minutes late (SuperOffice's queue) is fine.
		expect((await deliver(active, messageEvent(101, { Timestamp: new Date(Date.now() - 5 * 60 * 1000).toISOString() }))).status).toBe(200);
		await active.settled();
		expect(active.executions).toHaveLength(1);
	});

	test('positions are kept per session, forgotten when a session ends, and dropped on deactivation', async () => {
		const wf = loadWorkflow('superoffice/trigger.workflow.json', { [TRIGGER]: { parameters: { events: ['chatsession.message', 'chatsession.changed'] } } });
		const active = await triggers.host.activate(wf, { credentials: credentials() });
		storeMessage(101, 'hello');
		await deliver(active, messageEvent(101));
		await active.settled();
		expect(Object.keys(active.staticDataOf(TRIGGER).sessions)).toEqual(['101']);
		await deliver(active, webhooks.event('chatsession.changed', 101, { FieldValues: { status: 9 } }));
		await active.settled();
		const saved = active.staticDataOf(TRIGGER);
		expect(saved.sessions).toEqual({});
		expect(saved.forgottenUpTo).toBeGreaterThan(0);
		// The session is reopened: only what is new comes, nothing of before.
		storeMessage(101, 'reopened');
		await deliver(active, messageEvent(101));
		await active.settled();
		expect(active.executions.at(-1).output(TRIGGER)[0].json.messages.map((m) => m.Message)).toEqual(['reopened']);
		await active.deactivate();
		const after = active.staticDataOf(TRIGGER);
		expect(after.sessions).toBeUndefined();
		expect(after.activatedAt).toBeUndefined();
	});
});

describe('queue mode: executions on a worker start with empty static data, and save it whole', () => {
	const credentials = (vendor) => credentialsOf(env.sandbox, vendor);

	test('the SuperOffice Trigger keeps its webhook secret: the second delivery is accepted too, and a redelivery starts nothing', async () => {
		const TRIGGER = 'SuperOffice Trigger';
		const active = await triggers.host.activate(loadWorkflow('superoffice/trigger.workflow.json'), { credentials: credentials('superoffice') });
		triggers.host.queueWorkers = true;
		const first = await webhooks.customerWrites(env.sandbox, { text: 'first' });
		await active.settled();
		const second = await webhooks.customerWrites(env.sandbox, { text: 'second' });
		await active.settled();
		expect([first.deliveries, second.deliveries]).toEqual([[[200]], [[200]]]);
		expect(active.executions.map((r) => r.output(TRIGGER)[0].json.messages.map((m) => m.Message))).toEqual([['first'], ['second']]);
		// What activation saved is still there.
		expect(active.staticDataOf(TRIGGER).registrations.production).toEqual(expect.objectContaining({ secret: expect.any(String) }));
		const [delivery] = webhooks.webhookState(webhooks.tenantOf(env.sandbox)).deliveries.filter((d) => d.event === 'chatsession.message');
		expect(await webhooks.redeliver(env.sandbox, delivery)).toBe(200);
		await active.settled();
		expect(active.executions).toHaveLength(2);
	});

	test('an edna burst and its redelivery to the same process: 100 executions', async () => {
		const active = await triggers.host.activate(loadExample('conversations/edna-chatbot-answers.workflow.json'), { credentials: credentials('edna') });
		bot.setChatbotWebhook(env.sandbox, `${active.webhookUrl('edna Chat Center Trigger')}?secret=bot-hook-secret-4f9a1c`);
		triggers.host.queueWorkers = true;
		const events = bot.customerMessages(env.sandbox, 100);
		await Promise.all(events.map((event) => bot.send(env.sandbox, event)));
		await active.settled();
		await Promise.all(events.map((event) => bot.send(env.sandbox, event)));
		await active.settled();
		expect(active.executions).toHaveLength(100);
		// The webhook processor saved what it knows when it answered the redeliveries.
		expect(Object.keys(active.staticDataOf('edna Chat Center Trigger').startedEvents)).toHaveLength(100);
	});
});
