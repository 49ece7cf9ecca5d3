'use strict';

// A hostile or broken endpoint, for every vendor, every read and the send:
// a redirect must not take the credential (or the message) to another host,
// a huge answer must not be read into memory, an answer that never ends must
// not outlive the timeout, and a failed item says whether its message may
// have arrived (details.delivery). Each test gets a sandbox of its own.
const VENDORS = require('./vendors');
const { withSandbox, withServer, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow, testCredentialOf } = require('../helpers');
const { startElsewhere } = require('../sandbox/elsewhere');

const MAY_HAVE_BEEN_DELIVERED =
	'The message may have been delivered, so it was not sent again; check the conversation before re-running this item.';

/** What each vendor's node does: its send and every read, as one list. */
const CALLS = VENDORS.flatMap((v) => [
	{ title: `${v.name} → ${v.send.node} (send)`, v, method: 'POST', sends: true, ...v.send },
	...v.reads.map((r) => ({ title: `${v.name} → ${r.node} (read)`, v, method: 'GET', sends: false, ...r })),
]);

async function run(call, sandbox, { options = {}, settings = {} } = {}) {
	const workflow = call.v.workflow(call.file, { [call.node]: { parameters: { options }, ...settings } });
	return await runWorkflow(workflow, { credentials: credentialsOf(sandbox, call.v.sandbox), input: items(call.item) });
}

const fault = (call, effect) => ({ vendor: call.v.sandbox, method: call.method, path: call.path, ...effect });
const unsure = (call) => (call.sends ? ` ${MAY_HAVE_BEEN_DELIVERED}` : '');

const withElsewhere = (fn) => withServer(startElsewhere, fn);

describe.each(CALLS)('$title', (call) => {
	test.concurrent.each([301, 302, 307, 308])('a %i to another host is not followed: nothing, least of all the credential, reaches it', (status) =>
		withSandbox((sandbox) =>
			withElsewhere(async (elsewhere) => {
				sandbox.misbehave(fault(call, { status, redirect: `${elsewhere.url}/api/v1/steal?token=abc` }));
				const result = await run(call, sandbox);
				expect(result.status).toBe('error');
				expect(result.error.message).toBe(
					`${call.v.name} at ${sandbox.url} redirected the request to ${elsewhere.url} (HTTP ${status}). The node does not follow redirects, so your credential is never sent to another address; nothing was sent. If ${elsewhere.url} is where your ${call.v.name} API lives, put that address in the credential's Base URL. [item 0]`,
				);
				expect(elsewhere.requests).toEqual([]);
				expect(sandbox.ledger).toEqual([]);
				expectNoSecrets(result, secretsOf(sandbox, call.v.sandbox));
			}),
		),
	);

	test.concurrent('a redirect to the same host over https says to change the Base URL to https://', () =>
		withSandbox(async (sandbox) => {
			const https = sandbox.url.replace('http://', 'https://');
			sandbox.misbehave(fault(call, { status: 301, redirect: `${https}/somewhere` }));
			const result = await run(call, sandbox);
			expect(result.error.message).toMatch(/Change the Base URL in the credential to start with https:\/\/ instead\. \[item 0\]$/);
		}),
	);

	test.concurrent('an answer of 50 MB is not read whole: one clear sentence, and the node stops reading', () =>
		withSandbox(async (sandbox) => {
			sandbox.misbehave(fault(call, { oversized: 50 * 1024 * 1024 }));
			const result = await run(call, sandbox);
			expect(result.status).toBe('error');
			expect(result.error.message).toMatch(
				new RegExp(`^${escape(call.v.name)} at ${escape(sandbox.url)} sent an answer to ${call.method} \\S+ larger than 10 MB, so the node stopped reading it\\.`),
			);
			expect(result.error.message.endsWith(`or ask for less (Limit, filters).${unsure(call)} [item 0]`)).toBe(true);
			await sandbox.idle();
			// Only what fits in the cap and the sockets' buffers went out before the node hung up.
			expect(sandbox.requests[0].written).toBeLessThan(20 * 1024 * 1024);
		}),
	);

	test.concurrent('an answer that never ends is cut off at the timeout, and its connection closed', () =>
		withSandbox(async (sandbox) => {
			sandbox.misbehave(fault(call, { endless: true, times: 5 }));
			const started = Date.now();
			const result = await run(call, sandbox, { options: { timeout: 1 } });
			// A hang, not a speed measurement: without the deadline the node never returns.
			expect(Date.now() - started).toBeLessThan(15_000);
			expect(result.status).toBe('error');
			expect(result.error.message).toBe(`${call.v.name} at ${sandbox.url} did not answer in time.${unsure(call)} [item 0]`);
			await sandbox.idle();
			expect(sandbox.requests.every((r) => r.closedByClient)).toBe(true);
		}),
	);

	test.concurrent('with Continue On Fail, the failed item says whether its message may have been delivered', () =>
		withSandbox(async (sandbox) => {
			sandbox.misbehave(fault(call, { status: 500, times: 3 }));
			const result = await run(call, sandbox, { settings: { onError: 'continueRegularOutput' } });
			const [failed] = result.output(call.node);
			expect(failed.json.details).toEqual({ delivery: call.sends ? 'mayHaveBeenDelivered' : 'notDelivered' });
			sandbox.reset();
			sandbox.misbehave(fault(call, { status: 400 }));
			const refused = await run(call, sandbox, { settings: { onError: 'continueRegularOutput' } });
			expect(refused.output(call.node)[0].json.details).toEqual({ delivery: 'notDelivered' });
		}),
	);
});

const CREDENTIAL_TYPES = VENDORS.flatMap((v) => v.signIns.map((s) => s.credentialType));

describe.each(CREDENTIAL_TYPES)('%s connection test', (type) => {
	test.concurrent('does not follow a redirect to another host, and fails', () =>
		withSandbox((sandbox) =>
			withElsewhere(async (elsewhere) => {
				sandbox.misbehave({ status: 302, redirect: `${elsewhere.url}/login` });
				const result = await testCredentialOf(sandbox, type);
				expect(result.status).toBe('Error');
				expect(elsewhere.requests).toEqual([]);
				for (const secret of secretsOf(sandbox)) expect(result.message).not.toContain(secret);
			}),
		),
	);
});

function escape(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
