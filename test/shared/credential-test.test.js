'use strict';

// What holds for every credential type of the package when n8n tests it
// (the `test` request of credentials/*.credentials.ts, run as n8n's
// CredentialsTester runs it). Each vendor's own answers are in test/<vendor>/credential*.test.js.
const { VENDORS } = require('../sandbox/server');
const { loadPackage } = require('../harness');
const { useSandbox, closedPort, credentialsOf, secretsOf, testCredentialOf } = require('../helpers');

const env = useSandbox();

// The credential types the sandbox hands out, by vendor; the first test
// checks they are all the package has.
const TYPES = VENDORS.flatMap((vendor) => Object.keys(vendor.credentials('http://sandbox')).map((type) => ({ type, vendor: vendor.name })));

test('the sandbox hands out a credential of every type the package registers, and each type has a test', async () => {
	const { credentialTypes } = await loadPackage();
	expect(TYPES.map((t) => t.type).sort()).toEqual(Object.keys(credentialTypes).sort());
	for (const { type } of Object.values(credentialTypes)) expect(type.test).toEqual(expect.objectContaining({ request: expect.any(Object) }));
});

describe.each(TYPES)('$type', ({ type, vendor }) => {
	test('nothing listening at the Base URL fails the test with the refused connection', async () => {
		const { baseUrl } = credentialsOf(env.sandbox, vendor)[type];
		const result = await testCredentialOf(env.sandbox, type, { baseUrl: baseUrl.replace(env.sandbox.url, `http://127.0.0.1:${await closedPort()}`) });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED|refused/i);
	});

	test('no secret, right or wrong, shows in the test result', async () => {
		const { credentialTypes } = await loadPackage();
		const secretFields = credentialTypes[type].type.properties.filter((p) => p.typeOptions?.password).map((p) => p.name);
		expect(secretFields.length).toBeGreaterThan(0);
		const wrong = Object.fromEntries(secretFields.map((field) => [field, `wrong-Secret-${field}-123`]));
		// An OAuth2 credential's secret is only used to refresh: with an access
		// token the vendor does not take, the test must refresh, and fail.
		if (credentialTypes[type].type.extends?.includes('oAuth2Api')) {
			const { oauthTokenData } = credentialsOf(env.sandbox, vendor)[type];
			wrong.oauthTokenData = { ...oauthTokenData, access_token: 'wrong-Secret-access-token-123' };
		}
		const results = [await testCredentialOf(env.sandbox, type), await testCredentialOf(env.sandbox, type, wrong)];
		expect(results[0]).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(results[1].status).toBe('Error');
		const text = JSON.stringify(results);
		for (const secret of [...secretsOf(env.sandbox, vendor), ...Object.values(wrong).filter((v) => typeof v === 'string'), 'wrong-Secret-access-token-123']) {
			expect(text).not.toContain(secret);
		}
	});
});
