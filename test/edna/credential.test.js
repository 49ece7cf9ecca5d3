'use strict';

// edna's answers to the credential test; what holds for every credential type is in test/shared/credential-test.test.js.
const { useSandbox, credentialsOf, testCredentialOf } = require('../helpers');

const env = useSandbox();
const TYPE = 'ednaChatCenterBearerApi';

describe('edna Chat Center credential test', () => {
	test('passes with the right token, pasted with or without "Bearer "', async () => {
		const { token } = credentialsOf(env.sandbox, 'edna')[TYPE];
		expect(await testCredentialOf(env.sandbox, TYPE)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await testCredentialOf(env.sandbox, TYPE, { token: `Bearer ${token}` })).toMatchObject({ status: 'OK' });
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('fails with a wrong token', async () => {
		expect(await testCredentialOf(env.sandbox, TYPE, { token: 'wrong' })).toEqual({
			status: 'Error',
			message: 'edna rejected the integrator token (401). It may have expired: log in again and paste the new token.',
		});
	});

	test('fails when the base URL has a path edna does not serve', async () => {
		const result = await testCredentialOf(env.sandbox, TYPE, { baseUrl: `${env.sandbox.baseUrl('edna')}/chat` });
		expect(result).toEqual({
			status: 'Error',
			message: 'No edna Chat Center API was found at this Base URL (404). Use the address of your installation, without /api.',
		});
	});
});
