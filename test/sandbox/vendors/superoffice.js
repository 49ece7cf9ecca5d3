// SuperOffice CRM Web API (REST) as https://docs.superoffice.com/en/api/reference/restful/ (docs/superoffice.md) describes it:
// one tenant per path (Online `…/Cust12345`, Onsite `…/SuperOffice`), each with
// the sign-in schemes that installation type takes, chat sessions with their
// messages, PascalCase JSON and {"Error":true,"ErrorType","Message","ErrorSource"}
// error bodies.
'use strict';

const { handleChat } = require('./superoffice-chat');
const superId = require('./superid');
const { handleSessionsForCurrentUser, handleWebhookRoute } = require('./superoffice-webhooks');

const MESSAGE_TYPES = ['Invalid', 'ToCustomer', 'ToUser', 'Special'];
const SPECIAL_TYPES = [
	'None', 'Welcome', 'Url', 'Block', 'NewSession', 'TransferedSession', 'Error', 'SessionDeleted',
	'FaqSuccessQuestion', 'ClosedByUser', 'ClosedByCustomer', 'ClosedByIdle', 'TransferRejected',
	'ReopenedByCustomer', 'ClickedOption', 'BotMessage', 'Options', 'IllegalFileType',
];

/**
 * What each tenant accepts. Tickets carry + / = on purpose: a ticket that got
 * re-encoded on the way no longer matches.
 */
const ACCOUNTS = {
	online: {
		tenant: 'Cust12345',
		ticket: '7T:Q3VzdDEyMzQ1LnN5c3RlbS11c2Vy+/dGlja2V0==',
		appToken: 'so-apptoken-5e1f0c9a7b2d4e68',
		accessToken: '8A:Cust12345.AQ9f3k2Lm+Xb7/bearer-access-token',
	},
	onsite: {
		tenant: 'SuperOffice',
		username: 'kari.hansen',
		password: 'Onsite:Pa55-word!',
		ticket: '7T:b25zaXRlLXRpY2tldA/+a2FyaQ==',
	},
};

const PRINCIPALS = {
	onlineTicket: { AssociateId: 12, Associate: 'ANNA', FullName: 'Anna Berg', EMailAddress: 'anna.berg@example.com' },
	onlineBearer: { AssociateId: 13, Associate: 'OLA', FullName: 'Ola Nordmann', EMailAddress: 'ola.nordmann@example.com' },
	onsite: { AssociateId: 5, Associate: 'KARI', FullName: 'Kari Hansen', EMailAddress: 'kari.hansen@example.com' },
};

function message(ChatMessageId, ChatSessionId, Type, Message, Author, WhenPosted, extra = {}) {
	return {
		ChatMessageId,
		ChatSessionId,
		Type,
		Message,
		Author,
		ReadByCustomer: 1,
		SpecialType: 'None',
		SpecialParam: '',
		WhenPosted,
		...extra,
	};
}

function session(ChatSessionId, fields) {
	return {
		ChatSessionId,
		TopicId: 1,
		User: null,
		Person: null,
		CustomerAlias: '',
		CustomerHost: '203.0.113.10',
		CustomerName: '',
		CustomerEmail: '',
		CustomerPhone: '',
		CustomerConsented: true,
		CustomerCompanyName: '',
		Status: 'Active',
		FirstMessage: '',
		LastMessage: '',
		WhenRequested: '2024-05-01T09:58:00Z',
		WhenStarted: '2024-05-01T09:59:00Z',
		WhenEnded: '0001-01-01T00:00:00',
		WhenIdle: '2024-05-01T10:02:00Z',
		Flags: 'None',
		ChatbotIsActive: false,
		Rating: 0,
		...fields,
	};
}

function createState() {
	const anna = { AssociateId: 12, Name: 'ANNA', FullName: 'Anna Berg' };
	const kari = { AssociateId: 5, Name: 'KARI', FullName: 'Kari Hansen' };
	return {
		/** Language, culture and time-zone headers of every request, to check what the node sent. */
		requests: [],
		/** SuperID's codes and tokens, for the OAuth2 credential. */
		superId: superId.createState(),
		tenants: {
			online: {
				nextMessageId: 1007,
				sessions: {
					101: session(101, { User: anna, CustomerName: 'Kari Nordmann', CustomerEmail: 'kari@example.com', CustomerAlias: 'Kari' }),
					102: session(102, { User: anna, CustomerName: 'Per Hansen', CustomerCompanyName: 'Hansen AS' }),
					103: session(103, { User: anna, CustomerName: 'Eva Lund', Status: 'Closed', WhenEnded: '2024-04-30T15:10:00Z' }),
				},
				messages: [
					message(1001, 101, 'ToUser', 'Hi, where is my order #1042?', 'Kari Nordmann', '2024-05-01T10:00:00Z'),
					message(1002, 101, 'ToCustomer', 'Let me check that for you.', 'Anna Berg', '2024-05-01T10:01:00Z'),
					message(1003, 101, 'ToUser', 'Thanks!', 'Kari Nordmann', '2024-05-01T10:02:00Z', { ReadByCustomer: 0 }),
					message(1004, 102, 'Special', 'Welcome to Example Support', '', '2024-05-01T11:00:00Z', { SpecialType: 'Welcome' }),
					message(1005, 103, 'ToUser', 'Can I change my delivery address?', 'Eva Lund', '2024-04-30T15:00:00Z'),
					message(1006, 103, 'ToCustomer', 'Done — see you next time.', 'Anna Berg', '2024-04-30T15:05:00Z'),
				],
			},
			onsite: {
				nextMessageId: 4,
				sessions: {
					7: session(7, { User: kari, CustomerName: 'Ole Olsen', CustomerEmail: 'ole@example.net' }),
					8: session(8, { User: kari, CustomerName: 'Lise Berg', Status: 'Closed', WhenEnded: '2024-04-29T08:30:00Z' }),
				},
				messages: [
					message(1, 7, 'ToUser', 'Is the shop open on Saturday?', 'Ole Olsen', '2024-05-02T08:00:00Z'),
					message(2, 7, 'ToCustomer', 'Yes, from 10 to 16.', 'Kari Hansen', '2024-05-02T08:01:00Z'),
					message(3, 8, 'ToUser', 'Thank you for the help', 'Lise Berg', '2024-04-29T08:20:00Z'),
				],
			},
		},
	};
}

const ERROR_TYPES = {
	400: 'ArgumentException',
	401: 'SoAuthenticationException',
	403: 'SoAccessDeniedException',
	404: 'EntityNotFoundException',
	429: 'TooManyRequestsException',
	500: 'SoServerException',
	502: 'SoServerException',
	503: 'ServiceUnavailableException',
};
const DEFAULT_MESSAGES = {
	400: 'Bad request',
	401: 'Authentication failed',
	403: 'Access denied',
	404: 'Not found',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'The service is temporarily unavailable',
};

function superOfficeError(status, message, source = 'SuperOffice.WebApi') {
	return {
		Error: true,
		ErrorType: ERROR_TYPES[status] || 'Exception',
		Message: message || DEFAULT_MESSAGES[status] || 'Error',
		ErrorSource: source,
	};
}

const fail = (status, text, source) => ({ status, body: superOfficeError(status, text, source) });

function notFoundPage() {
	return {
		status: 404,
		body: '<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2></body></html>',
		headers: { 'Content-Type': 'text/html' },
	};
}

/** Checks the Authorization (and SO-AppToken) headers the way the tenant's installation type does. */
function authenticate(kind, headers, state) {
	const account = ACCOUNTS[kind];
	const header = headers.authorization;
	if (!header) return { error: 'Authorization is required' };
	const match = /^(\S+)\s+([\s\S]*)$/.exec(header);
	if (!match) return { error: 'Malformed Authorization header' };
	// The docs spell the scheme SOTicket, SoTicket and SOTICKET; scheme names are case-insensitive.
	const scheme = match[1].toLowerCase();
	const value = match[2];

	if (scheme === 'basic') {
		if (kind === 'online') {
			return { error: 'Basic authentication is not available on SuperOffice Online; sign in with a ticket or an access token' };
		}
		const decoded = Buffer.from(value, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0 || decoded.slice(0, colon) !== account.username || decoded.slice(colon + 1) !== account.password) {
			return { error: 'Invalid user name or password' };
		}
		return { principal: PRINCIPALS.onsite, scheme: 'Basic' };
	}
	if (scheme === 'soticket') {
		if (value !== account.ticket) return { error: 'Invalid or expired ticket' };
		if (kind === 'online') {
			// An empty SO-AppToken carries no token: it counts as absent (see the SoTicket credential).
			const appToken = headers['so-apptoken'];
			if (appToken === undefined || appToken === '') {
				return { error: 'An application token (SO-AppToken) is required with a ticket on SuperOffice Online' };
			}
			if (appToken !== account.appToken) return { error: 'Unknown application token' };
			return { principal: PRINCIPALS.onlineTicket, scheme: 'SOTicket' };
		}
		return { principal: PRINCIPALS.onsite, scheme: 'SOTicket' };
	}
	if (scheme === 'bearer') {
		if (kind === 'onsite') return { error: 'Bearer tokens are not accepted by this installation' };
		if (value !== account.accessToken && !superId.acceptsAccessToken(state.superId, value)) {
			return { error: 'Invalid or expired access token' };
		}
		return { principal: PRINCIPALS.onlineBearer, scheme: 'Bearer' };
	}
	return { error: `Unsupported authorization scheme ${match[1]}` };
}

function principalCarrier(principal) {
	return {
		UserType: 'InternalAssociate',
		Associate: principal.Associate,
		AssociateId: principal.AssociateId,
		IsPerson: true,
		PersonId: principal.AssociateId + 100,
		FullName: principal.FullName,
		EMailAddress: principal.EMailAddress,
		RoleName: 'User',
		RoleType: 'Employee',
		Licenses: [],
		FunctionRights: [],
		SecondaryGroups: [],
		UserName: principal.Associate.toLowerCase(),
	};
}

function isInt32(value, min) {
	return Number.isInteger(value) && value >= min && value <= 2147483647;
}

function addMessage(tenant, chatSession, body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { error: fail(400, "Value cannot be null. (Parameter 'message')", 'ChatAgent') };
	}
	if (typeof body.Message !== 'string') return { error: fail(400, 'Message must be a string', 'ChatAgent') };
	const type = body.Type === undefined ? 'Invalid' : body.Type;
	if (!MESSAGE_TYPES.includes(type)) return { error: fail(400, `Requested value '${type}' was not found.`, 'ChatAgent') };
	const specialType = body.SpecialType === undefined ? 'None' : body.SpecialType;
	if (!SPECIAL_TYPES.includes(specialType)) {
		return { error: fail(400, `Requested value '${specialType}' was not found.`, 'ChatAgent') };
	}
	if (body.ReadByCustomer !== undefined && !isInt32(body.ReadByCustomer, 0)) {
		return { error: fail(400, 'ReadByCustomer must be an integer', 'ChatAgent') };
	}
	let whenPosted = new Date().toISOString();
	if (body.WhenPosted !== undefined) {
		if (typeof body.WhenPosted !== 'string' || Number.isNaN(Date.parse(body.WhenPosted))) {
			return { error: fail(400, `String '${body.WhenPosted}' was not recognized as a valid DateTime.`, 'ChatAgent') };
		}
		whenPosted = new Date(body.WhenPosted).toISOString();
	}
	const stored = {
		ChatMessageId: tenant.nextMessageId++,
		ChatSessionId: chatSession.ChatSessionId,
		Type: type,
		Message: body.Message,
		Author: typeof body.Author === 'string' ? body.Author : '',
		ReadByCustomer: body.ReadByCustomer ?? 0,
		SpecialType: specialType,
		SpecialParam: typeof body.SpecialParam === 'string' ? body.SpecialParam : '',
		WhenPosted: whenPosted,
	};
	tenant.messages.push(stored);
	chatSession.LastMessage = stored.Message;
	if (!chatSession.FirstMessage) chatSession.FirstMessage = stored.Message;
	chatSession.WhenIdle = whenPosted;
	return { stored };
}

const LANGUAGE_HEADERS = ['accept-language', 'so-language', 'so-culture', 'so-timezone'];

function handle(req, state, ledger) {
	const { method, path, query, headers, body } = req;
	const signIn = superId.handleSuperId(state.superId, req);
	if (signIn) return signIn;
	const segments = path.split('/').filter(Boolean);
	const kind = Object.keys(ACCOUNTS).find((k) => ACCOUNTS[k].tenant.toLowerCase() === (segments[0] || '').toLowerCase());
	// Anything outside <tenant>/api/v1 is not the Web API: IIS answers with its own page.
	if (!kind || (segments[1] || '').toLowerCase() !== 'api' || (segments[2] || '').toLowerCase() !== 'v1') {
		return notFoundPage();
	}
	const route = segments.slice(3);
	const lower = route.map((s) => s.toLowerCase());
	const tenant = state.tenants[kind];
	const sent = {};
	for (const name of LANGUAGE_HEADERS) if (headers[name] !== undefined) sent[name] = headers[name];
	state.requests.push({ tenant: ACCOUNTS[kind].tenant, method, route: `/${route.join('/')}`, headers: sent });

	const auth = authenticate(kind, headers, state);
	if (auth.error) return fail(401, auth.error, 'SoPrincipal');

	if (lower[0] === 'webhook' && lower.length <= 2) return handleWebhookRoute(tenant, method, route, body);
	if (lower.length === 2 && lower[0] === 'chatsession' && lower[1] === 'forcurrentuser') return handleSessionsForCurrentUser(tenant, method);

	if (lower.length === 2 && lower[0] === 'user' && lower[1] === 'currentprincipal') {
		if (method !== 'GET') return methodNotAllowed(method);
		return { status: 200, body: principalCarrier(auth.principal) };
	}

	const chat = handleChat({
		kind, tenantName: ACCOUNTS[kind].tenant, method, route, lower, query, tenant, auth, ledger, api: { fail, methodNotAllowed },
	});
	if (chat) return chat;

	if (lower[0] === 'chatsession' && (lower.length === 2 || (lower.length === 3 && lower[2] === 'messages'))) {
		if (!/^\d+$/.test(route[1])) {
			return { status: 404, body: { Message: `No HTTP resource was found that matches the request URI '/api/v1/${route.join('/')}'.` } };
		}
		const id = Number(route[1]);
		const chatSession = tenant.sessions[id];
		if (lower.length === 2) {
			if (method !== 'GET') return methodNotAllowed(method);
			if (!chatSession) return fail(404, `ChatSession with id ${id} not found`, 'ChatAgent');
			return { status: 200, body: chatSession };
		}
		if (!chatSession) return fail(404, `ChatSession with id ${id} not found`, 'ChatAgent');
		if (method === 'GET') {
			const rawAfter = query.get('after');
			let after = 0;
			if (rawAfter !== null) {
				if (!/^-?\d+$/.test(rawAfter)) return fail(400, `The value '${rawAfter}' is not valid for after.`, 'ChatAgent');
				after = Number(rawAfter);
			}
			const list = tenant.messages
				.filter((m) => m.ChatSessionId === id && m.ChatMessageId > after)
				.sort((a, b) => a.ChatMessageId - b.ChatMessageId);
			return { status: 200, body: list };
		}
		if (method === 'POST') {
			const result = addMessage(tenant, chatSession, body);
			if (result.error) return result.error;
			ledger.accept('addChatMessage', {
				id: result.stored.ChatMessageId,
				tenant: ACCOUNTS[kind].tenant,
				chatSessionId: id,
				auth: auth.scheme,
				associate: auth.principal.Associate,
				headers: sent,
				body,
			});
			return { status: 200, body: result.stored };
		}
		return methodNotAllowed(method);
	}

	return { status: 404, body: { Message: `No HTTP resource was found that matches the request URI '/api/v1/${route.join('/')}'.` } };
}

function methodNotAllowed(method) {
	return { status: 405, body: { Message: `The requested resource does not support http method '${method}'.` } };
}

/** The Onsite tenant's Base URL, next to the Online one the sandbox hands out. */
function onsiteBaseUrl(onlineBaseUrl) {
	return `${onlineBaseUrl.slice(0, -ACCOUNTS.online.tenant.length)}${ACCOUNTS.onsite.tenant}`;
}

module.exports = {
	name: 'superoffice',
	prefix: '/superoffice',
	baseUrlPath: `/superoffice/${ACCOUNTS.online.tenant}`,
	createState,
	handle,
	errorBody: (status, _path, text) => superOfficeError(status, text),
	// Basic points at Onsite (Online does not take it); SoTicket and Bearer at Online.
	credentials: (baseUrl) => ({
		superOfficeBasicApi: {
			baseUrl: onsiteBaseUrl(baseUrl),
			username: ACCOUNTS.onsite.username,
			password: ACCOUNTS.onsite.password,
		},
		superOfficeSoTicketApi: { baseUrl, ticketToken: ACCOUNTS.online.ticket, appToken: ACCOUNTS.online.appToken },
		superOfficeBearerApi: { baseUrl, accessToken: ACCOUNTS.online.accessToken },
		superOfficeOAuth2Api: {
			baseUrl,
			environment: 'online',
			clientId: superId.CLIENT.id,
			clientSecret: superId.CLIENT.secret,
			oauthTokenData: { ...superId.CONNECTED },
		},
	}),
	/**
	 * Where SuperID is, as an n8n admin would point the OAuth2 credential's
	 * URLs elsewhere: n8n's credential overwrites (CREDENTIALS_OVERWRITE_DATA).
	 */
	credentialOverwrites: (sandboxUrl) => ({
		superOfficeOAuth2Api: {
			authUrl: `${sandboxUrl}/superoffice${superId.AUTHORIZE}`,
			accessTokenUrl: `${sandboxUrl}/superoffice${superId.TOKENS}`,
		},
	}),
	accounts: ACCOUNTS,
	/** A secret this tenant accepts that is in none of the credentials above; it must not leak either. */
	secrets: [ACCOUNTS.onsite.ticket, superId.TOKEN_MARK],
	SPECIAL_TYPES,
	onsiteBaseUrl,
};
