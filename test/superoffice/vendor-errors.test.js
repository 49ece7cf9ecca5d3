'use strict';

const net = require('node:net');
const { useSandbox, items, expectNoSecrets, runWorkflow } = require('../helpers');
const { credentialsOf, secretsOf, workflowFor } = require('./support');

const env = useSandbox();
const creds = () => credentialsOf(env.sandbox);

const ADD = 'add-chat-message.workflow.json';
const GET_MANY = 'get-chat-messages.workflow.json';
const GET_SESSION = 'get-chat-session.workflow.json';
const MESSAGES_PATH = '/Cust12345/api/v1/ChatSession/101/Messages';
const SESSION_PATH = '/Cust12345/api/v1/ChatSession/101';

async function run(file, input, { authentication = 'soTicket', credentials = creds(), options = {} } = {}) {
	const nodeName = { [ADD]: 'Add Chat Message', [GET_MANY]: 'Get Chat Messages', [GET_SESSION]: 'Get Chat Session' }[file];
	const workflow = workflowFor(file, authentication, { [nodeName]: { parameters: { options } } });
	return await runWorkflow(workflow, { credentials, input: items(...input) });
}

const hello = { chatSessionId: 101, message: 'hello' };
const statuses = () => env.sandbox.requests.map((r) => r.status);

describe('SuperOffice: vendor answers and network trouble', () => {
	test.each([
		[ADD, { chatSessionId: 999, message: 'hi' }],
		[GET_MANY, { chatSessionId: 999 }],
		[GET_SESSION, { chatSessionId: 999 }],
	])('%s on a chat session that does not exist: SuperOffice’s 404 in one sentence', async (file, item) => {
		const result = await run(file, [item]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 404): ChatSession with id 999 not found. [item 0]');
		expect(result.error.httpCode).toBe('404');
		expect(result.error.description).toBe(
			'SuperOffice has no chat session with this ID, or the signed-in user cannot see it. Check the Chat Session ID.',
		);
		expect(statuses()).toEqual([404]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('Basic against SuperOffice Online (ticket and token only): a clear 401', async () => {
		const c = creds();
		const credentials = { ...c, superOfficeBasicApi: { ...c.superOfficeBasicApi, baseUrl: c.superOfficeSoTicketApi.baseUrl } };
		const result = await run(ADD, [hello], { authentication: 'basic', credentials });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'SuperOffice rejected the request (HTTP 401): Basic authentication is not available on SuperOffice Online; sign in with a ticket or an access token. [item 0]',
		);
		expect(result.error.description).toBe(
			'SuperOffice did not accept the user name and password. Basic sign-in only works on SuperOffice Onsite; for SuperOffice Online choose SoTicket or Bearer Token as Authentication.',
		);
		expect(env.sandbox.requests.map((r) => [r.auth, r.status])).toEqual([['Basic', 401]]);
		expect(env.sandbox.ledger).toEqual([]);
		expectNoSecrets(result, secretsOf(env.sandbox));
	});

	test.each([
		['basic', 'superOfficeBasicApi', { password: 'Wrong-password-123' }, 'Invalid user name or password', /Basic sign-in only works on SuperOffice Onsite/],
		['soTicket', 'superOfficeSoTicketApi', { ticketToken: '7T:ZXhwaXJlZA==' }, 'Invalid or expired ticket', /Tickets expire/],
		['soTicket', 'superOfficeSoTicketApi', { appToken: '' }, 'An application token (SO-AppToken) is required with a ticket on SuperOffice Online', /Application Token/],
		['bearer', 'superOfficeBearerApi', { accessToken: '8A:Cust12345.expired-token-77' }, 'Invalid or expired access token', /Access tokens expire after an hour/],
	])('%s with a wrong secret (%s %j): SuperOffice’s 401 with a hint, no secret shown', async (authentication, type, change, vendorMessage, hint) => {
		const c = creds();
		const credentials = { ...c, [type]: { ...c[type], ...change } };
		const result = await run(ADD, [{ chatSessionId: authentication === 'basic' ? 7 : 101, message: 'hi' }], { authentication, credentials });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(`SuperOffice rejected the request (HTTP 401): ${vendorMessage}. [item 0]`);
		expect(result.error.description).toMatch(hint);
		expect(statuses()).toEqual([401]);
		expectNoSecrets(result, [...secretsOf(env.sandbox), ...Object.values(change).filter((v) => v.length > 4)]);
	});

	test('a 400 in SuperOffice’s shape gives its message and status', async () => {
		env.sandbox.misbehave({
			vendor: 'superoffice',
			path: MESSAGES_PATH,
			status: 400,
			body: { Error: true, ErrorType: 'ArgumentException', Message: 'Chat session 101 is closed for new messages.', ErrorSource: 'ChatAgent' },
		});
		const result = await run(ADD, [hello]);
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 400): Chat session 101 is closed for new messages. [item 0]');
		expect(result.error.httpCode).toBe('400');
		expect(statuses()).toEqual([400]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('Add: a 500 is not retried — the message may have been stored', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'POST', path: MESSAGES_PATH, status: 500 });
		const result = await run(ADD, [hello]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 500): Internal server error. [item 0]');
		expect(statuses()).toEqual([500]);
	});

	test('Add: a 503 with Retry-After is waited out and the message stored once', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'POST', path: MESSAGES_PATH, status: 503, headers: { 'Retry-After': '1' } });
		const result = await run(ADD, [hello]);
		expect(result.status).toBe('success');
		expect(statuses()).toEqual([503, 200]);
		expect(env.sandbox.received('superoffice')).toHaveLength(1);
		expect(result.output('Add Chat Message')[0].json.ChatMessageId).toBe(env.sandbox.received('superoffice')[0].id);
	});

	test('Add: 429 twice, then accepted — stored exactly once', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'POST', path: MESSAGES_PATH, status: 429, headers: { 'Retry-After': '0' }, times: 2 });
		const result = await run(ADD, [hello]);
		expect(result.status).toBe('success');
		expect(statuses()).toEqual([429, 429, 200]);
		expect(env.sandbox.received('superoffice')).toHaveLength(1);
	});

	test('Add: 429 on every attempt fails with the wait SuperOffice asked for', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'POST', path: MESSAGES_PATH, status: 429, headers: { 'Retry-After': '0' }, times: 5 });
		const result = await run(ADD, [hello]);
		expect(result.error.message).toBe(
			'SuperOffice is rate limiting requests (HTTP 429 after 3 attempts); it asks to wait 0 seconds: Too many requests. [item 0]',
		);
		expect(statuses()).toEqual([429, 429, 429]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('Add: a dropped connection is not retried', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'POST', path: MESSAGES_PATH, drop: true });
		const result = await run(ADD, [hello]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			`SuperOffice at ${env.sandbox.url} closed the connection without answering. The message may have been delivered, so it was not sent again; check the conversation before re-running this item. [item 0]`,
		);
		// One attempt only: from the node's side a drop looks the same whether or not SuperOffice stored the message.
		expect(env.sandbox.requests.map((r) => [r.method, r.status])).toEqual([['POST', 'dropped']]);
	});

	test('Add: a slow answer times out and is not sent again', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'POST', path: MESSAGES_PATH, delayMs: 2500 });
		const result = await run(ADD, [hello], { options: { timeout: 1 } });
		expect(result.error.message).toBe(
			`SuperOffice at ${env.sandbox.url} did not answer in time. The message may have been delivered, so it was not sent again; check the conversation before re-running this item. [item 0]`,
		);
		await new Promise((resolve) => setTimeout(resolve, 1800));
		expect(env.sandbox.requests).toHaveLength(1);
		expect(env.sandbox.received('superoffice')).toHaveLength(1);
	});

	test('Get Many: a 500 is retried (reading is safe to repeat) and then succeeds', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: MESSAGES_PATH, status: 500 });
		const result = await run(GET_MANY, [{ chatSessionId: 101 }]);
		expect(result.status).toBe('success');
		expect(statuses()).toEqual([500, 200]);
		expect(result.output('Get Chat Messages').map((i) => i.json.ChatMessageId)).toEqual([1001, 1002, 1003]);
	});

	test('Chat Session → Get: a dropped connection and a 502 are retried', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: SESSION_PATH, drop: true });
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: SESSION_PATH, status: 502 });
		const result = await run(GET_SESSION, [{ chatSessionId: 101 }]);
		expect(result.status).toBe('success');
		expect(statuses()).toEqual(['dropped', 502, 200]);
		expect(result.output('Get Chat Session')[0].json.ChatSessionId).toBe(101);
	});

	test('Chat Session → Get: a 500 on every attempt fails after three', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: SESSION_PATH, status: 500, times: 3 });
		const result = await run(GET_SESSION, [{ chatSessionId: 101 }]);
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 500 after 3 attempts): Internal server error. [item 0]');
		expect(statuses()).toEqual([500, 500, 500]);
	});

	test('an HTML error page from a proxy becomes a readable sentence', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'POST', path: MESSAGES_PATH, status: 502, html: true });
		const result = await run(ADD, [hello]);
		expect(result.error.message).toBe(
			'SuperOffice rejected the request (HTTP 502): an HTML page instead of an API answer — check that the Base URL points at the SuperOffice API. [item 0]',
		);
		expect(statuses()).toEqual([502]);
	});

	test('a Base URL naming no tenant: the web server’s 404 page, with a Base URL hint', async () => {
		const c = creds();
		const credentials = { ...c, superOfficeBearerApi: { ...c.superOfficeBearerApi, baseUrl: `${env.sandbox.url}/superoffice/Cust99999` } };
		const result = await run(GET_SESSION, [{ chatSessionId: 101 }], { authentication: 'bearer', credentials });
		expect(result.error.message).toBe(
			'SuperOffice rejected the request (HTTP 404): an HTML page instead of an API answer — check that the Base URL points at the SuperOffice API. [item 0]',
		);
		expect(result.error.description).toMatch(/^Check the Base URL in the credential/);
	});

	test('a Base URL with extra path: the Web API’s own “no such resource” 404 is a Base URL problem, not a missing session', async () => {
		const c = creds();
		const credentials = { ...c, superOfficeBearerApi: { ...c.superOfficeBearerApi, baseUrl: `${c.superOfficeBearerApi.baseUrl}/api/v1/Chat` } };
		const result = await run(GET_SESSION, [{ chatSessionId: 101 }], { authentication: 'bearer', credentials });
		expect(result.error.message).toBe('SuperOffice rejected the request (HTTP 404): Not Found. [item 0]');
		expect(result.error.description).toMatch(/^Check the Base URL in the credential/);
	});

	test('a 200 that is not what the operation returns is reported, not passed on', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: MESSAGES_PATH, status: 200, body: { Messages: [] } });
		env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: SESSION_PATH, status: 200, body: {} });
		const list = await run(GET_MANY, [{ chatSessionId: 101 }]);
		expect(list.error.message).toBe(
			'SuperOffice answered without a list of chat messages. Check that the Base URL in the credential points at the SuperOffice Web API. [item 0]',
		);
		const record = await run(GET_SESSION, [{ chatSessionId: 101 }]);
		expect(record.error.message).toBe(
			'SuperOffice answered without the chat session. Check that the Base URL in the credential points at the SuperOffice Web API. [item 0]',
		);
	});

	test('a Base URL where nothing listens: connection refused, then a clear error with no secret', async () => {
		const port = await closedPort();
		const c = creds();
		const credentials = { ...c, superOfficeSoTicketApi: { ...c.superOfficeSoTicketApi, baseUrl: `http://127.0.0.1:${port}/Cust12345` } };
		const result = await run(ADD, [hello], { credentials });
		expect(result.error.message).toBe(
			`Could not connect to SuperOffice at http://127.0.0.1:${port}: the connection was refused. Check the Base URL in the credential. [item 0]`,
		);
		expectNoSecrets(result, secretsOf(env.sandbox));
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
