'use strict';

// How every node reads the Base URL of its credential (normalizeBaseUrl in
// nodes/shared/baseUrl.ts): one that cannot be a vendor's address stops the
// node before anything is sent, whatever the operation and sign-in; spaces and
// trailing slashes do not matter. Run once against each vendor (test/shared/vendors.js).
const VENDORS = require('./vendors');
const { useSandbox, items, credentialsOf, expectRejectedBeforeSending, runWorkflow } = require('../helpers');

const env = useSandbox();

const BAD_BASE_URLS = [
	['not http(s)', 'ftp://vendor.example.com', (name) => `The Base URL in the ${name} credential must start with http:// or https://, not "ftp:".`],
	[
		'not a URL',
		'vendor.example.com',
		(name) => `The Base URL in the ${name} credential is not a valid URL ("vendor.example.com"). It must start with http:// or https://.`,
	],
	['empty', '  ', (name) => `The ${name} credential has no Base URL. Enter the address of your ${name} API.`],
	[
		'with a password in it',
		'https://user:secret@vendor.example.com',
		(name) => `The Base URL in the ${name} credential must not contain a user name or password; put those in the credential's own fields.`,
	],
];

const SIGN_INS = VENDORS.flatMap((v) => v.signIns.map((signIn) => ({ title: `${v.name} (${signIn.credentialType})`, v, signIn })));

describe.each(SIGN_INS)('$title: a Base URL that cannot be the vendor’s', ({ v, signIn }) => {
	test.each(BAD_BASE_URLS)('%s is reported before anything is sent, by every operation', async (_kind, baseUrl, message) => {
		const credentials = credentialsOf(env.sandbox, v.sandbox, { [signIn.credentialType]: { baseUrl } });
		for (const { file, item } of [v.send, ...v.reads]) {
			const workflow = v.workflow(file, {}, signIn.authentication);
			await expectRejectedBeforeSending(env.sandbox, workflow, { credentials, input: items(item) }, `${message(v.name)} [item 0]`);
		}
	});
});

describe.each(VENDORS)('$name: the Base URL as typed', (v) => {
	test('spaces and trailing slashes around it reach the same endpoint', async () => {
		const { credentialType } = v.signIns[0];
		const { baseUrl } = credentialsOf(env.sandbox, v.sandbox)[credentialType];
		const result = await runWorkflow(v.workflow(v.send.file), {
			credentials: credentialsOf(env.sandbox, v.sandbox, { [credentialType]: { baseUrl: ` ${baseUrl}// ` } }),
			input: items(v.send.item),
		});
		expect(result.status).toBe('success');
		expect(env.sandbox.requests.map((r) => r.path)).toEqual([v.send.path]);
		expect(env.sandbox.received(v.sandbox)).toHaveLength(1);
	});
});
