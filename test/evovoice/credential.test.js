'use strict';

// EvoVoice's answers to the credential test; what holds for every credential type is in test/shared/credential-test.test.js.
const { useSandbox, testCredentialOf } = require('../helpers');
const { USERS } = require('../sandbox/vendors/evovoice');

const env = useSandbox();
const TYPE = 'evoVoiceBasicApi';
const statusChecks = () => env.sandbox.requests.filter((r) => r.path === '/auth/status');

describe('EvoVoice credential test', () => {
	test('passes with the right email and password, sent as Basic to GET /auth/status', async () => {
		expect(await testCredentialOf(env.sandbox, TYPE)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(statusChecks().map((r) => [r.method, r.auth, r.status])).toEqual([['GET', 'Basic', 200]]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('passes with a base URL that has a trailing slash and an email with spaces around it', async () => {
		const result = await testCredentialOf(env.sandbox, TYPE, { baseUrl: `${env.sandbox.baseUrl('evovoice')}/`, email: ` ${USERS.manager.email} ` });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('fails with a wrong password', async () => {
		expect(await testCredentialOf(env.sandbox, TYPE, { password: 'not-the-password' })).toEqual({
			status: 'Error',
			message:
				'EvoVoice did not accept this email and password (401). Use the ones you sign in to EvoVoice with, on the same site as the Base URL.',
		});
		expect(statusChecks().map((r) => r.status)).toEqual([401]);
	});

	test('fails when EvoVoice answers 200 but isAuthenticated is false', async () => {
		const { email, password } = USERS.disabled;
		const result = await testCredentialOf(env.sandbox, TYPE, { email, password });
		expect(result).toEqual({
			status: 'Error',
			message:
				'EvoVoice answered, but says this user is not signed in (isAuthenticated: false). The user may be disabled or locked; check it in EvoVoice or use another user.',
		});
		expect(statusChecks().map((r) => r.status)).toEqual([200]);
	});

	test('fails when the user is refused with 403', async () => {
		env.sandbox.misbehave({ vendor: 'evovoice', path: '/auth/status', status: 403 });
		const result = await testCredentialOf(env.sandbox, TYPE);
		expect(result).toEqual({
			status: 'Error',
			message: 'EvoVoice refused this user access to the API (403). Ask an EvoVoice administrator to check the user.',
		});
	});

	test.each([
		['a path EvoVoice does not serve', (url) => `${url}/api`],
		['a site that is not EvoVoice', (url) => url.replace('/evovoice', '/somewhere-else')],
	])('fails when the base URL points at %s', async (_name, change) => {
		const result = await testCredentialOf(env.sandbox, TYPE, { baseUrl: change(env.sandbox.baseUrl('evovoice')) });
		expect(result).toEqual({
			status: 'Error',
			message:
				'EvoVoice did not confirm a signed-in user. Check the email and password, and that the Base URL is https://evovoice.io (or https://team.evovoice.io for staging) without a path; if all are right, EvoVoice may be having trouble, so try again later.',
		});
	});
});
