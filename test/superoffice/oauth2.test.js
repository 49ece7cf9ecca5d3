'use strict';

// The OAuth2 credential: SuperID's tokens, refreshed by n8n when SuperOffice
// answers 401, and never a message sent twice because of it.
const { useSandbox, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow, testCredentialOf } = require('../helpers');
const { loadPackage } = require('../harness');
const { listSearch } = require('../harness/list-search');
const { CredentialsHelper } = require('../harness/credentials-helper');
const { ADD, GET_MANY, MESSAGES_PATH, workflowFor } = require('./support');
const superId = require('../sandbox/vendors/superid');

const env = useSandbox();
const TYPE = 'superOfficeOAuth2Api';
const TOKENS_PATH = superId.TOKENS;

const sid = () => env.sandbox.state.superoffice.superId;
const tokenRequests = () => env.sandbox.requests.filter((r) => r.path === TOKENS_PATH);
/** The connected access token lasts `uses` more requests, then SuperOffice answers 401. */
const expireConnectedAfter = (uses) => {
	sid().accessTokens.get(superId.CONNECTED.access_token).usesLeft = uses;
};

async function add(input, { credentials = credentialsOf(env.sandbox, 'superoffice'), node = {} } = {}) {
	return await runWorkflow(workflowFor(ADD, 'superId', { 'Add Chat Message': node }), { credentials, input: items(...input) });
}

const revoked = () => {
	expireConnectedAfter(0);
	sid().refreshTokens.get(superId.CONNECTED.refresh_token).revoked = true;
};

describe('SuperOffice: OAuth2 credential', () => {
	test('sends with the access token as Bearer, without refreshing a token that works', async () => {
		const result = await add([{ chatSessionId: 101, message: 'hello' }]);
		expect(result.status).toBe('success');
		expect(env.sandbox.received('superoffice').map((m) => [m.auth, m.associate, m.body.Message])).toEqual([['Bearer', 'OLA', 'hello']]);
		expect(tokenRequests()).toEqual([]);
	});

	test('500 sends across an access token expiry: 500 delivered, none twice, one refresh, the new token stored', async () => {
		expireConnectedAfter(200);
		const texts = Array.from({ length: 500 }, (_, i) => `message ${i}`);
		const result = await add(
			texts.map((message) => ({ chatSessionId: 101, message })),
			{ node: { parameters: { options: { parallelRequests: 8 } } } },
		);
		expect(result.status).toBe('success');
		expect(result.output('Add Chat Message')).toHaveLength(500);
		const delivered = env.sandbox.received('superoffice').map((m) => m.body.Message);
		expect(delivered).toHaveLength(500);
		expect(new Set(delivered).size).toBe(500);
		expect([...delivered].sort()).toEqual([...texts].sort());
		expect(sid().refreshes).toEqual([{ ok: true }]);
		const sends = env.sandbox.requests.filter((r) => r.path === MESSAGES_PATH);
		const refused = sends.filter((r) => r.status === 401).length;
		expect(refused).toBeGreaterThan(0);
		expect(refused).toBeLessThanOrEqual(8);
		expect(sends).toHaveLength(500 + refused);
		const stored = result.storedCredentials[TYPE].oauthTokenData;
		expect(stored.access_token).toBe(sid().issued[0]);
		expect(stored.refresh_token).toBe(superId.CONNECTED.refresh_token);
		expectNoSecrets(result, [...secretsOf(env.sandbox, 'superoffice'), ...sid().issued]);
	});

	test('reads refresh too', async () => {
		expireConnectedAfter(0);
		const result = await runWorkflow(workflowFor(GET_MANY, 'superId'), {
			credentials: credentialsOf(env.sandbox, 'superoffice'),
			input: items({ chatSessionId: 101 }),
		});
		expect(result.status).toBe('success');
		expect(result.output('Get Chat Messages').map((item) => item.json.ChatMessageId)).toEqual([1001, 1002, 1003]);
		expect(sid().refreshes).toEqual([{ ok: true }]);
	});

	test('the Chat Session picker refreshes too', async () => {
		expireConnectedAfter(0);
		const { results } = await listSearch('superOffice', 'searchChatSessions', {
			parameters: { authentication: 'superId' },
			credentials: credentialsOf(env.sandbox, 'superoffice'),
		});
		expect(results.map((r) => r.value)).toEqual(['103', '102', '101']);
		expect(sid().refreshes).toEqual([{ ok: true }]);
	});

	test('a token SuperOffice refuses even after the refresh fails the item with SuperOffice’s own message, sent twice at most', async () => {
		expireConnectedAfter(0);
		// Every access token SuperID hands out from now on is spent before it is used.
		sid().accessUses = 0;
		const result = await add([{ chatSessionId: 101, message: 'hello' }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 401): Invalid or expired access token. [item 0]');
		expect(result.error.description).toMatch(/even after n8n refreshed it/);
		expect(env.sandbox.requests.filter((r) => r.path === MESSAGES_PATH).map((r) => r.status)).toEqual([401, 401]);
		expect(sid().refreshes).toEqual([{ ok: true }]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('a revoked refresh token fails the item with one sentence and sends nothing', async () => {
		revoked();
		const result = await add([{ chatSessionId: 101, message: 'hello' }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'The credential "SuperOffice Online OAuth2 (sandbox)" needs to be reconnected: SuperOffice no longer accepts its refresh token, so open the credential and sign in again. [item 0]',
		);
		expect(env.sandbox.ledger).toEqual([]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test('with Continue On Fail a revoked refresh token fails each item in its place', async () => {
		revoked();
		const result = await add(
			[{ chatSessionId: 101, message: 'a' }, { chatSessionId: 102, message: 'b' }],
			{ node: { onError: 'continueRegularOutput' } },
		);
		expect(result.status).toBe('success');
		expect(result.output('Add Chat Message').map((item) => item.json.error)).toEqual([
			expect.stringMatching(/needs to be reconnected.*\[item 0\]$/),
			expect.stringMatching(/needs to be reconnected.*\[item 1\]$/),
		]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('a wrong Client Secret, when the token must be refreshed, fails the item in one sentence', async () => {
		expireConnectedAfter(0);
		const credentials = credentialsOf(env.sandbox, 'superoffice', { [TYPE]: { clientSecret: 'wrong-Secret-9' } });
		const result = await add([{ chatSessionId: 101, message: 'hello' }], { credentials });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'SuperOffice refused to refresh the access token (invalid_client: Unknown client or wrong client secret); check the Client ID and Client Secret in the credential. [item 0]',
		);
		expect(env.sandbox.ledger).toEqual([]);
		expectNoSecrets(result, [...secretsOf(env.sandbox, 'superoffice'), 'wrong-Secret-9']);
	});

	test('the sign-in and token addresses follow the Environment', async () => {
		const saved = process.env.CREDENTIALS_OVERWRITE_DATA;
		delete process.env.CREDENTIALS_OVERWRITE_DATA;
		try {
			const loader = await loadPackage();
			for (const environment of ['sod', 'qaonline', 'online']) {
				const helper = new CredentialsHelper(loader, { [TYPE]: { ...credentialsOf(env.sandbox, 'superoffice')[TYPE], environment } });
				const data = await helper.getDecrypted({}, { id: 'x', name: 'x' }, TYPE, 'internal');
				expect([data.authUrl, data.accessTokenUrl, data.scope, data.grantType]).toEqual([
					`https://${environment}.superoffice.com/login/common/oauth/authorize`,
					`https://${environment}.superoffice.com/login/common/oauth/tokens`,
					'openid',
					'pkce',
				]);
			}
		} finally {
			process.env.CREDENTIALS_OVERWRITE_DATA = saved;
		}
	});

	describe('credential test', () => {
		test('passes with a working token, and refreshes an expired one', async () => {
			expect(await testCredentialOf(env.sandbox, TYPE)).toEqual({ status: 'OK', message: 'Connection successful!' });
			expireConnectedAfter(0);
			expect(await testCredentialOf(env.sandbox, TYPE)).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(sid().refreshes).toEqual([{ ok: true }]);
		});

		test('a revoked refresh token says to sign in again', async () => {
			revoked();
			const result = await testCredentialOf(env.sandbox, TYPE);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/needs to be reconnected/);
		});
	});
});
