'use strict';

// What holds for every credential type of the package when n8n tests it
// (the `test` request of credentials/*.credentials.ts, or the test function
// the nodes that list the credential name: run as n8n's CredentialsTester runs them). Each vendor's own answers are in test/<vendor>/credential*.test.js.
const { VENDORS } = require('../sandbox/server');
const { loadPackage } = require('../harness');
const { useSandbox, withSandbox, closedPort, credentialsOf, secretsOf, testCredentialOf } = require('../helpers');
const { versionsOf } = require('../harness/credential-tester');

const env = useSandbox();

// The credential types the sandbox hands out, by vendor; the first test
// checks they are all the package has.
const TYPES = VENDORS.flatMap((vendor) => Object.keys(vendor.credentials('http://sandbox')).map((type) => ({ type, vendor: vendor.name })));

test('the sandbox hands out a credential of every type the package registers, and each type has a test or is tested by every node that uses it', async () => {
	const { credentialTypes, nodeTypes } = await loadPackage();
	expect(TYPES.map((t) => t.type).sort()).toEqual(Object.keys(credentialTypes).sort());
	// Every version of every node that lists a credential, with what it lists.
	const usages = Object.values(nodeTypes).flatMap(({ type: node }) =>
		versionsOf(node).flatMap((version) => (version.description.credentials ?? []).map((listed) => ({ version, listed }))),
	);
	for (const { type } of Object.values(credentialTypes)) {
		if (type.test) {
			expect(type.test).toEqual(expect.objectContaining({ request: expect.any(Object) }));
			continue;
		}
		// n8n's tester takes the test function from a node that lists the credential; any of them may be the one it finds.
		const users = usages.filter(({ listed }) => listed.name === type.name);
		expect(users.length).toBeGreaterThan(0);
		for (const { version, listed } of users) {
			expect({ node: version.description.name, version: version.description.version, credential: type.name, testedBy: typeof version.methods?.credentialTest?.[listed.testedBy] }).toEqual(
				expect.objectContaining({ testedBy: 'function' }),
			);
		}
	}
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

// Answers no vendor gives (issue 20): a credential test must end with one sentence, soon, without
// reading more than it needs:
// - n8n reads a declarative test's answer whole (a 200 MB one into memory: 664 MB in real n8n) and
//   ends a never-ending or silent one only at the abort signal the credentials' authenticate gives
//   it, with its own ERR_CANCELED. So every credential the package signs itself is tested by a
//   function the nodes hand n8n (credentials/testing.ts), which reads the answer within the deadline
//   (CREDENTIAL_TEST_SECONDS) and the nodes' 10 MB cap and says what went wrong in one sentence;
// - the SuperOffice OAuth2 credential, which n8n signs itself, keeps a declarative test that judges
//   only the HTTP status, so n8n takes the answer as a stream it never reads;
// - the edna login is the credential's own request: the same deadline and 10 MB cap as a node's.
describe('answers no vendor gives', () => {
	const { CREDENTIAL_TEST_SECONDS } = require('../../dist/credentials/common');
	const DEADLINE_MS = CREDENTIAL_TEST_SECONDS * 1000;
	const MB = 1024 * 1024;
	const sandboxVendor = (type) => TYPES.find((t) => t.type === type).vendor;

	/**
	 * The test of `type` against `fault`; how long it took and what the sandbox wrote. With `closed`,
	 * also waits until the sandbox has seen every connection closed (a test that left one open times out).
	 */
	async function testAgainst(type, fault, { path, closed = false } = {}) {
		return await withSandbox(async (sandbox) => {
			sandbox.misbehave({ vendor: sandboxVendor(type), path, times: 3, ...fault });
			const started = Date.now();
			const result = await testCredentialOf(sandbox, type);
			const ms = Date.now() - started;
			if (closed) await sandbox.idle();
			return { result, ms, requests: sandbox.requests };
		});
	}

	const STATUS_ONLY = ['superOfficeOAuth2Api'];
	test.concurrent.each(STATUS_ONLY)('%s: a 200 MB answer and one that never ends are not read', async (type) => {
		for (const fault of [{ oversized: 200 * MB }, { endless: true }]) {
			const { result, ms, requests } = await testAgainst(type, fault);
			// The status was 200, all this test judges; the body is left unread.
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(ms).toBeLessThan(DEADLINE_MS);
			expect(requests.every((r) => (r.written ?? 0) < 20 * MB)).toBe(true);
		}
	});

	// The request each test the nodes run sends after any login, and the name its sentences give the vendor.
	const READ_BY_THE_TEST = [
		{ type: 'ednaChatCenterBearerApi', path: '/api/v1/messages/outgoing-from-myself', vendor: 'edna Chat Center' },
		{ type: 'ednaChatCenterLoginApi', path: '/api/v1/messages/outgoing-from-myself', vendor: 'edna Chat Center' },
		{ type: 'evoVoiceBasicApi', path: '/auth/status', vendor: 'EvoVoice' },
		// The sandbox's SuperOffice paths start with the tenant.
		...['superOfficeBasicApi', 'superOfficeSoTicketApi', 'superOfficeBearerApi'].map((type) => ({ type, path: /\/api\/v1\/User\/currentPrincipal$/, vendor: 'SuperOffice' })),
	];
	const sentTo = (requests, path) => requests.find((r) => (path instanceof RegExp ? path.test(r.path) : r.path === path));
	test('every credential but OAuth2 is tested by the nodes, and every one of them is in this table', () => {
		expect(READ_BY_THE_TEST.map((t) => t.type).sort()).toEqual(TYPES.map((t) => t.type).filter((type) => !STATUS_ONLY.includes(type)).sort());
	});

	test.concurrent.each(READ_BY_THE_TEST)('$type: an address that never answers says so in one sentence at the deadline', async ({ type, path, vendor }) => {
		const silent = await testAgainst(type, { status: 200, delayMs: DEADLINE_MS + 20_000 }, { path });
		expect(silent.result).toEqual({
			status: 'Error',
			message: `${vendor} did not answer within ${CREDENTIAL_TEST_SECONDS} seconds; check the Base URL in the credential or try again later.`,
		});
		expect(silent.ms).toBeLessThan(DEADLINE_MS + 5000);
	});

	// A website that answers every address with its home page answered the SuperOffice tests' 200 "Connection successful!".
	test.concurrent.each(READ_BY_THE_TEST.filter((t) => t.vendor === 'SuperOffice'))('$type: a web page answered with 200 is not SuperOffice', async ({ type, path }) => {
		const { result } = await testAgainst(type, { status: 200, html: true }, { path });
		expect(result).toEqual({
			status: 'Error',
			message: 'The Base URL did not answer as SuperOffice does (no signed-in user in its answer): it may be a website. Use the address you open SuperOffice at.',
		});
	});

	test.concurrent.each(READ_BY_THE_TEST)('$type: an answer that never ends, and a 200 MB answer, each say so in one sentence', async ({ type, path, vendor }) => {
		const endless = await testAgainst(type, { endless: true }, { path, closed: true });
		expect(endless.result).toEqual({
			status: 'Error',
			message: `${vendor} did not answer within ${CREDENTIAL_TEST_SECONDS} seconds; check the Base URL in the credential or try again later.`,
		});
		expect(endless.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
		expect(endless.ms).toBeLessThan(DEADLINE_MS + 5000);
		expect(sentTo(endless.requests, path).closedByClient).toBe(true);
		const oversized = await testAgainst(type, { oversized: 200 * MB }, { path, closed: true });
		expect(oversized.result).toEqual({
			status: 'Error',
			message: `The Base URL answered with more than 10 MB, which ${vendor} never does; check the Base URL in the credential or try again later.`,
		});
		expect(oversized.ms).toBeLessThan(DEADLINE_MS);
		expect(sentTo(oversized.requests, path).closedByClient).toBe(true);
		expect(oversized.requests.every((r) => (r.written ?? 0) < 20 * MB)).toBe(true);
	});

	test.concurrent('ednaChatCenterLoginApi: a login that never ends, and a 200 MB login answer, each say so in one sentence', async () => {
		const endless = await testAgainst('ednaChatCenterLoginApi', { endless: true }, { path: '/api/auth/login', closed: true });
		expect(endless.result).toEqual({
			status: 'Error',
			message: `edna Chat Center did not answer the login within ${CREDENTIAL_TEST_SECONDS} seconds; check the Base URL in the credential or try again later.`,
		});
		expect(endless.ms).toBeLessThan(DEADLINE_MS + 5000);
		const oversized = await testAgainst('ednaChatCenterLoginApi', { oversized: 200 * MB }, { path: '/api/auth/login' });
		expect(oversized.result).toEqual({
			status: 'Error',
			message: 'The Base URL answered the login with more than 10 MB, which edna Chat Center never does; check the Base URL in the credential or try again later.',
		});
		expect(oversized.requests[0].written).toBeLessThan(20 * MB);
	});
});
