'use strict';

// edna's own answers; the retry and network rules every vendor shares are in test/shared/transport.test.js.
const { useSandbox, loadWorkflow, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow } = require('../helpers');

const env = useSandbox();
const hello = { clientId: 'crm-42', text: 'hello' };

async function send(input, credentials = credentialsOf(env.sandbox, 'edna')) {
	return await runWorkflow(loadWorkflow('edna/send-to-client.workflow.json'), { credentials, input: items(...input) });
}

describe('edna Chat Center: edna’s own answers', () => {
	test('a 4xx from edna gives edna’s own message and the HTTP status', async () => {
		const result = await send([{ clientId: 'nobody', text: 'hi' }]);
		expect(result.status).toBe('error');
		expect(result.error.message).toBe('edna Chat Center rejected the request (HTTP 404): Client not found. [item 0]');
		expect(result.error.httpCode).toBe('404');
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('a wrong token gives 401 with a hint, and the token appears nowhere', async () => {
		const result = await send([hello], credentialsOf(env.sandbox, 'edna', { ednaChatCenterBearerApi: { token: 'expired-token-123456' } }));
		expect(result.status).toBe('error');
		expect(result.error.message).toBe(
			'edna Chat Center rejected the request (HTTP 401): Full authentication is required to access this resource. [item 0]',
		);
		expect(result.error.description).toMatch(/Log in to edna again/);
		expectNoSecrets(result, [...secretsOf(env.sandbox, 'edna'), 'expired-token-123456']);
	});

	test('a base URL that points at no edna API says so', async () => {
		const result = await send([hello], credentialsOf(env.sandbox, 'edna', { ednaChatCenterBearerApi: { baseUrl: `${env.sandbox.url}/not-edna` } }));
		expect(result.error.message).toBe(
			'edna Chat Center rejected the request (HTTP 404): an HTML page instead of an API answer — check that the Base URL points at the edna Chat Center API. [item 0]',
		);
	});
});
