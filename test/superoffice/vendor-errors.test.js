'use strict';

// SuperOffice's own answers; the retry and network rules every vendor shares are in test/shared/transport.test.js.
const { useSandbox, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow } = require('../helpers');
const { ADD, GET_MANY, GET_SESSION, MESSAGES_PATH, SESSION_PATH, workflowFor } = require('./support');

const env = useSandbox();

async function run(file, input, { authentication = 'soTicket', credentials = credentialsOf(env.sandbox, 'superoffice') } = {}) {
	return await runWorkflow(workflowFor(file, authentication), { credentials, input: items(...input) });
}

const hello = { chatSessionId: 101, message: 'hello' };
const statuses = () => env.sandbox.requests.map((r) => r.status);

describe('SuperOffice: SuperOffice’s own answers', () => {
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
		const online = env.sandbox.baseUrl('superoffice');
		const credentials = credentialsOf(env.sandbox, 'superoffice', { superOfficeBasicApi: { baseUrl: online } });
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
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test.each([
		['basic', 'superOfficeBasicApi', { password: 'Wrong-password-123' }, 'Invalid user name or password', /Basic sign-in only works on SuperOffice Onsite/],
		['soTicket', 'superOfficeSoTicketApi', { ticketToken: '7T:ZXhwaXJlZA==' }, 'Invalid or expired ticket', /Tickets expire/],
		['soTicket', 'superOfficeSoTicketApi', { appToken: '' }, 'An application token (SO-AppToken) is required with a ticket on SuperOffice Online', /Application Token/],
		['bearer', 'superOfficeBearerApi', { accessToken: '8A:Cust12345.expired-token-77' }, 'Invalid or expired access token', /Access tokens expire after an hour/],
	])('%s with a wrong secret (%s %j): SuperOffice’s 401 with a hint, no secret shown', async (authentication, type, change, vendorMessage, hint) => {
		const credentials = credentialsOf(env.sandbox, 'superoffice', { [type]: change });
		const result = await run(ADD, [{ chatSessionId: authentication === 'basic' ? 7 : 101, message: 'hi' }], { authentication, credentials });
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(`SuperOffice rejected the request (HTTP 401): ${vendorMessage}. [item 0]`);
		expect(result.error.description).toMatch(hint);
		expect(statuses()).toEqual([401]);
		expectNoSecrets(result, [...secretsOf(env.sandbox, 'superoffice'), ...Object.values(change).filter((v) => v.length > 4)]);
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

	test('a Base URL naming no tenant: the web server’s 404 page, with a Base URL hint', async () => {
		const credentials = credentialsOf(env.sandbox, 'superoffice', { superOfficeBearerApi: { baseUrl: `${env.sandbox.url}/superoffice/Cust99999` } });
		const result = await run(GET_SESSION, [{ chatSessionId: 101 }], { authentication: 'bearer', credentials });
		expect(result.error.message).toBe(
			'SuperOffice rejected the request (HTTP 404): an HTML page instead of an API answer — check that the Base URL points at the SuperOffice API. [item 0]',
		);
		expect(result.error.description).toMatch(/^Check the Base URL in the credential/);
	});

	test('a Base URL with extra path: the Web API’s own “no such resource” 404 is a Base URL problem, not a missing session', async () => {
		const baseUrl = `${env.sandbox.baseUrl('superoffice')}/api/v1/Chat`;
		const credentials = credentialsOf(env.sandbox, 'superoffice', { superOfficeBearerApi: { baseUrl } });
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

});
