'use strict';

// The Login and Password credential: it logs in by itself, renews its token
// when edna lets it expire, and never sends a message twice because of it.
const { useSandbox, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow, testCredentialOf } = require('../helpers');
const { workflowFor, CREDENTIALS } = require('./support');

const env = useSandbox();
const TYPE = CREDENTIALS.login;
const LOGIN_PATH = '/api/auth/login';
const SEND_PATH = '/api/v1/messages/outgoing-from-myself';

const logins = () => env.sandbox.requests.filter((r) => r.path === LOGIN_PATH);
const edna = () => env.sandbox.state.edna;

async function send(input, { credentials = credentialsOf(env.sandbox, 'edna'), options } = {}) {
	const overrides = options ? { 'Send to Client': { parameters: { options } } } : {};
	return await runWorkflow(workflowFor('send-to-client.workflow.json', overrides, 'login'), {
		credentials,
		input: items(...input),
	});
}

/** Every secret of the run: the credential's, and every session token edna issued. */
function secrets() {
	return [...secretsOf(env.sandbox, 'edna'), ...edna().issued];
}

describe('edna Chat Center: Login and Password credential', () => {
	test('logs in once, sends with the token edna issued (its "Bearer " not doubled) and stores the token', async () => {
		const result = await send([{ clientId: 'crm-42', text: 'a' }, { clientId: 'crm-43', text: 'b' }]);
		expect(result.status).toBe('success');
		expect(env.sandbox.received('edna', 'sendToClient').map((m) => m.body.text)).toEqual(['a', 'b']);
		expect(logins()).toHaveLength(1);
		expect(env.sandbox.requests.filter((r) => r.path === SEND_PATH).map((r) => r.status)).toEqual([200, 200]);
		expect(result.storedCredentials[TYPE].sessionToken).toBe(`Bearer ${edna().issued[0]}`);
		expectNoSecrets(result, secrets());
	});

	test('a stored token still valid is used without logging in', async () => {
		const first = await send([{ clientId: 'crm-42', text: 'a' }]);
		const second = await send([{ clientId: 'crm-42', text: 'b' }], { credentials: first.storedCredentials });
		expect(second.status).toBe('success');
		expect(logins()).toHaveLength(1);
	});

	test('500 sends across a token expiry: 500 delivered, none twice, one login', async () => {
		const first = await send([{ clientId: 'crm-42', text: 'warm-up' }]);
		// The stored token now lasts 200 more requests, then edna answers 401.
		edna().sessions.get(edna().issued[0]).usesLeft = 200;
		const loginsBefore = logins().length;
		const texts = Array.from({ length: 500 }, (_, i) => `message ${i}`);
		const result = await send(
			texts.map((text) => ({ clientId: 'crm-42', text })),
			{ credentials: first.storedCredentials, options: { parallelRequests: 8 } },
		);
		expect(result.status).toBe('success');
		expect(result.output('Send to Client')).toHaveLength(500);
		const delivered = env.sandbox.received('edna', 'sendToClient').map((m) => m.body.text).slice(1);
		expect(delivered).toHaveLength(500);
		expect(new Set(delivered).size).toBe(500);
		expect([...delivered].sort()).toEqual([...texts].sort());
		expect(logins().length - loginsBefore).toBe(1);
		// Every refused send was a 401 (not accepted), then sent once more.
		const sends = env.sandbox.requests.filter((r) => r.path === SEND_PATH).slice(1);
		const refused = sends.filter((r) => r.status === 401).length;
		expect(refused).toBeGreaterThan(0);
		expect(refused).toBeLessThanOrEqual(8);
		expect(sends).toHaveLength(500 + refused);
		expect(result.storedCredentials[TYPE].sessionToken).toBe(`Bearer ${edna().issued[1]}`);
		expectNoSecrets(result, secrets());
	});

	test('a wrong password fails every item with one sentence, after one login attempt, and sends nothing', async () => {
		const credentials = credentialsOf(env.sandbox, 'edna', { [TYPE]: { password: 'wrong-Password-1' } });
		const result = await send(
			[{ clientId: 'crm-42', text: 'a' }, { clientId: 'crm-43', text: 'b' }, { clientId: 'crm-42', text: 'c' }],
			{ credentials, options: {} },
		);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			"edna Chat Center refused to log in with the credential's Login and Password (HTTP 401: Bad credentials); check both in the credential. [item 0]",
		);
		expect(logins()).toHaveLength(1);
		expect(env.sandbox.ledger).toEqual([]);
		expectNoSecrets(result, [...secrets(), 'wrong-Password-1']);
	});

	test('with Continue On Fail a refused login fails each item in its place', async () => {
		const credentials = credentialsOf(env.sandbox, 'edna', { [TYPE]: { password: 'wrong-Password-1' } });
		const workflow = workflowFor('send-to-client.workflow.json', { 'Send to Client': { onError: 'continueRegularOutput' } }, 'login');
		const result = await runWorkflow(workflow, { credentials, input: items({ clientId: 'crm-42', text: 'a' }, { clientId: 'crm-43', text: 'b' }) });
		expect(result.status).toBe('success');
		expect(result.output('Send to Client').map((item) => item.json.error)).toEqual([
			"edna Chat Center refused to log in with the credential's Login and Password (HTTP 401: Bad credentials); check both in the credential. [item 0]",
			"edna Chat Center refused to log in with the credential's Login and Password (HTTP 401: Bad credentials); check both in the credential. [item 1]",
		]);
		expect(logins()).toHaveLength(1);
	});

	test('a token edna refuses right after a login is not renewed again: the item fails with the 401', async () => {
		// Every token edna issues is spent before it is used.
		edna().sessionUses = 0;
		const result = await send([{ clientId: 'crm-42', text: 'a' }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/^edna Chat Center rejected the request \(HTTP 401\)/);
		expect(logins()).toHaveLength(1);
		expect(env.sandbox.ledger).toEqual([]);
	});

	describe('credential test', () => {
		test('logs in and passes', async () => {
			expect(await testCredentialOf(env.sandbox, TYPE)).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(logins()).toHaveLength(1);
			expect(env.sandbox.ledger).toEqual([]);
		});

		test('a wrong password says so in one sentence', async () => {
			expect(await testCredentialOf(env.sandbox, TYPE, { password: 'wrong' })).toEqual({
				status: 'Error',
				message: "edna Chat Center refused to log in with the credential's Login and Password (HTTP 401: Bad credentials); check both in the credential.",
			});
		});

		test('a Base URL without edna’s login says so', async () => {
			const result = await testCredentialOf(env.sandbox, TYPE, { baseUrl: `${env.sandbox.baseUrl('edna')}/chat` });
			expect(result).toEqual({
				status: 'Error',
				message: 'edna Chat Center has no login at this Base URL (HTTP 404); use the address of your edna installation, without /api.',
			});
		});
	});
});
