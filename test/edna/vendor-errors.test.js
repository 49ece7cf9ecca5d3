'use strict';

const net = require('node:net');
const { useSandbox, loadWorkflow, items, expectNoSecrets, runWorkflow } = require('../helpers');

const env = useSandbox();
const creds = () => env.sandbox.credentials().edna;
const CLIENT = 'edna/send-to-client.workflow.json';
const SEND_PATH = '/api/v1/messages/outgoing-from-myself';

async function send(input, { credentials = creds(), options = {} } = {}) {
	const workflow = loadWorkflow(CLIENT, { 'Send to Client': { parameters: { options } } });
	return await runWorkflow(workflow, { credentials, input: items(...input) });
}

const hello = { clientId: 'crm-42', text: 'hello' };

describe('edna Chat Center: vendor answers and network trouble', () => {
	test('a 4xx from edna gives edna’s own message and the HTTP status', async () => {
		const result = await send([{ clientId: 'nobody', text: 'hi' }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('edna Chat Center rejected the request (HTTP 404): Client not found. [item 0]');
		expect(result.error.httpCode).toBe('404');
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('a wrong token gives 401 with a hint, and the token appears nowhere', async () => {
		const credentials = { ednaChatCenterBearerApi: { ...creds().ednaChatCenterBearerApi, token: 'expired-token-123456' } };
		const result = await send([hello], { credentials });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'edna Chat Center rejected the request (HTTP 401): Full authentication is required to access this resource. [item 0]',
		);
		expect(result.error.description).toMatch(/Log in to edna again/);
		expectNoSecrets(result, ['expired-token-123456', creds().ednaChatCenterBearerApi.token]);
	});

	test('a 500 is not retried — the message may have been delivered', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, status: 500 });
		const result = await send([hello]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('edna Chat Center rejected the request (HTTP 500): Internal Server Error. [item 0]');
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test('a 503 with Retry-After is waited out and sent once', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, status: 503, headers: { 'Retry-After': '1' } });
		const result = await send([hello]);
		expect(result.status).toBe('success');
		expect(env.sandbox.requests.map((r) => r.status)).toEqual([503, 200]);
		expect(env.sandbox.received('edna')).toHaveLength(1);
	});

	test('429 twice, then accepted: delivered exactly once', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, status: 429, headers: { 'Retry-After': '0' }, times: 2 });
		const result = await send([hello]);
		expect(result.status).toBe('success');
		expect(env.sandbox.requests.map((r) => r.status)).toEqual([429, 429, 200]);
		expect(env.sandbox.received('edna')).toHaveLength(1);
	});

	test('429 on every attempt fails with the wait edna asked for', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, status: 429, headers: { 'Retry-After': '0' }, times: 5 });
		const result = await send([hello]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'edna Chat Center is rate limiting requests (HTTP 429 after 3 attempts); it asks to wait 0 seconds: Too Many Requests. [item 0]',
		);
		expect(env.sandbox.requests).toHaveLength(3);
	});

	test('a Retry-After longer than the node waits is not slept through', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, status: 429, headers: { 'Retry-After': '3600' } });
		const result = await send([hello]);
		expect(result.error.message).toMatch(/rate limiting requests \(HTTP 429\); it asks to wait 3600 seconds/);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test('a slow answer times out and is not sent again, though edna accepted it', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, delayMs: 2500 });
		const result = await send([hello], { options: { timeout: 1 } });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			`edna Chat Center at ${env.sandbox.url} did not answer in time. The message may have been delivered, so it was not sent again; check the conversation before re-running this item. [item 0]`,
		);
		await new Promise((resolve) => setTimeout(resolve, 1800));
		expect(env.sandbox.requests).toHaveLength(1);
		expect(env.sandbox.received('edna')).toHaveLength(1);
	});

	test('a dropped connection is not retried', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, drop: true });
		const result = await send([hello]);
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(
			/^edna Chat Center at http:\/\/127\.0\.0\.1:\d+ closed the connection without answering\. The message may have been delivered, so it was not sent again; check the conversation before re-running this item\. \[item 0\]$/,
		);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test('a connection dropped after edna accepted the message: reported, not sent again', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, drop: 'after' });
		const result = await send([hello]);
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/closed the connection without answering\. The message may have been delivered, so it was not sent again/);
		expect(env.sandbox.requests).toHaveLength(1);
		expect(env.sandbox.received('edna')).toHaveLength(1);
	});

	test('an HTML error page from a proxy becomes a readable sentence', async () => {
		env.sandbox.misbehave({ vendor: 'edna', path: SEND_PATH, status: 502, html: true });
		const result = await send([hello]);
		expect(result.error.message).toBe(
			'edna Chat Center rejected the request (HTTP 502): an HTML page instead of an API answer — check that the Base URL points at the edna Chat Center API. [item 0]',
		);
	});

	test('a base URL that points at no edna API says so', async () => {
		const credentials = { ednaChatCenterBearerApi: { ...creds().ednaChatCenterBearerApi, baseUrl: `${env.sandbox.url}/not-edna` } };
		const result = await send([hello], { credentials });
		expect(result.error.message).toBe(
			'edna Chat Center rejected the request (HTTP 404): an HTML page instead of an API answer — check that the Base URL points at the edna Chat Center API. [item 0]',
		);
	});

	test('a base URL where nothing listens: connection refused, retried, then a clear error', async () => {
		const port = await closedPort();
		const credentials = { ednaChatCenterBearerApi: { ...creds().ednaChatCenterBearerApi, baseUrl: `http://127.0.0.1:${port}` } };
		const result = await send([hello], { credentials });
		expect(result.error.message).toBe(
			`Could not connect to edna Chat Center at http://127.0.0.1:${port}: the connection was refused. Check the Base URL in the credential. [item 0]`,
		);
		expectNoSecrets(result, [creds().ednaChatCenterBearerApi.token]);
	});
});

/** A loopback port with nothing listening on it. */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}
