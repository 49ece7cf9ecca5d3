// SuperOffice's webhook side, as superoffice-docs automation/webhook/ describes it:
// - POST /api/v1/Webhook registers (register.md): the TargetUrl must be HTTPS
//   and answer 200 to the test event (reference/test-event.md, X-Hook-Test:
//   true) sent before the registration is stored; GET and DELETE
//   /api/v1/Webhook/{id}; State Active, Stopped or TooManyErrors
//   (troubleshooting.md);
// - deliveries are signed: X-SuperOffice-Signature is the base64 HMAC-SHA256
//   of the body with the webhook's Secret (security.md); a non-2xx answer is
//   retried.
// Not a vendor module (no `prefix`): superoffice.js routes /Webhook here, and
// the tests play customers through customerWrites().
//
// One deviation, on purpose: loopback http:// targets are accepted while
// `httpsOnly` is false (the default), since the test n8n serves plain HTTP.
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

/** Attempts SuperOffice makes to deliver one event (the first and its retries). */
const DELIVERY_ATTEMPTS = 3;

function webhookState(tenant) {
	tenant.webhooks ??= { next: 1, list: [], httpsOnly: false, licensed: true, deliveries: [] };
	return tenant.webhooks;
}

/** A webhook as the API shows it: SuperOffice never hands the secret back. */
function publicView(webhook) {
	const view = { ...webhook };
	delete view.Secret;
	return view;
}

function sign(secret, raw) {
	return crypto.createHmac('sha256', secret).update(raw).digest('base64');
}

/** POSTs `raw` to `url` with `headers`; resolves with the status (0 when it could not connect). */
function post(url, raw, headers) {
	return new Promise((resolve) => {
		const request = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'NetServer-Webhook/10.3', ...headers } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		request.on('error', () => resolve(0));
		request.end(raw);
	});
}

function event(name, primaryKey, extra = {}) {
	return {
		EventId: crypto.randomUUID(),
		Timestamp: new Date().toISOString(),
		Changes: [],
		Event: name,
		PrimaryKey: primaryKey,
		Entity: name === 'test' ? 'test' : 'chatsession',
		ContextIdentifier: 'Cust12345',
		ChangedByAssociateId: 12,
		...extra,
	};
}

/**
 * Sends `body` to `webhook` as SuperOffice does: signed with its secret,
 * retried on a non-2xx answer. Returns the statuses of every attempt.
 */
async function deliver(state, webhook, body, { headers = {}, attempts = DELIVERY_ATTEMPTS } = {}) {
	const raw = JSON.stringify({ ...body, WebhookName: webhook.Name });
	const statuses = [];
	for (let attempt = 0; attempt < attempts; attempt++) {
		const status = await post(webhook.TargetUrl, raw, {
			'X-SuperOffice-Event': body.Event,
			'X-SuperOffice-EventId': body.EventId,
			'X-SuperOffice-Signature': sign(webhook.Secret, raw),
			...headers,
		});
		statuses.push(status);
		if (status >= 200 && status < 300) break;
	}
	state.deliveries.push({ webhookId: webhook.WebhookId, event: body.Event, eventId: body.EventId, raw, statuses });
	return statuses;
}

const fail = (status, message) => ({
	status,
	body: { Error: true, ErrorType: status === 403 ? 'SoAccessDeniedException' : 'ArgumentException', Message: message, ErrorSource: 'WebhookAgent' },
});

/** /api/v1/Webhook[/{id}] of one tenant; `route` is the path after /api/v1. */
async function handleWebhookRoute(tenant, method, route, body) {
	const state = webhookState(tenant);
	if (route.length === 1) {
		if (method === 'GET') return { status: 200, body: state.list.map(publicView) };
		if (method !== 'POST') return { status: 405, body: { Message: `The requested resource does not support http method '${method}'.` } };
		if (!state.licensed) return fail(403, 'Webhooks require the webhook licence (Expander Services or the Webhook add-on) on this tenant');
		if (!body || typeof body.TargetUrl !== 'string') return fail(400, 'TargetUrl is required');
		const target = new URL(body.TargetUrl);
		const loopback = target.protocol === 'http:' && target.hostname === '127.0.0.1' && !state.httpsOnly;
		if (target.protocol !== 'https:' && !loopback) return fail(400, `TargetUrl must use HTTPS: ${body.TargetUrl}`);
		if (!Array.isArray(body.Events) || !body.Events.length) return fail(400, 'Events must name at least one event');
		const webhook = {
			WebhookId: state.next++,
			Name: String(body.Name ?? ''),
			Events: body.Events,
			TargetUrl: body.TargetUrl,
			Secret: String(body.Secret ?? ''),
			State: body.State ?? 'Active',
			Type: body.Type ?? 'webhook',
			Registered: new Date().toISOString(),
		};
		const statuses = await deliver(state, webhook, event('test', 0), { headers: { 'X-Hook-Test': 'true' }, attempts: 1 });
		if (statuses[0] !== 200) return fail(400, `TargetUrl did not respond 200 OK to the test event (it answered ${statuses[0] || 'nothing'})`);
		state.list.push(webhook);
		return { status: 200, body: publicView(webhook) };
	}
	const id = Number(route[1]);
	const index = state.list.findIndex((w) => w.WebhookId === id);
	if (index === -1) return fail(404, `Webhook with id ${route[1]} not found`);
	if (method === 'GET') return { status: 200, body: publicView(state.list[index]) };
	if (method === 'DELETE') {
		state.list.splice(index, 1);
		return { status: 204, body: '' };
	}
	return { status: 405, body: { Message: `The requested resource does not support http method '${method}'.` } };
}

/** The tenant state the sandbox keeps for `kind` (online or onsite). */
function tenantOf(sandbox, kind = 'online') {
	return sandbox.state.superoffice.tenants[kind];
}

/** The webhooks registered on a tenant, as GET /api/v1/Webhook lists them. */
function registered(sandbox, kind) {
	return webhookState(tenantOf(sandbox, kind)).list.map(publicView);
}

/**
 * A customer writes in chat session `sessionId` (or, with `type`
 * ToCustomer, an agent does; with `specialType` ClickedOption, the customer
 * taps a button of an Options message): the message is stored and
 * chatsession.message goes to every Active webhook that subscribed to it.
 * Resolves with the message and the deliveries made.
 */
async function customerWrites(sandbox, { kind = 'online', sessionId = 101, text = 'Hello from a customer', type = 'ToUser', specialType = 'None' } = {}) {
	const tenant = tenantOf(sandbox, kind);
	const session = tenant.sessions[sessionId];
	const message = {
		ChatMessageId: tenant.nextMessageId++,
		ChatSessionId: sessionId,
		Type: type,
		Message: text,
		Author: type === 'ToUser' ? session.CustomerName : 'Anna Berg',
		ReadByCustomer: 0,
		// A tap on a button of an Options message comes as a Clicked Option message with the option's text.
		SpecialType: specialType,
		SpecialParam: '',
		WhenPosted: new Date().toISOString(),
	};
	tenant.messages.push(message);
	session.LastMessage = text;
	const state = webhookState(tenant);
	const body = event('chatsession.message', sessionId, {
		Changes: ['chatMessage.sessionId', 'chatMessage.id', 'chatMessage.message', 'chatMessage.type', 'chatMessage.author'],
	});
	const deliveries = [];
	for (const webhook of state.list.filter((w) => w.State === 'Active' && w.Events.includes('chatsession.message'))) {
		deliveries.push(await deliver(state, webhook, body));
	}
	return { message, event: body, deliveries };
}

/** Sends the raw text of an earlier delivery again, as it was (a replay, or SuperOffice's own retry). */
async function redeliver(sandbox, delivery, { kind = 'online' } = {}) {
	const state = webhookState(tenantOf(sandbox, kind));
	const webhook = state.list.find((w) => w.WebhookId === delivery.webhookId);
	return await post(webhook.TargetUrl, delivery.raw, { 'X-SuperOffice-Signature': sign(webhook.Secret, delivery.raw) });
}

/** Posts `body` to `url` signed with `secret` (or with `signature` as given): a forged or a malformed delivery. */
async function forge(url, body, { secret = 'not-the-secret', signature, headers = {} } = {}) {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	return await post(url, raw, { 'X-SuperOffice-Signature': signature ?? sign(secret, raw), ...headers });
}

/**
 * GET /api/v1/ChatSession/ForCurrentUser: the sessions the signed-in user is
 * a member of — in the sandbox, every session of the tenant.
 */
function handleSessionsForCurrentUser(tenant, method) {
	if (method !== 'GET') return { status: 405, body: { Message: `The requested resource does not support http method '${method}'.` } };
	return { status: 200, body: Object.values(tenant.sessions) };
}

module.exports = { handleSessionsForCurrentUser, handleWebhookRoute, registered, customerWrites, redeliver, forge, event, webhookState, tenantOf, sign };
