'use strict';

const { Container } = require('@n8n/di');
const { Logger } = require('@n8n/backend-common');
const { useSandbox, loadWorkflow, credentialsOf, secretsOf, runWorkflow } = require('../helpers');
const { useTriggerHost } = require('./support');
const { customerWrites, tenantOf } = require('../sandbox/vendors/superoffice-webhooks');

const env = useSandbox();
const triggers = useTriggerHost();

const TRIGGER = 'SuperOffice Chat Polling Trigger';
const workflow = (overrides) => loadWorkflow('superoffice/chat-polling-trigger.workflow.json', overrides);
const credentials = () => credentialsOf(env.sandbox, 'superoffice');
const texts = (run) => run.output(TRIGGER).map((i) => i.json.Message);
const activate = () => triggers.host.activate(workflow(), { credentials: credentials() });

/** Opens `count` chat sessions in the sandbox's Online tenant, ChatSessionIds from 1001 up; returns their IDs. */
function openSessions(count) {
	const sessions = tenantOf(env.sandbox).sessions;
	const ids = Array.from({ length: count }, (_, n) => 1001 + n);
	for (const id of ids) sessions[id] = { ...sessions[102], ChatSessionId: id, CustomerName: `Customer ${id}`, Status: 'CustomerLast' };
	return ids;
}

/** One customer message in each session, `m<id>`; returns the texts in session order. */
async function writeInEach(ids) {
	for (const id of ids) await customerWrites(env.sandbox, { sessionId: id, text: `m${id}` });
	return ids.map((id) => `m${id}`);
}

/** SuperOffice answering 500 to the messages of the sessions `path` matches, until the returned fault's `times` is set to 0. */
function messagesFail(path) {
	const body = { Error: true, ErrorType: 'Exception', Message: 'Timeout expired reading chat_message', ErrorSource: 'ChatAgent' };
	return env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path, status: 500, body, times: Infinity });
}

/** Every message text the trigger's executions carried, in order. */
const emitted = (active) => active.executions.flatMap(texts);

describe('SuperOffice Chat Polling Trigger', () => {
	test('activation starts from now; one customer message starts one execution, once', async () => {
		const active = await triggers.host.activate(workflow(), { credentials: credentials() });
		expect(active.executions).toEqual([]);
		expect(await active.poll()).toBeNull();
		await customerWrites(env.sandbox, { sessionId: 102, text: 'Do you have size 42?' });
		const run = await active.poll();
		expect(texts(run)).toEqual(['Do you have size 42?']);
		expect(run.output(TRIGGER)[0].json.chatSession).toEqual(expect.objectContaining({ ChatSessionId: 102, CustomerName: 'Per Hansen' }));
		expect(await active.poll()).toBeNull();
		const text = JSON.stringify(run.run);
		for (const secret of secretsOf(env.sandbox, 'superoffice')) expect(text).not.toContain(secret);
	});

	test('customer messages only by default; agent messages with All Messages', async () => {
		const active = await triggers.host.activate(workflow(), { credentials: credentials() });
		await customerWrites(env.sandbox, { sessionId: 101, text: 'agent', type: 'ToCustomer' });
		await customerWrites(env.sandbox, { sessionId: 101, text: 'customer' });
		expect(texts(await active.poll())).toEqual(['customer']);
		await active.deactivate();

		const all = await triggers.host.activate(workflow({ [TRIGGER]: { parameters: { messages: 'all' } } }), { credentials: credentials() });
		await customerWrites(env.sandbox, { sessionId: 101, text: 'agent again', type: 'ToCustomer' });
		expect(texts(await all.poll())).toEqual(['agent again']);
	});

	test('messages in several sessions between two polls each come once', async () => {
		const active = await triggers.host.activate(workflow(), { credentials: credentials() });
		await customerWrites(env.sandbox, { sessionId: 101, text: 'a1' });
		await customerWrites(env.sandbox, { sessionId: 102, text: 'b1' });
		await customerWrites(env.sandbox, { sessionId: 101, text: 'a2' });
		expect(texts(await active.poll())).toEqual(['a1', 'a2', 'b1']);
		await customerWrites(env.sandbox, { sessionId: 102, text: 'b2' });
		expect(texts(await active.poll())).toEqual(['b2']);
		expect(active.executions.flatMap(texts)).toEqual(['a1', 'a2', 'b1', 'b2']);
	});

	test('a wrong ticket fails activation with the SuperOffice node’s sentence', async () => {
		const bad = credentialsOf(env.sandbox, 'superoffice', { superOfficeSoTicketApi: { ticketToken: '7T:wrong' } });
		const error = await triggers.host.activate(workflow(), { credentials: bad }).catch((e) => e);
		expect(error.message).toMatch(/401.*Invalid or expired ticket/);
	});

	test('a manual test run returns the most recent customer message', async () => {
		const result = await runWorkflow(workflow(), { credentials: credentials() });
		expect(result.status).toBe('success');
		expect(texts(result)).toEqual(['Thanks!']);
	});

	test('an ended session written in again, and a session opened after activation, both start the workflow', async () => {
		// SuperOffice's docs: a customer may re-activate a finished session by writing in it, so ended sessions are read too.
		const active = await activate();
		const [opened] = openSessions(1);
		await customerWrites(env.sandbox, { sessionId: 103, text: 'reopened' });
		await customerWrites(env.sandbox, { sessionId: opened, text: 'new session' });
		expect(tenantOf(env.sandbox).sessions[103].Status).toBe('Closed');
		expect(texts(await active.poll())).toEqual(['reopened', 'new session']);
	});

	test('a session SuperOffice no longer lists is forgotten; listed again, it goes on without repeating a message', async () => {
		const active = await activate();
		await customerWrites(env.sandbox, { sessionId: 101, text: 'before' });
		expect(texts(await active.poll())).toEqual(['before']);
		const sessions = tenantOf(env.sandbox).sessions;
		const gone = sessions[101];
		delete sessions[101];
		expect(await active.poll()).toBeNull();
		expect(Object.keys(active.staticDataOf(TRIGGER).sessions)).toEqual(['102', '103']);

		sessions[101] = gone;
		await customerWrites(env.sandbox, { sessionId: 101, text: 'back again' });
		expect(texts(await active.poll())).toEqual(['back again']);
		expect(emitted(active)).toEqual(['before', 'back again']);
	});

	describe('many sessions', () => {
		let warn;
		beforeEach(() => {
			warn = jest.spyOn(Container.get(Logger), 'warn');
		});
		afterEach(() => warn.mockRestore());

		test('one of 300 sessions failing: the others’ messages come in that poll, its own at the next poll once it recovers, none twice', async () => {
			const ids = openSessions(300);
			const active = await activate();
			const written = await writeInEach(ids);
			const fault = messagesFail(/\/ChatSession\/1150\/Messages$/);

			const first = await active.poll();
			expect(texts(first)).toEqual(written.filter((text) => text !== 'm1150'));
			expect(warn).toHaveBeenCalledTimes(1);
			expect(warn).toHaveBeenCalledWith(
				expect.stringMatching(/chat session 1150 was not read in this poll.*HTTP 500.*Timeout expired reading chat_message/),
				expect.objectContaining({ chatSessionId: 1150 }),
			);
			// Still failing: the others' cursors moved, so only what is new comes; 1150 keeps its cursor.
			await customerWrites(env.sandbox, { sessionId: 1001, text: 'meanwhile' });
			expect(texts(await active.poll())).toEqual(['meanwhile']);
			expect(warn).toHaveBeenCalledTimes(2);

			fault.times = 0;
			await customerWrites(env.sandbox, { sessionId: 1150, text: 'after recovery' });
			expect(texts(await active.poll())).toEqual(['m1150', 'after recovery']);
			expect(active.pollErrors).toEqual([]);
			const all = emitted(active);
			expect(new Set(all).size).toBe(all.length);
			expect([...all].sort()).toEqual([...written, 'after recovery', 'meanwhile'].sort());
		});

		test('a session activation could not read starts after the newest message activation read, not from its history', async () => {
			const fault = messagesFail(/\/ChatSession\/101\/Messages$/);
			const active = await activate();
			expect(warn).toHaveBeenCalledWith(expect.stringMatching(/chat session 101 was not read/), expect.anything());
			fault.times = 0;
			await customerWrites(env.sandbox, { sessionId: 101, text: 'first after activation' });
			expect(texts(await active.poll())).toEqual(['first after activation']);
		});

		test('when SuperOffice fails for every session the poll fails with its sentence; the messages come once it recovers', async () => {
			const active = await activate();
			await customerWrites(env.sandbox, { sessionId: 101, text: 'a' });
			await customerWrites(env.sandbox, { sessionId: 102, text: 'b' });
			const fault = messagesFail(/\/ChatSession\/\d+\/Messages$/);
			expect(await active.poll()).toBeNull();
			expect(active.pollErrors.map((e) => e.message)).toEqual([expect.stringMatching(/HTTP 500.*Timeout expired reading chat_message/)]);

			fault.times = 0;
			expect(texts(await active.poll())).toEqual(['a', 'b']);
			expect(emitted(active)).toEqual(['a', 'b']);
		});

		test('a poll reads at most 4 sessions at a time, with one request per listed session', async () => {
			const ids = openSessions(300);
			const active = await activate();
			// Slow answers, so that the reads overlap as far as the trigger lets them.
			env.sandbox.misbehave({ vendor: 'superoffice', method: 'GET', path: /\/Messages$/, delayMs: 5, times: Infinity });
			const before = env.sandbox.requests.length;
			env.sandbox.peakInFlight = 0;
			await active.poll();
			const made = env.sandbox.requests.slice(before);
			expect(made).toHaveLength(1 + 303);
			expect(made.filter((r) => /\/ChatSession\/ForCurrentUser$/.test(r.path))).toHaveLength(1);
			const read = made.map((r) => /\/ChatSession\/(\d+)\/Messages$/.exec(r.path)?.[1]).filter(Boolean);
			expect(read.map(Number).sort((a, b) => a - b)).toEqual([101, 102, 103, ...ids]);
			expect(env.sandbox.peakInFlight).toBe(4);
		});

		test('a poll out of budget leaves the sessions it did not reach to the next poll, which reads them first; nothing lost or twice', async () => {
			const ids = openSessions(20);
			const active = await activate();
			const written = await writeInEach(ids);
			// A budget spent at once: each poll reads only the 4 sessions it always reads, in ChatSessionId order, round and round.
			expect(texts(await active.poll(TRIGGER, { budgetMs: 1 }))).toEqual(['m1001']); // 101, 102, 103, 1001
			expect(texts(await active.poll(TRIGGER, { budgetMs: 1 }))).toEqual(['m1002', 'm1003', 'm1004', 'm1005']);
			expect(texts(await active.poll())).toEqual(written.slice(5));
			expect(await active.poll()).toBeNull();
			expect(emitted(active)).toEqual(written);
			expect(warn).not.toHaveBeenCalled();
		});
	});
});
