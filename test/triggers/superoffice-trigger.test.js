'use strict';

const { useSandbox, loadWorkflow, loadExample, credentialsOf, secretsOf } = require('../helpers');
const { useTriggerHost } = require('./support');
const webhooks = require('../sandbox/vendors/superoffice-webhooks');

const env = useSandbox();
const triggers = useTriggerHost();

const TRIGGER = 'SuperOffice Trigger';
const workflow = (overrides) => loadWorkflow('superoffice/trigger.workflow.json', overrides);
const credentials = () => credentialsOf(env.sandbox, 'superoffice');
const activate = async (wf = workflow()) => await triggers.host.activate(wf, { credentials: credentials() });
const registered = () => webhooks.registered(env.sandbox);
const tenant = () => webhooks.webhookState(webhooks.tenantOf(env.sandbox));

/** Every secret that must not show: the credentials' and the webhook secrets SuperOffice holds. */
const allSecrets = () => [...secretsOf(env.sandbox, 'superoffice'), ...tenant().list.map((w) => w.Secret)];

function expectNoSecretIn(active) {
	const text = JSON.stringify(active.executions.map((r) => r.run));
	for (const secret of allSecrets()) expect(text).not.toContain(secret);
}

describe('SuperOffice Trigger (webhook)', () => {
	test('activation registers one Active webhook with a secret for the production URL; deactivation removes it', async () => {
		const active = await activate();
		const url = active.webhookUrl(TRIGGER);
		expect(registered()).toEqual([
			expect.objectContaining({ Events: ['chatsession.message'], TargetUrl: url, State: 'Active', Type: 'webhook' }),
		]);
		expect(tenant().list[0].Secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
		// SuperOffice's test event on registration got 200 and started nothing.
		expect(tenant().deliveries.map((d) => [d.event, d.statuses])).toEqual([['test', [200]]]);
		expect(active.executions).toEqual([]);
		await active.deactivate();
		expect(registered()).toEqual([]);
	});

	test('one customer message: one execution with the event and the new messages of the session', async () => {
		const active = await activate();
		const { deliveries, message } = await webhooks.customerWrites(env.sandbox, { text: 'Can I return my shoes?' });
		await active.settled();
		expect(deliveries).toEqual([[200]]);
		expect(active.executions).toHaveLength(1);
		const [item] = active.executions[0].output(TRIGGER);
		expect(item.json).toEqual(expect.objectContaining({ event: 'chatsession.message', chatSessionId: 101 }));
		expect(item.json.messages).toEqual([message]);

		// The next event carries only what is new since.
		await webhooks.customerWrites(env.sandbox, { text: 'Size 42' });
		await active.settled();
		expect(active.executions[1].output(TRIGGER)[0].json.messages.map((m) => m.Message)).toEqual(['Size 42']);
		expectNoSecretIn(active);
		await active.deactivate();
	});

	test('a forged or missing signature gets 403 and starts nothing; a malformed body starts nothing', async () => {
		const active = await activate();
		const url = active.webhookUrl(TRIGGER);
		const body = webhooks.event('chatsession.message', 101);
		expect(await webhooks.forge(url, body)).toBe(403);
		expect(await webhooks.forge(url, body, { signature: '' })).toBe(403);
		// Signed correctly, then changed on the way.
		const secret = tenant().list[0].Secret;
		const raw = JSON.stringify(body);
		expect(await webhooks.forge(url, raw.replace('101', '102'), { signature: webhooks.sign(secret, raw) })).toBe(403);
		expect(await webhooks.forge(url, '{"EventId": ', { secret })).toBe(400);
		await active.settled();
		expect(active.executions).toEqual([]);
		await active.deactivate();
	});

	test('a redelivered event (same EventId) starts nothing the second time', async () => {
		const active = await activate();
		await webhooks.customerWrites(env.sandbox, { text: 'once' });
		await active.settled();
		const [delivery] = tenant().deliveries.filter((d) => d.event === 'chatsession.message');
		expect(await webhooks.redeliver(env.sandbox, delivery)).toBe(200);
		await active.settled();
		expect(active.executions).toHaveLength(1);
		await active.deactivate();
	});

	test('a delivery the node could not handle gets 500, and SuperOffice’s retry starts exactly one execution', async () => {
		const active = await activate();
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: /\/Messages$/, status: 404 });
		const { deliveries } = await webhooks.customerWrites(env.sandbox, { text: 'retried' });
		await active.settled();
		expect(deliveries).toEqual([[500, 200]]);
		expect(active.executions).toHaveLength(1);
		expect(active.executions[0].output(TRIGGER)[0].json.messages.map((m) => m.Message)).toEqual(['retried']);
		await active.deactivate();
	});

	test('the test event (X-Hook-Test: true) gets 200 and starts nothing', async () => {
		const active = await activate();
		const url = active.webhookUrl(TRIGGER);
		expect(await webhooks.forge(url, webhooks.event('test', 0), { headers: { 'X-Hook-Test': 'true' } })).toBe(200);
		await active.settled();
		expect(active.executions).toEqual([]);
		await active.deactivate();
	});

	test('listening for a test event registers the test URL beside the production webhook, never in its place', async () => {
		const active = await activate();
		const production = registered()[0];
		const listening = await triggers.host.activate(workflow(), { credentials: credentials(), staticData: active.saved, test: true });
		expect(registered().map((w) => w.TargetUrl)).toEqual([production.TargetUrl, listening.webhookUrl(TRIGGER)]);
		expect(listening.webhookUrl(TRIGGER)).toContain('/webhook-test/');
		// The customer's message reaches both; the test listener then goes away with its registration.
		await webhooks.customerWrites(env.sandbox, { text: 'while testing' });
		await listening.settled();
		await active.settled();
		expect(listening.executions).toHaveLength(1);
		expect(active.executions).toHaveLength(1);
		expect(registered()).toEqual([production]);
		await active.deactivate();
		expect(registered()).toEqual([]);
	});

	test('a webhook gone or in state TooManyErrors is registered again on activation', async () => {
		const first = await activate();
		const saved = first.saved;
		first.host.active.delete(first);
		tenant().list[0].State = 'TooManyErrors';
		const again = await triggers.host.activate(workflow(), { credentials: credentials(), staticData: saved });
		expect(registered().map((w) => w.State)).toEqual(['Active']);
		expect(registered()[0].WebhookId).not.toBe(1);
		const { deliveries } = await webhooks.customerWrites(env.sandbox, { text: 'after re-registration' });
		await again.settled();
		expect(deliveries).toEqual([[200]]);
		expect(again.executions).toHaveLength(1);
		await again.deactivate();
		expect(registered()).toEqual([]);
	});

	test('SuperOffice refusing the registration fails activation with its reason in one sentence', async () => {
		tenant().licensed = false;
		const noLicence = await activate().catch((e) => e);
		expect(noLicence.message).toMatch(/^SuperOffice .*403.*webhook licence/);
		tenant().licensed = true;
		tenant().httpsOnly = true;
		const notHttps = await activate().catch((e) => e);
		expect(notHttps.message).toMatch(/TargetUrl must use HTTPS/);
		expect(registered()).toEqual([]);
	});

	test('an activation n8n retries after a refused attempt keeps the secret: deliveries are accepted', async () => {
		// SuperOffice refuses the first registration (as when it cannot reach the webhook URL yet) and accepts the next.
		tenant().licensed = false;
		env.sandbox.afterAnswer((request, answer) => {
			if (request.method === 'POST' && /\/Webhook$/.test(request.path) && answer.status === 403) tenant().licensed = true;
		});
		const active = await activate();
		expect(registered()).toHaveLength(1);
		const { deliveries } = await webhooks.customerWrites(env.sandbox, { text: 'after a retried activation' });
		await active.settled();
		expect(deliveries).toEqual([[200]]);
		expect(active.executions).toHaveLength(1);
	});

	test('a wrong ticket fails activation with the same sentence the SuperOffice node gives', async () => {
		const bad = credentialsOf(env.sandbox, 'superoffice', { superOfficeSoTicketApi: { ticketToken: '7T:wrong-ticket' } });
		const error = await triggers.host.activate(workflow(), { credentials: bad }).catch((e) => e);
		expect(error.message).toMatch(/401.*Invalid or expired ticket/);
		expect(error.message).not.toContain('7T:wrong-ticket');
	});

	test('two-way: the customer writes, the workflow answers in the same chat session', async () => {
		const active = await triggers.host.activate(loadExample('conversations/superoffice-answer-chat.workflow.json'), { credentials: credentials() });
		await webhooks.customerWrites(env.sandbox, { sessionId: 102, text: 'Is the shop open today?' });
		await active.settled();
		expect(active.executions.map((r) => r.status)).toEqual(['success']);
		const replies = env.sandbox.received('superoffice', 'addChatMessage');
		expect(replies.map((r) => [r.chatSessionId, r.body.Type])).toEqual([[102, 'ToCustomer']]);
		expect(replies[0].body.Message).toContain('Is the shop open today?');
		await active.deactivate();
	});
});
