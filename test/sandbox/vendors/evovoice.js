// EvoVoice as its API metadata (https://evovoice.io/json/metadata; docs/evovoice.md) describes it: a ServiceStack API
// with HTTP Basic (email:password) on every request, camelCase JSON,
// ListRequest paging (`page`, `countPerPage`; answers `{items, totalCount,
// totalPages, hasMorePages}`) and ServiceStack error bodies
// `{responseStatus: {errorCode, message, errors: [{errorCode, fieldName, message}]}}`.
// This module routes; the helper modules beside it hold the users and sign-in
// (evovoice-accounts), the seeded data (evovoice-data), error bodies
// (evovoice-errors), query and paging rules (evovoice-requests), the message
// routes (evovoice-messages) and the lists (evovoice-lists).
'use strict';

const { USERS, authenticate, signInFailure, handleAuthStatus } = require('./evovoice-accounts');
const { ENDPOINTS, createState } = require('./evovoice-data');
const { errorBody, fail } = require('./evovoice-errors');
const { handleLists, LIST_PATHS } = require('./evovoice-lists');
const { handleMessages } = require('./evovoice-messages');
const { FIRST_PAGE } = require('./evovoice-requests');

function handle(req, state, ledger) {
	const { method, path, query, headers, body } = req;
	const auth = authenticate(headers);
	if (path === '/auth/status') {
		if (method !== 'GET') return fail(405, 'MethodNotAllowed', `Method ${method} is not allowed on /auth/status`);
		return handleAuthStatus(auth);
	}

	if (LIST_PATHS.includes(path)) {
		return signInFailure(auth) ?? handleLists({ path, method, query, user: auth.user, state });
	}

	const sessionRoute = /^\/sessions\/([^/]+)\/messages$/.exec(path);
	if (!sessionRoute && path !== '/messages') {
		// ServiceStack answers an unknown route with a plain-text page, not a JSON error.
		return {
			status: 404,
			body: `Handler for Request not found (404):\n\n  Request.HttpMethod: ${method}\n  Request.PathInfo: ${path}\n`,
		};
	}
	const rawSessionId = sessionRoute ? sessionRoute[1] : undefined;
	return signInFailure(auth) ?? handleMessages({ method, path, query, body, rawSessionId, user: auth.user, state, ledger });
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
