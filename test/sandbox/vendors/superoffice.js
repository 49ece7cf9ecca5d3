// SuperOffice CRM Web API (REST) as https://docs.superoffice.com/en/api/reference/restful/ (docs/superoffice.md) describes it:
// one tenant per path (Online `…/Cust12345`, Onsite `…/SuperOffice`), each with
// the sign-in schemes that installation type takes, chat sessions with their
// messages, PascalCase JSON and {"Error":true,"ErrorType","Message","ErrorSource"}
// error bodies.
// This module routes; the helper modules beside it hold the tenants and
// sign-in (superoffice-accounts), the seeded data (superoffice-data), error
// answers (superoffice-errors), a session's messages (superoffice-messages),
// chat topics and the other session routes (superoffice-chat), webhooks
// (superoffice-webhooks) and SuperID (superid).
'use strict';

const { ACCOUNTS, authenticate, principalCarrier, onsiteBaseUrl } = require('./superoffice-accounts');
const { handleChat } = require('./superoffice-chat');
const { createState } = require('./superoffice-data');
const { superOfficeError, fail, notFoundPage, noResource, methodNotAllowed } = require('./superoffice-errors');
const { handleSessionMessages, SPECIAL_TYPES } = require('./superoffice-messages');
const { handleSessionsForCurrentUser, handleWebhookRoute } = require('./superoffice-webhooks');
const superId = require('./superid');

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
	const tenantName = ACCOUNTS[kind].tenant;
	const sent = {};
	for (const name of LANGUAGE_HEADERS) if (headers[name] !== undefined) sent[name] = headers[name];
	state.requests.push({ tenant: tenantName, method, route: `/${route.join('/')}`, headers: sent });

	const auth = authenticate(kind, headers, state);
	if (auth.error) return fail(401, auth.error, 'SoPrincipal');

	if (lower[0] === 'webhook' && lower.length <= 2) return handleWebhookRoute(tenant, method, route, body);
	if (lower.length === 2 && lower[0] === 'chatsession' && lower[1] === 'forcurrentuser') return handleSessionsForCurrentUser(tenant, method);

	if (lower.length === 2 && lower[0] === 'user' && lower[1] === 'currentprincipal') {
		if (method !== 'GET') return methodNotAllowed(method);
		return { status: 200, body: principalCarrier(auth.principal) };
	}

	return (
		handleChat({ kind, tenantName, method, route, lower, query, tenant, auth, ledger }) ??
		handleSessionMessages({ tenantName, method, route, lower, query, body, tenant, auth, sent, ledger }) ??
		noResource(route)
	);
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
