// EvoVoice as its API metadata (https://evovoice.io/json/metadata; docs/evovoice.md) describes it: a ServiceStack API
// with HTTP Basic (email:password) on every request, camelCase JSON,
// ListRequest paging (`page`, `countPerPage`; answers `{items, totalCount,
// totalPages, hasMorePages}`) and ServiceStack error bodies
// `{responseStatus: {errorCode, message, errors: [{errorCode, fieldName, message}]}}`.
'use strict';

const { handleLists, LIST_PATHS } = require('./evovoice-lists');

/** Page numbers start here; keep in step with FIRST_PAGE in nodes/EvoVoice/paging.ts. */
const FIRST_PAGE = 0;
/** ListRequest's default page size. */
const DEFAULT_COUNT_PER_PAGE = 25;

const USERS = {
	manager: {
		id: 'usr-olga',
		email: 'ops@acme.example',
		password: 'evo-sandbox-Pa55word!',
		firstName: 'Olga',
		lastName: 'Ops',
		roles: ['Manager'],
		accountIds: ['acc-acme', 'acc-acme-labs'],
		accountNames: ['Acme Inc.', 'Acme Labs'],
	},
	// A plain User: may send and read messages, but not list endpoints (403).
	agent: {
		id: 'usr-ada',
		email: 'agent@acme.example',
		password: 'evo-sandbox-Agent-9x',
		firstName: 'Ada',
		lastName: 'Agent',
		roles: ['User'],
		accountIds: ['acc-acme'],
		accountNames: ['Acme Inc.'],
	},
	// A user EvoVoice knows but will not sign in: /auth/status answers 200
	// with isAuthenticated:false, every other call 401.
	disabled: {
		id: 'usr-fred',
		email: 'former.agent@acme.example',
		password: 'evo-sandbox-disabled-7Q',
		firstName: 'Fred',
		lastName: 'Former',
		roles: ['User'],
		accountIds: ['acc-acme'],
		accountNames: ['Acme Inc.'],
		disabled: true,
	},
};

const ENDPOINTS = [
	{ id: 'ep-main', accountId: 'acc-acme', customerId: 'cus-north', displayName: 'Acme Support Line', type: 'PhoneNumber', phoneNumber: '+15550001111' },
	{ id: 'ep-sales', accountId: 'acc-acme', customerId: 'cus-south', displayName: 'Acme Sales Line', type: 'PhoneNumber', phoneNumber: '+15550002222' },
	{ id: 'ep-anna', accountId: 'acc-acme', customerId: 'cus-north', displayName: 'Anna (agent)', type: 'User' },
	{ id: 'ep-labs', accountId: 'acc-acme-labs', customerId: 'cus-labs', displayName: 'Acme Labs Line', type: 'PhoneNumber', phoneNumber: '+15550003333' },
	{ id: 'ep-globex', accountId: 'acc-globex', customerId: 'cus-globex', displayName: 'Globex Hotline', type: 'PhoneNumber', phoneNumber: '+15550009999' },
];

/** Seeded conversations: an endpoint talking with one outside address. */
const CONVERSATIONS = [
	{ id: 'conv-a', endpointId: 'ep-main', otherAddress: '+15557770001' },
	{ id: 'conv-b', endpointId: 'ep-main', otherAddress: '+15557770002' },
	{ id: 'conv-c', endpointId: 'ep-sales', otherAddress: '+15557770003' },
	{ id: 'conv-d', endpointId: 'ep-sales', otherAddress: '+15557770004' },
	{ id: 'conv-l', endpointId: 'ep-labs', otherAddress: '+15557770005' },
	{ id: 'conv-g', endpointId: 'ep-globex', otherAddress: '+15557770009' },
];

const SESSIONS = [
	{ id: 'ses-1001', conversationId: 'conv-a' },
	{ id: 'ses-1002', conversationId: 'conv-d' },
	{ id: 'ses-0999', conversationId: 'conv-b', ended: true },
	{ id: 'ses-2001', conversationId: 'conv-g' },
];

/** Seeded messages: 300 in all, 50 per conversation; the sandbox user sees the 250 of Acme's two accounts. */
const SEED_COUNT = 300;
const SEED_START = Date.parse('2024-03-01T08:00:00.000Z');

function createState() {
	const conversations = CONVERSATIONS.map((c) => ({ ...c }));
	const messages = [];
	for (let i = 0; i < SEED_COUNT; i++) {
		const conversation = conversations[i % conversations.length];
		const endpoint = ENDPOINTS.find((e) => e.id === conversation.endpointId);
		const incoming = i % 3 !== 0;
		messages.push({
			conversationId: conversation.id,
			info: {
				id: `msg-${String(i + 1).padStart(4, '0')}`,
				accountId: endpoint.accountId,
				customerId: endpoint.customerId,
				endpointId: endpoint.id,
				endpointDisplayName: endpoint.displayName,
				date: new Date(SEED_START + i * 37 * 60_000).toISOString(),
				direction: incoming ? 'Incoming' : 'Outgoing',
				otherAddress: conversation.otherAddress,
				sender: incoming ? conversation.otherAddress : USERS.manager.email,
				text: `Seed message ${i + 1}`,
				isUnread: incoming && i >= SEED_COUNT - 20,
			},
		});
	}
	return { messages, conversations, sessions: SESSIONS.map((s) => ({ ...s })), nextMessage: SEED_COUNT + 1, nextConversation: 1 };
}

const REASONS = {
	400: 'BadRequest',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	429: 'TooManyRequests',
	500: 'InternalServerError',
	502: 'BadGateway',
	503: 'ServiceUnavailable',
	504: 'GatewayTimeout',
};
const TEXTS = {
	400: 'Bad Request',
	401: 'Not Authenticated',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	429: 'Too many requests, slow down',
	500: 'An unexpected error occurred',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** A ServiceStack error body. */
function serviceStackError(errorCode, message, errors = []) {
	return { responseStatus: { errorCode, message, errors } };
}

function errorBody(status, _path, message) {
	return serviceStackError(REASONS[status] || 'Exception', message || TEXTS[status] || 'Error');
}

/** A FluentValidation failure: 400 with one entry per field; the top-level message repeats the first. */
function validationError(errors) {
	return {
		status: 400,
		body: { responseStatus: { errorCode: errors[0].errorCode, message: errors[0].message, errors } },
	};
}

function fail(status, errorCode, message, errors) {
	return { status, body: serviceStackError(errorCode, message, errors) };
}

/** Reads `Authorization: Basic base64(email:password)` exactly. */
function authenticate(headers) {
	const header = headers.authorization;
	if (header === undefined) return { anonymous: true };
	const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header);
	if (!match) return { rejected: true };
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return { rejected: true };
	const email = decoded.slice(0, colon);
	const password = decoded.slice(colon + 1);
	const user = Object.values(USERS).find((u) => u.email.toLowerCase() === email.toLowerCase() && u.password === password);
	return user ? { user } : { rejected: true };
}

/** A query parameter, matched without regard to case as ServiceStack does. */
function queryValues(query, name) {
	const values = [];
	for (const [key, value] of query.entries()) if (key.toLowerCase() === name.toLowerCase()) values.push(value);
	return values;
}

/** A List<string> query parameter: comma-separated, possibly repeated. */
function queryList(query, name) {
	return queryValues(query, name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);
}

function queryInt(query, name) {
	const [value] = queryValues(query, name);
	if (value === undefined || value === '') return { value: undefined };
	return /^-?\d+$/.test(value) ? { value: Number(value) } : { invalid: value };
}

function toPublic(message) {
	return { ...message.info };
}

function handleAuthStatus(auth) {
	if (auth.rejected) return fail(401, 'Unauthorized', 'Invalid UserName or Password');
	if (auth.anonymous) return { status: 200, body: { isAuthenticated: false } };
	const { user } = auth;
	if (user.disabled) return { status: 200, body: { isAuthenticated: false, emailAddress: user.email } };
	return {
		status: 200,
		body: {
			id: user.id,
			isAuthenticated: true,
			firstName: user.firstName,
			lastName: user.lastName,
			name: `${user.firstName} ${user.lastName}`,
			emailAddress: user.email,
			roles: user.roles,
			accountIds: user.accountIds,
			accountNames: user.accountNames,
		},
	};
}

function validateSend(body, viaSession) {
	const errors = [];
	if (typeof body.body !== 'string' || body.body.trim() === '') {
		errors.push({ errorCode: 'NotEmpty', fieldName: 'Body', message: "'Body' must not be empty." });
	}
	if (!viaSession) {
		if (typeof body.endpointId !== 'string' || body.endpointId.trim() === '') {
			errors.push({ errorCode: 'NotEmpty', fieldName: 'EndpointId', message: "'Endpoint Id' must not be empty." });
		}
		if (typeof body.toAddress !== 'string' || body.toAddress.trim() === '') {
			errors.push({ errorCode: 'NotEmpty', fieldName: 'ToAddress', message: "'To Address' must not be empty." });
		} else if (!/^\+[1-9]\d{6,14}$/.test(body.toAddress)) {
			errors.push({ errorCode: 'PhoneNumber', fieldName: 'ToAddress', message: "'To Address' must be a phone number in E.164 format, e.g. +15556667777." });
		} else if (body.toAddress.startsWith('+1') && body.toAddress.length !== 12) {
			// North American numbers have exactly ten digits after +1.
			errors.push({ errorCode: 'PhoneNumber', fieldName: 'ToAddress', message: `'To Address' ${body.toAddress} is not a valid North American number.` });
		}
	}
	return errors;
}

function storeOutgoing(state, user, endpoint, conversation, text) {
	const info = {
		id: `msg-${String(state.nextMessage++).padStart(4, '0')}`,
		accountId: endpoint.accountId,
		customerId: endpoint.customerId,
		endpointId: endpoint.id,
		endpointDisplayName: endpoint.displayName,
		date: new Date().toISOString(),
		direction: 'Outgoing',
		otherAddress: conversation.otherAddress,
		sender: user.email,
		text,
		isUnread: false,
	};
	state.messages.push({ conversationId: conversation.id, info });
	return info;
}

function handleSendToSession(sessionId, body, user, state, ledger) {
	const errors = validateSend(body, true);
	if (errors.length) return validationError(errors);
	const session = state.sessions.find((s) => s.id === sessionId);
	if (!session) return fail(404, 'NotFound', `Session ${sessionId} was not found`);
	const conversation = state.conversations.find((c) => c.id === session.conversationId);
	const endpoint = ENDPOINTS.find((e) => e.id === conversation.endpointId);
	if (!user.accountIds.includes(endpoint.accountId)) return fail(403, 'Forbidden', 'You do not have access to this session');
	if (session.ended) {
		return fail(400, 'ArgumentException', 'This session has ended; send to the endpoint and address instead', [
			{ errorCode: 'ArgumentException', fieldName: 'SessionId', message: 'This session has ended; send to the endpoint and address instead' },
		]);
	}
	const info = storeOutgoing(state, user, endpoint, conversation, body.body);
	ledger.accept('sendToSession', { id: info.id, sessionId, body, message: info });
	return { status: 200, body: info };
}

function handleSendToEndpoint(body, user, state, ledger) {
	if (typeof body.sessionId === 'string' && body.sessionId !== '') {
		return handleSendToSession(body.sessionId, body, user, state, ledger);
	}
	const errors = validateSend(body, false);
	if (errors.length) return validationError(errors);
	const endpoint = ENDPOINTS.find((e) => e.id === body.endpointId);
	if (!endpoint) return fail(404, 'NotFound', `Endpoint ${body.endpointId} was not found`);
	if (!user.accountIds.includes(endpoint.accountId)) return fail(403, 'Forbidden', 'You do not have access to this endpoint');
	if (endpoint.type !== 'PhoneNumber') {
		const message = `Endpoint ${endpoint.id} is a ${endpoint.type} endpoint and cannot send text messages; use a phone number endpoint`;
		return fail(400, 'ArgumentException', message, [{ errorCode: 'ArgumentException', fieldName: 'EndpointId', message }]);
	}
	let conversation = state.conversations.find((c) => c.endpointId === endpoint.id && c.otherAddress === body.toAddress);
	if (!conversation) {
		conversation = { id: `conv-new-${state.nextConversation++}`, endpointId: endpoint.id, otherAddress: body.toAddress };
		state.conversations.push(conversation);
	}
	const info = storeOutgoing(state, user, endpoint, conversation, body.body);
	ledger.accept('sendToEndpoint', { id: info.id, body, message: info });
	return { status: 200, body: info };
}

function handleListMessages(query, user, state) {
	const page = queryInt(query, 'page');
	const countPerPage = queryInt(query, 'countPerPage');
	const errors = [];
	if (page.invalid !== undefined || (page.value !== undefined && page.value < FIRST_PAGE)) {
		errors.push({ errorCode: 'GreaterThanOrEqual', fieldName: 'Page', message: `'Page' must be greater than or equal to '${FIRST_PAGE}'.` });
	}
	if (countPerPage.invalid !== undefined || (countPerPage.value !== undefined && countPerPage.value < 1)) {
		errors.push({ errorCode: 'GreaterThan', fieldName: 'CountPerPage', message: "'Count Per Page' must be greater than '0'." });
	}
	const [afterDateText] = queryValues(query, 'afterDate');
	const afterDate = afterDateText ? Date.parse(afterDateText) : undefined;
	if (afterDateText && Number.isNaN(afterDate)) {
		errors.push({ errorCode: 'Predicate', fieldName: 'AfterDate', message: "'After Date' is not a valid date." });
	}
	if (errors.length) return validationError(errors);

	const accountIds = queryList(query, 'accountIds');
	const denied = accountIds.find((id) => !user.accountIds.includes(id));
	if (denied) return fail(403, 'Forbidden', `You do not have access to account ${denied}`);
	const accounts = accountIds.length ? accountIds : user.accountIds;
	const customerIds = queryList(query, 'customerIds');
	const endpointIds = queryList(query, 'endpointIds');
	const conversationIds = queryList(query, 'conversationIds');

	const matching = state.messages
		.filter((m) => accounts.includes(m.info.accountId))
		.filter((m) => !customerIds.length || customerIds.includes(m.info.customerId))
		.filter((m) => !endpointIds.length || endpointIds.includes(m.info.endpointId))
		.filter((m) => !conversationIds.length || conversationIds.includes(m.conversationId))
		.filter((m) => afterDate === undefined || Date.parse(m.info.date) > afterDate)
		.sort((a, b) => Date.parse(a.info.date) - Date.parse(b.info.date) || a.info.id.localeCompare(b.info.id));

	const [all] = queryValues(query, 'all');
	const size = all === 'true' ? Math.max(matching.length, 1) : countPerPage.value ?? DEFAULT_COUNT_PER_PAGE;
	const index = all === 'true' ? 0 : (page.value ?? FIRST_PAGE) - FIRST_PAGE;
	const items = matching.slice(index * size, (index + 1) * size).map(toPublic);
	return {
		status: 200,
		body: {
			items,
			totalCount: matching.length,
			totalPages: Math.ceil(matching.length / size),
			hasMorePages: (index + 1) * size < matching.length,
		},
	};
}

function handle(req, state, ledger) {
	const { method, path, query, headers, body } = req;
	const auth = authenticate(headers);
	if (path === '/auth/status') {
		if (method !== 'GET') return fail(405, 'MethodNotAllowed', `Method ${method} is not allowed on /auth/status`);
		return handleAuthStatus(auth);
	}

	if (LIST_PATHS.includes(path)) {
		if (auth.anonymous) return fail(401, 'Unauthorized', 'Not Authenticated');
		if (auth.rejected) return fail(401, 'Unauthorized', 'Invalid UserName or Password');
		if (auth.user.disabled) return fail(401, 'Unauthorized', 'This user account has been disabled');
		const api = { fail, queryList, queryValues, queryInt, validationError, FIRST_PAGE, ENDPOINTS };
		return handleLists({ path, method, query, user: auth.user, state, api });
	}

	const sessionRoute = /^\/sessions\/([^/]+)\/messages$/.exec(path);
	if (!sessionRoute && path !== '/messages') {
		// ServiceStack answers an unknown route with a plain-text page, not a JSON error.
		return {
			status: 404,
			body: `Handler for Request not found (404):\n\n  Request.HttpMethod: ${method}\n  Request.PathInfo: ${path}\n`,
		};
	}
	if (auth.anonymous) return fail(401, 'Unauthorized', 'Not Authenticated');
	if (auth.rejected) return fail(401, 'Unauthorized', 'Invalid UserName or Password');
	if (auth.user.disabled) return fail(401, 'Unauthorized', 'This user account has been disabled');
	const { user } = auth;

	if (path === '/messages' && method === 'GET') return handleListMessages(query, user, state);
	if (method !== 'POST') return fail(405, 'MethodNotAllowed', `Method ${method} is not allowed on ${path}`);
	if (!body || typeof body !== 'object') {
		return validationError([{ errorCode: 'NotEmpty', fieldName: 'Body', message: "'Body' must not be empty." }]);
	}
	if (sessionRoute) return handleSendToSession(decodeURIComponent(sessionRoute[1]), body, user, state, ledger);
	return handleSendToEndpoint(body, user, state, ledger);
}

module.exports = {
	name: 'evovoice',
	prefix: '/evovoice',
	createState,
	handle,
	errorBody,
	credentials: (baseUrl) => ({
		evoVoiceBasicApi: { baseUrl, email: USERS.manager.email, password: USERS.manager.password },
	}),
	USERS,
	ENDPOINTS,
	FIRST_PAGE,
};
