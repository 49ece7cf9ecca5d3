// EvoVoice's users and its HTTP Basic (email:password) sign-in: who may call,
// and what GET /auth/status (ServiceStack's Authenticate) tells about them.
// Required by evovoice.js; it exports no prefix, so the sandbox does not take it for a vendor.
'use strict';

const { fail } = require('./evovoice-errors');

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

/**
 * The 401 every route but /auth/status answers when `auth` is not a user
 * who may sign in, or undefined when it is.
 */
function signInFailure(auth) {
	if (auth.anonymous) return fail(401, 'Unauthorized', 'Not Authenticated');
	if (auth.rejected) return fail(401, 'Unauthorized', 'Invalid UserName or Password');
	if (auth.user.disabled) return fail(401, 'Unauthorized', 'This user account has been disabled');
	return undefined;
}

/** GET /auth/status: answers 200 even for no or a disabled user, so a client can ask who it is. */
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

module.exports = { USERS, authenticate, signInFailure, handleAuthStatus };
