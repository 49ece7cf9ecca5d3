'use strict';

// The retry and network rules of nodes/shared/transport.ts, which every
// vendor's node goes through, run once against each vendor (test/shared/vendors.js):
// a send is retried only when the vendor cannot have accepted it; a read is
// also retried after a 5xx or a dropped connection. Each test gets a sandbox
// of its own, so the tests run side by side; most of their time is waiting
// out Retry-After and back-off.
const VENDORS = require('./vendors');
const { withSandbox, items, credentialsOf, secretsOf, closedPort, expectNoSecrets, runWorkflow } = require('../helpers');

const MAY_HAVE_BEEN_DELIVERED =
	'The message may have been delivered, so it was not sent again; check the conversation before re-running this item.';

/**
 * Before this table only EvoVoice's 429 case measured the wait. Timing
 * assertions are not added on shared, noisy machines, so it stays the only one
 * (a lower bound like it can only fail if the wait is skipped).
 */
const WAIT_MEASURED = { evovoice: 429 };

/** Runs the vendor's send workflow for its one good item. */
async function send(v, sandbox, { options = {}, credentials = credentialsOf(sandbox, v.sandbox) } = {}) {
	const workflow = v.workflow(v.send.file, { [v.send.node]: { parameters: { options } } });
	return await runWorkflow(workflow, { credentials, input: items(v.send.item) });
}

async function read(v, r, sandbox) {
	return await runWorkflow(v.workflow(r.file), { credentials: credentialsOf(sandbox, v.sandbox), input: items(r.item) });
}

const sendFault = (v, fault) => ({ vendor: v.sandbox, method: 'POST', path: v.send.path, ...fault });
const statuses = (sandbox) => sandbox.requests.map((r) => r.status);

/** The send went through once, and the node's output is exactly what the vendor answered. */
function expectSentOnce(v, sandbox, result) {
	expect(result.status).toBe('success');
	const received = sandbox.received(v.sandbox);
	expect(received).toHaveLength(1);
	expect(result.output(v.send.node).map((i) => i.json)).toEqual([received[0].answer]);
}

const SENDING = [
	...[
		['before', { status: 500 }, 0],
		['after', { after: 500 }, 1],
	].map(([when, fault, stored]) => [
		`a 500 ${when} the vendor stored the message is not retried, and says the message may have been delivered`,
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, fault));
			const result = await send(v, sandbox);
			expect(result.status).toBe('error');
			expect(result.error.message).toBe(
				`${v.name} answered with a server error (HTTP 500): ${v.errorText[500]}. ${MAY_HAVE_BEEN_DELIVERED} [item 0]`,
			);
			expect(statuses(sandbox)).toEqual([500]);
			expect(sandbox.received(v.sandbox)).toHaveLength(stored);
		},
	]),
	[
		'a vendor error holds its sentence once: as its message, not again as description or response message',
		async (v, sandbox) => {
			// n8n's command line prints each copy, and the whole error twice: one failed item showed
			// its sentence 16 times, 7 of them ours.
			sandbox.misbehave(sendFault(v, { status: 500 }));
			const result = await send(v, sandbox);
			const { message, description, messages, errorResponse } = result.error;
			expect(message).toMatch(/\(HTTP 500\)/);
			expect(description ?? '').not.toContain(message.replace(/ \[item 0\]$/, ''));
			expect(messages ?? []).toEqual([]);
			expect(errorResponse?.message).toBeUndefined();
		},
	],
	...[503, 429].map((status) => [
		`a ${status} with Retry-After: 1 is waited out and the message sent once`,
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, { status, headers: { 'Retry-After': '1' } }));
			const started = Date.now();
			const result = await send(v, sandbox);
			if (WAIT_MEASURED[v.sandbox] === status) expect(Date.now() - started).toBeGreaterThanOrEqual(900);
			expect(statuses(sandbox)).toEqual([status, 200]);
			expectSentOnce(v, sandbox, result);
		},
	]),
	[
		'429 twice, then accepted: delivered exactly once',
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, { status: 429, headers: { 'Retry-After': '0' }, times: 2 }));
			const result = await send(v, sandbox);
			expect(statuses(sandbox)).toEqual([429, 429, 200]);
			expectSentOnce(v, sandbox, result);
		},
	],
	[
		'429 five times, then accepted: a 429 is refused, so it is waited out beyond three attempts and sent once',
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, { status: 429, headers: { 'Retry-After': '0' }, times: 5 }));
			const result = await send(v, sandbox);
			expect(statuses(sandbox)).toEqual([429, 429, 429, 429, 429, 200]);
			expectSentOnce(v, sandbox, result);
		},
	],
	[
		'429 until Max Wait on Rate Limits is spent fails with the wait the vendor asked for',
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, { status: 429, headers: { 'Retry-After': '1' }, times: 5 }));
			const result = await send(v, sandbox, { options: { rateLimitWait: 2 } });
			expect(result.status).toBe('error');
			expect(result.error.message).toBe(
				`${v.name} is rate limiting requests (HTTP 429 after 3 attempts); it asks to wait 1 seconds: ${v.errorText[429]}. [item 0]`,
			);
			expect(statuses(sandbox)).toEqual([429, 429, 429]);
			expect(sandbox.ledger).toEqual([]);
		},
	],
	[
		'a Retry-After longer than Max Wait on Rate Limits (5 minutes) is not slept through',
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, { status: 429, headers: { 'Retry-After': '3600' } }));
			const result = await send(v, sandbox);
			expect(result.error.message).toBe(
				`${v.name} is rate limiting requests (HTTP 429); it asks to wait 3600 seconds: ${v.errorText[429]}. [item 0]`,
			);
			expect(statuses(sandbox)).toEqual([429]);
			expect(sandbox.ledger).toEqual([]);
		},
	],
	[
		'a slow answer times out and is not sent again, though the vendor accepted it',
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, { delayMs: 2500 }));
			const result = await send(v, sandbox, { options: { timeout: 1 } });
			expect(result.status).toBe('error');
			expect(result.error.message).toBe(`${v.name} at ${sandbox.url} did not answer in time. ${MAY_HAVE_BEEN_DELIVERED} [item 0]`);
			// The node has given up; let the sandbox finish the slow request before counting.
			await sandbox.idle();
			expect(sandbox.requests.map((r) => [r.method, r.status])).toEqual([['POST', 200]]);
			expect(sandbox.received(v.sandbox)).toHaveLength(1);
		},
	],
	...[
		['before the vendor accepted the message', true, 0],
		['after the vendor accepted the message', 'after', 1],
	].map(([when, drop, accepted]) => [
		`a connection dropped ${when} is reported, not sent again`,
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, { drop }));
			const result = await send(v, sandbox);
			expect(result.status).toBe('error');
			expect(result.error.message).toBe(
				`${v.name} at ${sandbox.url} closed the connection without answering. ${MAY_HAVE_BEEN_DELIVERED} [item 0]`,
			);
			// One attempt only: from the node's side both drops look the same.
			expect(sandbox.requests.map((r) => [r.method, r.status])).toEqual([['POST', 'dropped']]);
			expect(sandbox.received(v.sandbox)).toHaveLength(accepted);
		},
	]),
	[
		'an HTML error page from a proxy becomes a readable sentence',
		async (v, sandbox) => {
			sandbox.misbehave(sendFault(v, { status: 502, html: true }));
			const result = await send(v, sandbox);
			expect(result.error.message).toBe(
				`${v.name} answered with a server error (HTTP 502): an HTML page instead of an API answer — check that the Base URL points at the ${v.name} API. ${MAY_HAVE_BEEN_DELIVERED} [item 0]`,
			);
			expect(statuses(sandbox)).toEqual([502]);
			expect(sandbox.ledger).toEqual([]);
		},
	],
	[
		'a Base URL where nothing listens: refused, retried, then a clear error without secrets',
		async (v, sandbox) => {
			const origin = `http://127.0.0.1:${await closedPort()}`;
			const { credentialType } = v.signIns[0];
			const { baseUrl } = credentialsOf(sandbox, v.sandbox)[credentialType];
			const credentials = credentialsOf(sandbox, v.sandbox, { [credentialType]: { baseUrl: baseUrl.replace(sandbox.url, origin) } });
			const result = await send(v, sandbox, { credentials });
			expect(result.error.message).toBe(
				`Could not connect to ${v.name} at ${origin}: the connection was refused. Check the Base URL in the credential. [item 0]`,
			);
			expectNoSecrets(result, secretsOf(sandbox, v.sandbox));
		},
	],
];

const READING = [
	[
		'a 500 is retried (reading is safe to repeat), and the answer comes back whole',
		async (v, r, sandbox) => {
			sandbox.misbehave({ vendor: v.sandbox, method: 'GET', path: r.path, status: 500 });
			const result = await read(v, r, sandbox);
			expect(result.status).toBe('success');
			expect(statuses(sandbox)).toEqual([500, 200]);
			expect(result.output(r.node).map((i) => r.idOf(i.json))).toEqual(r.ids(sandbox));
		},
	],
	[
		'a dropped connection and a 502 are retried',
		async (v, r, sandbox) => {
			sandbox.misbehave({ vendor: v.sandbox, method: 'GET', path: r.path, drop: true });
			sandbox.misbehave({ vendor: v.sandbox, method: 'GET', path: r.path, status: 502 });
			const result = await read(v, r, sandbox);
			expect(result.status).toBe('success');
			expect(statuses(sandbox)).toEqual(['dropped', 502, 200]);
			expect(result.output(r.node).map((i) => r.idOf(i.json))).toEqual(r.ids(sandbox));
		},
	],
	[
		'a 500 on every attempt fails after three',
		async (v, r, sandbox) => {
			sandbox.misbehave({ vendor: v.sandbox, method: 'GET', path: r.path, status: 500, times: 5 });
			const result = await read(v, r, sandbox);
			expect(result.error.message).toBe(
				`${v.name} answered with a server error (HTTP 500 after 3 attempts): ${v.errorText[500]}. [item 0]`,
			);
			expect(statuses(sandbox)).toEqual([500, 500, 500]);
		},
	],
];

describe.each(VENDORS)('$name: sending a message', (v) => {
	test.concurrent.each(SENDING)('%s', (_title, scenario) => withSandbox((sandbox) => scenario(v, sandbox)));
});

const READS = VENDORS.flatMap((v) => v.reads.map((r) => ({ title: `${v.name} → ${r.node}`, v, r })));

describe.each(READS)('$title: reading', ({ v, r }) => {
	test.concurrent.each(READING)('%s', (_title, scenario) => withSandbox((sandbox) => scenario(v, r, sandbox)));
});
