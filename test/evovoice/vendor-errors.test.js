'use strict';

const net = require('node:net');
const { useSandbox, loadWorkflow, items, expectNoSecrets, runWorkflow } = require('../helpers');
const { USERS } = require('../sandbox/vendors/evovoice');

const env = useSandbox();
const creds = () => env.sandbox.credentials().evovoice;
const basic = (email, password) => Buffer.from(`${email}:${password}`).toString('base64');
const secrets = () => {
	const { email, password } = creds().evoVoiceBasicApi;
	return [password, basic(email, password)];
};

const ENDPOINT = 'evovoice/send-to-endpoint.workflow.json';
const SESSION = 'evovoice/send-to-session.workflow.json';
const ALL = 'evovoice/get-many-all.workflow.json';

async function run(file, input, { credentials = creds(), options = {} } = {}) {
	const nodeName = file === ALL ? 'Get Messages' : 'Send Message';
	const workflow = loadWorkflow(file, { [nodeName]: { parameters: { options } } });
	return await runWorkflow(workflow, { credentials, input: items(...input) });
}

const hello = { toAddress: '+15556667777', text: 'hello' };
const statuses = () => env.sandbox.requests.map((r) => r.status);

describe('EvoVoice: ServiceStack errors become one sentence naming the field', () => {
	test('a number EvoVoice rejects (400, field ToAddress)', async () => {
		const result = await run(ENDPOINT, [{ toAddress: '+1 555 666 777', text: 'hi' }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'EvoVoice rejected the request (HTTP 400): To Address +1555666777 is not a valid North American number. [item 0]',
		);
		expect(result.error.httpCode).toBe('400');
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('an endpoint that cannot send text messages (400, field EndpointId)', async () => {
		const result = await run(ENDPOINT, [{ endpointId: 'ep-anna', toAddress: '+15556667777', text: 'hi' }]);
		expect(result.error.message).toBe(
			'EvoVoice rejected the request (HTTP 400): Endpoint ID: Endpoint ep-anna is a User endpoint and cannot send text messages; use a phone number endpoint. [item 0]',
		);
	});

	test('a session that has ended (400, field SessionId)', async () => {
		const result = await run(SESSION, [{ sessionId: 'ses-0999', text: 'hi' }]);
		expect(result.error.message).toBe(
			'EvoVoice rejected the request (HTTP 400): Session ID: This session has ended; send to the endpoint and address instead. [item 0]',
		);
	});

	test('several field errors are listed together, each named as in the editor', async () => {
		env.sandbox.misbehave({
			vendor: 'evovoice',
			method: 'POST',
			status: 400,
			body: {
				responseStatus: {
					errorCode: 'NotEmpty',
					message: "'Body' must not be empty.",
					errors: [
						{ errorCode: 'NotEmpty', fieldName: 'Body', message: "'Body' must not be empty." },
						{ errorCode: 'PhoneNumber', fieldName: 'ToAddress', message: "'To Address' must be a phone number in E.164 format." },
					],
				},
			},
		});
		const result = await run(ENDPOINT, [hello]);
		expect(result.error.message).toBe(
			'EvoVoice rejected the request (HTTP 400): Message must not be empty; To Address must be a phone number in E.164 format. [item 0]',
		);
	});

	test('an error without field errors gives responseStatus.message', async () => {
		env.sandbox.misbehave({
			vendor: 'evovoice',
			method: 'POST',
			status: 400,
			body: { responseStatus: { errorCode: 'ArgumentException', message: 'Message body is too long for SMS.' } },
		});
		const result = await run(ENDPOINT, [hello]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 400): Message body is too long for SMS. [item 0]');
	});
});

describe('EvoVoice: access errors', () => {
	test('a wrong password gives 401 with a hint, and neither password nor Basic header appears anywhere', async () => {
		const credentials = { evoVoiceBasicApi: { ...creds().evoVoiceBasicApi, password: 'Wrong-Pa55word-42' } };
		const result = await run(ENDPOINT, [hello], { credentials });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 401): Invalid UserName or Password. [item 0]');
		expect(result.error.description).toMatch(/did not accept the email and password/);
		expect(env.sandbox.requests).toHaveLength(1);
		expectNoSecrets(result, [...secrets(), 'Wrong-Pa55word-42', basic(creds().evoVoiceBasicApi.email, 'Wrong-Pa55word-42')]);
	});

	test('a disabled user gives 401 on reads too, not retried', async () => {
		const { email, password } = USERS.disabled;
		const credentials = { evoVoiceBasicApi: { ...creds().evoVoiceBasicApi, email, password } };
		const result = await run(ALL, [{}], { credentials });
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 401): This user account has been disabled. [item 0]');
		expect(env.sandbox.requests).toHaveLength(1);
		expectNoSecrets(result, [password, basic(email, password)]);
	});

	test('an endpoint of another account gives 403 with a hint', async () => {
		const result = await run(ENDPOINT, [{ endpointId: 'ep-globex', toAddress: '+15556667777', text: 'hi' }]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 403): You do not have access to this endpoint. [item 0]');
		expect(result.error.description).toMatch(/may not use this session, endpoint or account/);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('listing another account’s messages gives 403, not retried', async () => {
		const result = await run(ALL, [{ accountIds: 'acc-acme,acc-globex' }]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 403): You do not have access to account acc-globex. [item 0]');
		expect(statuses()).toEqual([403]);
	});

	test('an unknown session gives 404 with a hint to check the ID', async () => {
		const result = await run(SESSION, [{ sessionId: 'ses-404', text: 'hi' }]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 404): Session ses-404 was not found. [item 0]');
		expect(result.error.description).toMatch(/Check the Session ID or Endpoint ID/);
	});

	test('an unknown endpoint gives 404', async () => {
		const result = await run(ENDPOINT, [{ endpointId: 'ep-nope', toAddress: '+15556667777', text: 'hi' }]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 404): Endpoint ep-nope was not found. [item 0]');
	});

	test('a session ID with a slash stays one path segment', async () => {
		const result = await run(SESSION, [{ sessionId: '../messages', text: 'hi' }]);
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(['/sessions/..%2Fmessages/messages']);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 404): Session ../messages was not found. [item 0]');
	});

	test('a base URL with a path EvoVoice does not serve points at the Base URL', async () => {
		const credentials = { evoVoiceBasicApi: { ...creds().evoVoiceBasicApi, baseUrl: `${creds().evoVoiceBasicApi.baseUrl}/api` } };
		const result = await run(ENDPOINT, [hello], { credentials });
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 404): Not Found. [item 0]');
		expect(result.error.description).toMatch(/Check the Base URL in the credential/);
	});
});

describe('EvoVoice: retries never send a message twice', () => {
	test('a 500 on Send is not retried — the message may have been delivered', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'POST', status: 500 });
		const result = await run(ENDPOINT, [hello]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 500): An unexpected error occurred. [item 0]');
		expect(statuses()).toEqual([500]);
	});

	test('a 500 on Get Many is retried, and the list comes back whole', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'GET', path: '/messages', status: 500 });
		const result = await run(ALL, [{ conversationIds: 'conv-a' }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Messages')).toHaveLength(50);
		expect(statuses()).toEqual([500, 200]);
	});

	test('a 503 on the second page of Get Many is retried; no message is listed twice', async () => {
		// The first fault lets page 0 through (a fault without a status only delays);
		// the second answers the request for page 1 with 503.
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'GET', path: '/messages', delayMs: 1 });
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'GET', path: '/messages', status: 503, headers: { 'Retry-After': '0' } });
		const result = await run(ALL, [{}]);
		expect(result.status).toBe('success');
		const ids = result.output('Get Messages').map((i) => i.json.id);
		expect(ids).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);
		expect(env.sandbox.requests.map((r) => [r.query.page, r.status])).toEqual([
			['0', 200],
			['1', 503],
			['1', 200],
			['2', 200],
		]);
	});

	test('a 500 on every Get Many attempt fails after three', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'GET', status: 500, times: 5 });
		const result = await run(ALL, [{}]);
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 500 after 3 attempts): An unexpected error occurred. [item 0]');
		expect(statuses()).toEqual([500, 500, 500]);
	});

	test('429 with Retry-After on Send is waited out and the message sent once', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'POST', status: 429, headers: { 'Retry-After': '1' } });
		const started = Date.now();
		const result = await run(ENDPOINT, [hello]);
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(statuses()).toEqual([429, 200]);
		expect(env.sandbox.received('evovoice')).toHaveLength(1);
	});

	test('429 asking for a longer wait than the node waits fails with EvoVoice’s wait and message', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'POST', status: 429, headers: { 'Retry-After': '3600' } });
		const result = await run(ENDPOINT, [hello]);
		expect(result.error.message).toBe(
			'EvoVoice is rate limiting requests (HTTP 429); it asks to wait 3600 seconds: Too many requests, slow down. [item 0]',
		);
		expect(statuses()).toEqual([429]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('a Send that times out is not sent again, though EvoVoice accepted it', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'POST', delayMs: 2500 });
		const result = await run(ENDPOINT, [hello], { options: { timeout: 1 } });
		expect(result.error.message).toBe(
			`EvoVoice at ${env.sandbox.url} did not answer in time. The message may have been delivered, so it was not sent again; check the conversation before re-running this item. [item 0]`,
		);
		await new Promise((resolve) => setTimeout(resolve, 1800));
		expect(env.sandbox.requests).toHaveLength(1);
		expect(env.sandbox.received('evovoice')).toHaveLength(1);
	});

	test('a Send whose connection drops without an answer is not sent again', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'POST', drop: true });
		const result = await run(SESSION, [{ sessionId: 'ses-1001', text: 'hi' }]);
		expect(result.error.message).toMatch(
			/^EvoVoice at http:\/\/127\.0\.0\.1:\d+ closed the connection without answering\. The message may have been delivered, so it was not sent again; check the conversation before re-running this item\. \[item 0\]$/,
		);
		expect(statuses()).toEqual(['dropped']);
	});

	test('a Get Many whose connection drops is simply asked again', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'GET', drop: true });
		const result = await run(ALL, [{ conversationIds: 'conv-b' }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Messages')).toHaveLength(50);
		expect(statuses()).toEqual(['dropped', 200]);
	});
});

describe('EvoVoice: answers that are not EvoVoice', () => {
	test('an HTML error page from a proxy becomes a readable sentence', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'POST', status: 502, html: true });
		const result = await run(ENDPOINT, [hello]);
		expect(result.error.message).toBe(
			'EvoVoice rejected the request (HTTP 502): an HTML page instead of an API answer — check that the Base URL points at the EvoVoice API. [item 0]',
		);
	});

	test('a list answer without items says so', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'GET', status: 200, body: { results: [] } });
		const result = await run(ALL, [{}]);
		expect(result.error.message).toBe(
			'EvoVoice answered GET /messages without a list of messages ("items"). Check that the Base URL in the credential points at the EvoVoice API. [item 0]',
		);
	});

	test('a base URL where nothing listens: refused, retried, then a clear error without secrets', async () => {
		const server = net.createServer();
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address();
		await new Promise((resolve) => server.close(resolve));
		const credentials = { evoVoiceBasicApi: { ...creds().evoVoiceBasicApi, baseUrl: `http://127.0.0.1:${port}` } };
		const result = await run(ENDPOINT, [hello], { credentials });
		expect(result.error.message).toBe(
			`Could not connect to EvoVoice at http://127.0.0.1:${port}: the connection was refused. Check the Base URL in the credential. [item 0]`,
		);
		expectNoSecrets(result, secrets());
	});
});
