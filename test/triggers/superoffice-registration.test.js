// The SuperOffice Trigger's webhook registration is idempotent (issue 23):
// whatever happened before — a changed webhook URL, a registration whose
// answer never reached n8n, static data that lost track — activation leaves
// exactly one webhook per slot at SuperOffice and deactivation leaves none.
'use strict';

const { Container } = require('@n8n/di');
const { InstanceSettings } = require('n8n-core');
const { useSandbox, loadWorkflow, credentialsOf } = require('../helpers');
const { useTriggerHost } = require('./support');
const webhooks = require('../sandbox/vendors/superoffice-webhooks');

const env = useSandbox();
const triggers = useTriggerHost();

const TRIGGER = 'SuperOffice Trigger';
// A saved workflow keeps its ID across activations, as in n8n; the harness would otherwise give each activation a new one.
const workflow = () => ({ ...loadWorkflow('superoffice/trigger.workflow.json'), id: 'wfRegistration1' });
const credentials = () => credentialsOf(env.sandbox, 'superoffice');
const activate = async (options = {}) => await triggers.host.activate(workflow(), { credentials: credentials(), ...options });
const registered = () => webhooks.registered(env.sandbox);
const tenant = () => webhooks.webhookState(webhooks.tenantOf(env.sandbox));

/** The n8n instance the host plays (n8n-core's InstanceSettings, as HookContext.getInstanceId reads it). */
const instanceSettings = () => Container.get(InstanceSettings);

/** n8n forgets an active workflow without deactivating it (a restart, a crash): its webhooks stay at SuperOffice. */
const forget = (active) => active.host.active.delete(active);

/** SuperOffice stores the next registration, then the connection drops before its answer reaches n8n. */
const dropRegistrationAnswer = (times = 1) =>
	env.sandbox.misbehave({ vendor: 'superoffice', method: 'POST', path: /\/api\/v1\/Webhook$/, drop: 'after', times });

/** A customer writes; resolves with the statuses of each webhook's delivery attempts. */
async function customerWrites(active, text) {
	const { deliveries } = await webhooks.customerWrites(env.sandbox, { text });
	await active.settled();
	return deliveries;
}

describe('SuperOffice Trigger: idempotent webhook registration', () => {
	test('the registered Name names the workflow and node and ends with the n8n instance, workflow ID, node ID and slot', async () => {
		const active = await activate();
		const node = workflow().nodes.find((n) => n.name === TRIGGER);
		const instance = instanceSettings().instanceId.slice(0, 12);
		expect(registered().map((w) => w.Name)).toEqual([
			`n8n: SuperOffice: a chat event starts the workflow (SuperOffice Trigger) [n8n ${instance}/wfRegistration1/${node.id}/production]`,
		]);
		await active.deactivate();
	});

	test('a long workflow name is cut in its readable part: the Name stays within 250 characters and keeps the identity', async () => {
		const long = { ...workflow(), name: 'A workflow with a very long name '.repeat(12) };
		const active = await triggers.host.activate(long, { credentials: credentials() });
		const [{ Name }] = registered();
		expect(Name.length).toBeLessThanOrEqual(250);
		expect(Name).toMatch(/^n8n: A workflow with a very long name .* \[n8n [0-9a-f]{12}\/wfRegistration1\/[^/]+\/production\]$/);
		await active.deactivate();
		expect(registered()).toEqual([]);
	});

	test('re-activation after n8n’s webhook URL changed: exactly one webhook afterwards, at the new URL', async () => {
		const first = await activate();
		const oldUrl = first.webhookUrl(TRIGGER);
		forget(first);
		// WEBHOOK_URL now names the same n8n differently: 127.1 is 127.0.0.1 written short
		// (WHATWG URL), so SuperOffice and the host still reach it, but the URL is another one.
		const { webhookBaseUrl } = triggers.host;
		triggers.host.webhookBaseUrl = webhookBaseUrl.replace('//127.0.0.1:', '//127.1:');
		try {
			const again = await activate({ staticData: first.saved });
			const newUrl = again.webhookUrl(TRIGGER);
			expect(newUrl).not.toBe(oldUrl);
			expect(registered().map((w) => [w.TargetUrl, w.State])).toEqual([[newUrl, 'Active']]);
			expect(await customerWrites(again, 'after the move')).toEqual([[200]]);
			expect(again.executions).toHaveLength(1);
			await again.deactivate();
			expect(registered()).toEqual([]);
		} finally {
			triggers.host.webhookBaseUrl = webhookBaseUrl;
		}
	});

	test('a registration whose answer was lost: after n8n’s retries exactly one webhook, and its deliveries are accepted', async () => {
		dropRegistrationAnswer();
		const active = await activate();
		const posts = env.sandbox.requests.filter((r) => r.method === 'POST' && /\/Webhook$/.test(r.path));
		expect(posts.map((r) => r.status)).toEqual(['dropped', 200]);
		expect(registered()).toHaveLength(1);
		// The one left is the one whose secret the node holds: SuperOffice's signature is accepted.
		expect(await customerWrites(active, 'after a lost answer')).toEqual([[200]]);
		expect(active.executions).toHaveLength(1);
		await active.deactivate();
		expect(registered()).toEqual([]);
	});

	test('an activation n8n gives up on (every answer lost) leaves no webhook at SuperOffice', async () => {
		dropRegistrationAnswer(5);
		const error = await activate().catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		expect(env.sandbox.requests.filter((r) => r.method === 'POST' && /\/Webhook$/.test(r.path))).toHaveLength(5);
		expect(registered()).toEqual([]);
	});

	test('activation removes a webhook of this node that static data does not know (n8n lost it), then registers one', async () => {
		const first = await activate();
		const [lost] = registered();
		forget(first);
		const again = await activate({ staticData: {} });
		expect(registered()).toHaveLength(1);
		expect(registered()[0].WebhookId).not.toBe(lost.WebhookId);
		expect(await customerWrites(again, 'after lost static data')).toEqual([[200]]);
		await again.deactivate();
		expect(registered()).toEqual([]);
	});

	test('deactivation removes the remembered webhook and any other carrying this node’s identity; others’ stay', async () => {
		const active = await activate();
		const [own] = registered();
		// An orphan of this node (a registration whose answer was lost while n8n restarted), and someone else's webhook.
		const base = { Events: ['chatsession.message'], TargetUrl: own.TargetUrl, State: 'Active' };
		await webhooks.handleWebhookRoute(webhooks.tenantOf(env.sandbox), 'POST', ['Webhook'], { ...base, Name: own.Name, Secret: 'lost' });
		const other = { ...base, Name: 'Someone else’s handler', TargetUrl: 'http://127.0.0.1:9/elsewhere', Secret: 'theirs' };
		tenant().list.push({ ...other, WebhookId: 99, Type: 'webhook' });
		expect(registered()).toHaveLength(3);
		await active.deactivate();
		expect(registered().map((w) => w.WebhookId)).toEqual([99]);
	});

	test('production and test slots stay independent: each registers, re-registers and goes away on its own', async () => {
		const production = await activate();
		const [productionWebhook] = registered();
		const listening = await activate({ staticData: production.saved, test: true });
		const testUrl = listening.webhookUrl(TRIGGER);
		expect(registered().map((w) => w.TargetUrl)).toEqual([productionWebhook.TargetUrl, testUrl]);
		expect(registered()[1].Name).toMatch(/\/test\]$/);

		// Listening again (the editor's second Listen for test event) replaces only the test webhook.
		forget(listening);
		const again = await activate({ staticData: listening.saved, test: true });
		expect(registered().map((w) => w.TargetUrl)).toEqual([productionWebhook.TargetUrl, testUrl]);
		expect(registered()[0]).toEqual(productionWebhook);

		// Production registers afresh (its webhook went TooManyErrors) and loses an answer on the way: the test webhook stays.
		forget(production);
		tenant().list[0].State = 'TooManyErrors';
		dropRegistrationAnswer();
		const production2 = await activate({ staticData: production.saved });
		expect(registered().map((w) => [w.TargetUrl, w.State])).toEqual([
			[testUrl, 'Active'],
			[productionWebhook.TargetUrl, 'Active'],
		]);
		expect(env.sandbox.faults.queue).toEqual([]);

		// The listener going away takes only its own; production's deactivation takes the rest.
		await again.deactivate();
		expect(registered().map((w) => w.TargetUrl)).toEqual([productionWebhook.TargetUrl]);
		expect(await customerWrites(production2, 'production still works')).toEqual([[200]]);
		await production2.deactivate();
		expect(registered()).toEqual([]);
	});

	test('another n8n holding the same workflow under the same ID (source control environments) never removes this one’s webhook', async () => {
		const here = await activate();
		const [ours] = registered();
		const { instanceId } = instanceSettings();
		instanceSettings().instanceId = 'f00dfeedbeef'.repeat(5);
		try {
			const elsewhere = await activate();
			expect(registered().map((w) => w.WebhookId)).toEqual([ours.WebhookId, ours.WebhookId + 1]);
			await elsewhere.deactivate();
		} finally {
			instanceSettings().instanceId = instanceId;
		}
		expect(registered()).toEqual([ours]);
		expect(await customerWrites(here, 'still here')).toEqual([[200]]);
		await here.deactivate();
		expect(registered()).toEqual([]);
	});
});
