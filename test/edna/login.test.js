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
		expect(env.sandbox.received('edna', 'sendToClient').map((m) => m.body.text).sort()).toEqual(['a', 'b']);
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
			"edna Chat Center refused to log in with the credential's Login and Password (HTTP 401: Bad credentials), so nothing was sent; check both in the credential. [item 0]",
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
			"edna Chat Center refused to log in with the credential's Login and Password (HTTP 401: Bad credentials), so nothing was sent; check both in the credential. [item 0]",
			"edna Chat Center refused to log in with the credential's Login and Password (HTTP 401: Bad credentials), so nothing was sent; check both in the credential. [item 1]",
		]);
		expect(logins()).toHaveLength(1);
	});

	describe('a token edna refuses right after issuing it: the login may not send', () => {
		const REFUSED =
			"edna Chat Center logged in with the credential's Login and Password but then refused the token it had just issued (HTTP 401), so nothing was sent: check that the user may use the API (INTEGRATOR, OPERATOR or SUPERVISOR role).";

		test.each([1, 16])('40 items, Parallel Requests %i: one login, every item fails with that sentence, no more sends', async (parallelRequests) => {
			// Every token edna issues is spent before it is used.
			edna().sessionUses = 0;
			const texts = Array.from({ length: 40 }, (_, i) => ({ clientId: 'crm-42', text: `refused ${i}` }));
			const workflow = workflowFor(
				'send-to-client.workflow.json',
				{ 'Send to Client': { onError: 'continueRegularOutput', parameters: { options: { parallelRequests } } } },
				'login',
			);
			const result = await runWorkflow(workflow, { credentials: credentialsOf(env.sandbox, 'edna'), input: items(...texts) });
			expect(result.status).toBe('success');
			expect(result.output('Send to Client').map((item) => item.json.error)).toEqual(texts.map((_, i) => `${REFUSED} [item ${i}]`));
			expect(result.output('Send to Client').every((item) => item.json.details.delivery === 'notDelivered')).toBe(true);
			// Once edna refused the token it had just issued, nothing more goes out: the sends in flight then.
			expect(logins().length).toBeLessThanOrEqual(2);
			expect(env.sandbox.requests.filter((r) => r.path === SEND_PATH).length).toBeLessThanOrEqual(parallelRequests);
			expect(env.sandbox.ledger).toEqual([]);
		});

		test('without Continue On Fail the node stops with that sentence', async () => {
			edna().sessionUses = 0;
			const result = await send([{ clientId: 'crm-42', text: 'a' }, { clientId: 'crm-43', text: 'b' }]);
			expect(result.status).toBe('error');
			expect(result.error.message).toBe(`${REFUSED} [item 0]`);
			expect(logins()).toHaveLength(1);
			expect(env.sandbox.ledger).toEqual([]);
		});
	});

	test('300 sends across tokens that expire every 100 uses, 20 runs: every message delivered once, no item fails', async () => {
		// n8n writes a renewed token to its database once for every request that logged in, one write
		// after another (20 ms each here), and sends that request only after its write: the last of 16
		// requests renewing together went out ~320 ms after the login, met the next expiry and failed.
		// Now the others wait for the one renewal and send with its token, and a token that expires
		// after it was used is renewed again (the budget counts expiries, not requests).
		for (let run = 0; run < 20; run++) {
			env.sandbox.reset();
			edna().sessionUses = 100;
			const texts = Array.from({ length: 300 }, (_, i) => `run ${run} message ${i}`);
			const workflow = workflowFor('send-to-client.workflow.json', { 'Send to Client': { parameters: { options: { parallelRequests: 16 } } } }, 'login');
			const result = await runWorkflow(workflow, {
				credentials: credentialsOf(env.sandbox, 'edna'),
				input: items(...texts.map((text) => ({ clientId: 'crm-42', text }))),
				credentialWriteMs: 20,
			});
			expect(result.status).toBe('success');
			const delivered = env.sandbox.received('edna', 'sendToClient').map((m) => m.body.text);
			expect(delivered).toHaveLength(300);
			expect(new Set(delivered).size).toBe(300);
			// One login per token: the first, and one per expiry.
			expect(logins().length).toBeLessThanOrEqual(4);
		}
	}, 120_000);

	test('a login that never answers, Timeout 3 s: every item says so and that nothing was sent, within seconds', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: LOGIN_PATH, delayMs: 60_000, status: 200 });
		const texts = Array.from({ length: 20 }, (_, i) => ({ clientId: 'crm-42', text: `hung ${i}` }));
		const workflow = workflowFor(
			'send-to-client.workflow.json',
			{ 'Send to Client': { onError: 'continueRegularOutput', parameters: { options: { timeout: 3 } } } },
			'login',
		);
		const started = Date.now();
		const result = await runWorkflow(workflow, { credentials: credentialsOf(env.sandbox, 'edna'), input: items(...texts) });
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result.output('Send to Client').map((item) => item.json.error)).toEqual(
			texts.map((_, i) => `edna Chat Center did not answer the login within 3 seconds, so nothing was sent; check the Base URL in the credential or try again later. [item ${i}]`),
		);
		expect(logins()).toHaveLength(1);
		expect(env.sandbox.requests.filter((r) => r.path === SEND_PATH)).toEqual([]);
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
