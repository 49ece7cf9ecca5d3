'use strict';

// EvoVoice's own answers; the retry and network rules every vendor shares are in test/shared/transport.test.js.
const { useSandbox, loadWorkflow, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow } = require('../helpers');
const { USERS } = require('../sandbox/vendors/evovoice');

const env = useSandbox();
const basic = (email, password) => Buffer.from(`${email}:${password}`).toString('base64');

const ENDPOINT = 'evovoice/send-to-endpoint.workflow.json';
const SESSION = 'evovoice/send-to-session.workflow.json';
const ALL = 'evovoice/get-many-all.workflow.json';

async function run(file, input, credentials = credentialsOf(env.sandbox, 'evovoice')) {
	return await runWorkflow(loadWorkflow(file), { credentials, input: items(...input) });
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

	test.each([
		[
			'several field errors are listed together, each named as in the editor',
			{
				errorCode: 'NotEmpty',
				message: "'Body' must not be empty.",
				errors: [
					{ errorCode: 'NotEmpty', fieldName: 'Body', message: "'Body' must not be empty." },
					{ errorCode: 'PhoneNumber', fieldName: 'ToAddress', message: "'To Address' must be a phone number in E.164 format." },
				],
			},
			'Message must not be empty; To Address must be a phone number in E.164 format.',
		],
		[
			'an error without field errors gives responseStatus.message',
			{ errorCode: 'ArgumentException', message: 'Message body is too long for SMS.' },
			'Message body is too long for SMS.',
		],
	])('%s', async (_name, responseStatus, sentence) => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'POST', status: 400, body: { responseStatus } });
		const result = await run(ENDPOINT, [hello]);
		expect(result.error.message).toBe(`EvoVoice rejected the request (HTTP 400): ${sentence} [item 0]`);
	});
});

describe('EvoVoice: access errors', () => {
	test('a wrong password gives 401 with a hint, and neither password nor Basic header appears anywhere', async () => {
		const credentials = credentialsOf(env.sandbox, 'evovoice', { evoVoiceBasicApi: { password: 'Wrong-Pa55word-42' } });
		const result = await run(ENDPOINT, [hello], credentials);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 401): Invalid UserName or Password. [item 0]');
		expect(result.error.description).toMatch(/did not accept the email and password/);
		expect(env.sandbox.requests).toHaveLength(1);
		expectNoSecrets(result, [...secretsOf(env.sandbox, 'evovoice'), 'Wrong-Pa55word-42', basic(USERS.manager.email, 'Wrong-Pa55word-42')]);
	});

	test('a disabled user gives 401 on reads too, not retried', async () => {
		const { email, password } = USERS.disabled;
		const result = await run(ALL, [{}], credentialsOf(env.sandbox, 'evovoice', { evoVoiceBasicApi: { email, password } }));
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
		const baseUrl = `${env.sandbox.baseUrl('evovoice')}/api`;
		const result = await run(ENDPOINT, [hello], credentialsOf(env.sandbox, 'evovoice', { evoVoiceBasicApi: { baseUrl } }));
		expect(result.error.message).toBe('EvoVoice rejected the request (HTTP 404): Not Found. [item 0]');
		expect(result.error.description).toMatch(/Check the Base URL in the credential/);
	});
});

describe('EvoVoice: paging and answers that are not EvoVoice', () => {
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

	test('a list answer without items says so', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', method: 'GET', status: 200, body: { results: [] } });
		const result = await run(ALL, [{}]);
		expect(result.error.message).toBe(
			'EvoVoice answered GET /messages without a list of messages ("items"). Check that the Base URL in the credential points at the EvoVoice API. [item 0]',
		);
	});
});
