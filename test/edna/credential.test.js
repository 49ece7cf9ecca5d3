'use strict';

const { useSandbox, testCredential } = require('../helpers');

const env = useSandbox();
const good = () => env.sandbox.credentials().edna.ednaChatCenterBearerApi;

describe('edna Chat Center credential test', () => {
	test('passes with the right token, pasted with or without "Bearer "', async () => {
		expect(await testCredential('ednaChatCenterBearerApi', good())).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await testCredential('ednaChatCenterBearerApi', { ...good(), token: `Bearer ${good().token}` })).toMatchObject({ status: 'OK' });
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('fails with a wrong token', async () => {
		expect(await testCredential('ednaChatCenterBearerApi', { ...good(), token: 'wrong' })).toEqual({
			status: 'Error',
			message: 'edna rejected the integrator token (401). It may have expired: log in again and paste the new token.',
		});
	});

	test('fails when the base URL has a path edna does not serve', async () => {
		const result = await testCredential('ednaChatCenterBearerApi', { ...good(), baseUrl: `${good().baseUrl}/chat` });
		expect(result).toEqual({
			status: 'Error',
			message: 'No edna Chat Center API was found at this Base URL (404). Use the address of your installation, without /api.',
		});
	});

	test('fails when nothing listens at the base URL', async () => {
		const result = await testCredential('ednaChatCenterBearerApi', { ...good(), baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED|refused/i);
	});
});
