// SuperID, SuperOffice Online's sign-in service, as the superoffice-docs
// describe it (docs/en/api/authentication/online/sign-in-user/auth-code-flow.md):
// an authorize page that approves at once, and a tokens endpoint for the
// authorization code (with PKCE) and refresh-token grants. Access tokens expire
// after a time, or after a number of uses a test sets. Not a vendor of its own
// (no `prefix`): superoffice.js serves it under its own prefix, at
// /login/common/oauth/…, as https://online.superoffice.com serves both.
'use strict';

const crypto = require('node:crypto');

const { grant, spend } = require('./expiring-tokens');

const CLIENT = { id: 'so-sandbox-client-7d41', secret: 'so-sandbox-client-secret-2c9e81f0' };
/** A fragment every token SuperID hands out carries, so a test can look for any of them in its output. */
const TOKEN_MARK = 'sid5e77';
/** The tokens of an app already connected, as the sandbox credential holds them. */
const CONNECTED = {
	access_token: `8A:Cust12345.${TOKEN_MARK}-access-connected`,
	refresh_token: `${TOKEN_MARK}-refresh-connected`,
	token_type: 'Bearer',
	expires_in: 3600,
};
const AUTHORIZE = '/login/common/oauth/authorize';
const TOKENS = '/login/common/oauth/tokens';

function createState() {
	const state = {
		codes: new Map(),
		accessTokens: new Map(),
		refreshTokens: new Map(),
		/** Every token handed out, access and refresh. */
		issued: [],
		/** Refresh-token grants answered, successful or not. */
		refreshes: [],
		accessLifetimeMs: 60 * 60 * 1000,
		accessUses: Infinity,
	};
	grant(state.accessTokens, CONNECTED.access_token, { lifetimeMs: state.accessLifetimeMs, uses: Infinity });
	state.refreshTokens.set(CONNECTED.refresh_token, { revoked: false });
	return state;
}

function issueAccess(state) {
	const token = `8A:Cust12345.${TOKEN_MARK}-access-${state.issued.length + 1}`;
	state.issued.push(token);
	grant(state.accessTokens, token, { lifetimeMs: state.accessLifetimeMs, uses: state.accessUses });
	return token;
}

function issueRefresh(state) {
	const token = `${TOKEN_MARK}-refresh-${state.issued.length + 1}`;
	state.issued.push(token);
	state.refreshTokens.set(token, { revoked: false });
	return token;
}

/** Whether an access token is one SuperID issued and still live (using one up). */
function acceptsAccessToken(state, token) {
	return spend(state.accessTokens, token);
}

/** An unsigned id_token with the claims SuperID sends (validate-security-tokens.md); the node does not read it. */
function idToken() {
	const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'none', typ: 'JWT' })}.${part({
		'http://schemes.superoffice.net/identity/ctx': 'Cust12345',
		'http://schemes.superoffice.net/identity/webapi_url': 'https://online.superoffice.com/Cust12345/api/',
	})}.`;
}

const oauthError = (status, error, description) => ({ status, body: { error, error_description: description } });

/** The client's id and secret from the form body or a Basic header, as token endpoints take them. */
function client(headers, body) {
	const basic = /^Basic\s+(.+)$/i.exec(headers.authorization || '');
	if (basic) {
		const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent);
		return { id, secret };
	}
	return { id: body.client_id, secret: body.client_secret };
}

function tokens(state, headers, body) {
	const form = body && typeof body === 'object' ? body : {};
	const { id, secret } = client(headers, form);
	if (id !== CLIENT.id || secret !== CLIENT.secret) return oauthError(401, 'invalid_client', 'Unknown client or wrong client secret');
	if (form.grant_type === 'authorization_code') {
		const grant = state.codes.get(form.code);
		state.codes.delete(form.code);
		if (!grant) return oauthError(400, 'invalid_grant', 'The authorization code is invalid or expired');
		if (grant.redirectUri !== form.redirect_uri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match');
		if (grant.challenge) {
			const verifier = String(form.code_verifier || '');
			const computed = grant.method === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
			if (computed !== grant.challenge) return oauthError(400, 'invalid_grant', 'PKCE verification failed');
		}
		return {
			status: 200,
			body: { access_token: issueAccess(state), token_type: 'Bearer', expires_in: 3600, refresh_token: issueRefresh(state), id_token: idToken() },
		};
	}
	if (form.grant_type === 'refresh_token') {
		const entry = state.refreshTokens.get(form.refresh_token);
		state.refreshes.push({ ok: Boolean(entry && !entry.revoked) });
		if (!entry || entry.revoked) return oauthError(400, 'invalid_grant', 'The refresh token is invalid or has been revoked');
		// SuperID keeps the refresh token: the answer carries a new access token only.
		return { status: 200, body: { access_token: issueAccess(state), token_type: 'Bearer', expires_in: 3600, id_token: idToken() } };
	}
	return oauthError(400, 'unsupported_grant_type', `grant_type ${form.grant_type} is not supported`);
}

/** Answers SuperID's paths, or undefined for any other path. */
function handleSuperId(state, { method, path, query, headers, body }) {
	if (path === AUTHORIZE && method === 'GET') {
		if (query.get('client_id') !== CLIENT.id) return { status: 400, body: 'Unknown client_id', headers: { 'Content-Type': 'text/plain' } };
		if (query.get('response_type') !== 'code' || query.get('scope') !== 'openid') {
			return { status: 400, body: 'response_type must be code and scope openid', headers: { 'Content-Type': 'text/plain' } };
		}
		const redirectUri = query.get('redirect_uri');
		const code = crypto.randomBytes(12).toString('hex');
		state.codes.set(code, {
			redirectUri,
			challenge: query.get('code_challenge'),
			method: query.get('code_challenge_method') || 'plain',
		});
		const location = new URL(redirectUri);
		location.searchParams.set('code', code);
		if (query.get('state') !== null) location.searchParams.set('state', query.get('state'));
		return { status: 302, body: '', headers: { Location: location.toString(), 'Content-Type': 'text/plain' } };
	}
	if (path === TOKENS && method === 'POST') return tokens(state, headers, body);
	return undefined;
}

module.exports = { CLIENT, CONNECTED, TOKEN_MARK, AUTHORIZE, TOKENS, createState, handleSuperId, acceptsAccessToken };
