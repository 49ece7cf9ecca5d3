// edna Chat Center as its API reference (docs.edna.io; docs/edna-chat-center.md) describes it: Bearer
// integrator token, Spring-style error bodies, field limits from the docs.
'use strict';

const { handleThreads } = require('./edna-threads');
const { grant, spend } = require('./expiring-tokens');
const { handleChatbotAnswer } = require('./edna-bot');

const TOKEN = 'edna-sandbox-integrator-token-6f1c2b';
/** The user the login credential signs in as (POST /api/auth/login, docs.edna.io/kb/login-request). */
const LOGIN = 'integrator';
const PASSWORD = 'edna-sandbox-password-93kd71';
const CHANNEL_TYPES = [
	'WEB', 'MOBILE', 'EMAIL', 'VIBER', 'TELEGRAM', 'VIBERPA', 'FACEBOOK', 'VKONTAKTE', 'YANDEX', 'WHATSAPP',
	'APPLE_BUSINESS_CHAT',
];

function createState() {
	return {
		nextMessageId: 1,
		nextThreadId: 500,
		// External client IDs (clientId) and edna's internal ones (threadsClientId).
		clients: [
			{ threadsClientId: 1001, clientId: 'crm-42' },
			{ threadsClientId: 1002, clientId: 'crm-43' },
			{ threadsClientId: 1003, clientId: null },
		],
		agents: { 'agent.anna': 3, 'agent.boris': 4, integrator: 1 },
		// Session tokens from the login endpoint: each expires after
		// `sessionLifetimeMs`, or after `sessionUses` requests (a test that
		// must cross an expiry at a known point sets that), then answers 401.
		sessions: new Map(),
		issued: [],
		sessionLifetimeMs: 60 * 60 * 1000,
		sessionUses: Infinity,
	};
}

/** POST /api/auth/login: `{login, password}` → `{userId, login, token, role}`, the token already prefixed "Bearer " as edna shows it. */
function login(path, body, state) {
	if (!body || typeof body.login !== 'string' || typeof body.password !== 'string')
		return { status: 400, body: springError(400, path, 'login and password must not be empty') };
	if (body.login !== LOGIN || body.password !== PASSWORD) return { status: 401, body: springError(401, path, 'Bad credentials') };
	const token = `edna-session-${state.issued.length + 1}-c41e9a7b`;
	state.issued.push(token);
	grant(state.sessions, token, { lifetimeMs: state.sessionLifetimeMs, uses: state.sessionUses });
	return { status: 200, body: { userId: 1, login: LOGIN, token: `Bearer ${token}`, role: 'INTEGRATOR' } };
}

/** Whether the Authorization header carries the integrator token or a live session token (using one up). */
function authorized(header, state) {
	if (header === `Bearer ${TOKEN}`) return true;
	const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
	return spend(state.sessions, token);
}

function springError(status, path, message) {
	const reasons = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };
	return {
		timestamp: new Date().toISOString(),
		status,
		error: reasons[status] || 'Error',
		message: message || reasons[status] || 'Error',
		path: `/api${path.replace(/^\/api/, '')}`,
	};
}

function checkAttachments(list) {
	if (list === undefined) return undefined;
	if (!Array.isArray(list)) return 'attachments must be an array';
	for (const [i, a] of list.entries()) {
		if (!a || typeof a !== 'object') return `attachments[${i}] must be an object`;
		if (typeof a.url !== 'string' || !a.url) return `attachments[${i}].url must not be empty`;
		if (a.url.length > 4000) return `attachments[${i}].url size must be between 0 and 4000`;
		if (a.name !== undefined && (typeof a.name !== 'string' || a.name.length > 1000))
			return `attachments[${i}].name size must be between 0 and 1000`;
		if (a.type !== undefined && (typeof a.type !== 'string' || a.type.length > 256))
			return `attachments[${i}].type size must be between 0 and 256`;
		if (a.size !== undefined && !Number.isInteger(a.size)) return `attachments[${i}].size must be an integer`;
	}
	return undefined;
}

function checkText(body) {
	if (body.text !== undefined && typeof body.text !== 'string') return 'text must be a string';
	if (typeof body.text === 'string' && body.text.length > 2000) return 'text size must be between 0 and 2000';
	if (!(body.text && body.text.trim()) && !(Array.isArray(body.attachments) && body.attachments.length))
		return 'message must have text or attachments';
	return checkAttachments(body.attachments);
}

function handle(req, state, ledger) {
	const { method, path, headers, body } = req;
	if (path === '/api/v1/chatbot') {
		if (!authorized(headers.authorization, state)) {
			return { status: 401, body: springError(401, path, 'Full authentication is required to access this resource') };
		}
		return handleChatbotAnswer(req, state, ledger, (status, message) => ({ status, body: springError(status, path, message) }));
	}
	if (path === '/api/auth/login') {
		if (method !== 'POST') return { status: 405, body: springError(405, path, `Request method '${method}' is not supported`) };
		return login(path, body, state);
	}
	const more = handleThreads({
		method, path, body, state, ledger,
		api: {
			fail: (status, message) => ({ status, body: springError(status, path, message) }),
			// Checked only for a thread route: a login session's token is spent per use.
			get authorized() {
				return authorized(headers.authorization, state);
			},
			checkText,
		},
	});
	if (more) return more;
	const routes = ['/api/v1/messages/outgoing-from-myself', '/api/v1/messages/outgoing-to-device'];
	if (!routes.includes(path)) return { status: 404, body: springError(404, path, 'No endpoint ' + path) };
	if (method !== 'POST') return { status: 405, body: springError(405, path, `Request method '${method}' is not supported`) };
	if (!authorized(headers.authorization, state)) {
		return { status: 401, body: springError(401, path, 'Full authentication is required to access this resource') };
	}
	if (!body || typeof body !== 'object') return { status: 400, body: springError(400, path, 'Required request body is missing') };

	if (path === '/api/v1/messages/outgoing-from-myself') {
		let client;
		if (body.threadsClientId !== undefined) {
			if (!Number.isInteger(body.threadsClientId)) return { status: 400, body: springError(400, path, 'threadsClientId must be a number') };
			client = state.clients.find((c) => c.threadsClientId === body.threadsClientId);
		} else if (body.clientId !== undefined) {
			if (typeof body.clientId !== 'string') return { status: 400, body: springError(400, path, 'clientId must be a string') };
			client = state.clients.find((c) => c.clientId === body.clientId);
		} else {
			return { status: 400, body: springError(400, path, 'Either clientId or threadsClientId must be specified') };
		}
		if (typeof body.login !== 'string' || !body.login) return { status: 400, body: springError(400, path, 'login must not be empty') };
		if (!CHANNEL_TYPES.includes(body.channelType)) return { status: 400, body: springError(400, path, `Unknown channelType: ${body.channelType}`) };
		if (!['READY', 'OUTGOING'].includes(body.status)) return { status: 400, body: springError(400, path, `status must be READY or OUTGOING`) };
		const problem = checkText(body);
		if (problem) return { status: 400, body: springError(400, path, problem) };
		if (!client) return { status: 404, body: springError(404, path, 'Client not found') };
		if (!(body.login in state.agents)) return { status: 404, body: springError(404, path, `Agent with login ${body.login} not found`) };
		const id = state.nextMessageId++;
		ledger.accept('sendToClient', { id, body });
		return { status: 200, body: { id } };
	}

	const d = body.clientApplicationDescriptor;
	if (!d || typeof d !== 'object') return { status: 400, body: springError(400, path, 'clientApplicationDescriptor must not be null') };
	if (!CHANNEL_TYPES.includes(d.channelType)) return { status: 400, body: springError(400, path, `Unknown channelType: ${d.channelType}`) };
	if (typeof d.deviceAddress !== 'string' || !d.deviceAddress) return { status: 400, body: springError(400, path, 'clientApplicationDescriptor.deviceAddress must not be empty') };
	const problem = checkText(body);
	if (problem) return { status: 400, body: springError(400, path, problem) };
	const id = state.nextMessageId++;
	const threadId = state.nextThreadId++;
	const known = d.clientId ? state.clients.find((c) => c.clientId === d.clientId) : undefined;
	const response = {
		id,
		threadId,
		clientId: known ? known.threadsClientId : 2000 + id,
		clientExternalId: d.clientId || null,
		agentId: 1,
	};
	ledger.accept('sendToDevice', { id, body });
	return { status: 200, body: response };
}

module.exports = {
	name: 'edna',
	prefix: '/edna',
	createState,
	handle,
	errorBody: (status, path, message) => springError(status, path, message),
	credentials: (baseUrl) => ({
		ednaChatCenterBearerApi: { baseUrl, token: TOKEN },
		ednaChatCenterLoginApi: { baseUrl, login: LOGIN, password: PASSWORD },
	}),
};
