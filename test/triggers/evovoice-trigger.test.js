'use strict';

const { useSandbox, loadWorkflow, loadExample, credentialsOf, secretsOf, runWorkflow } = require('../helpers');
const { useTriggerHost } = require('./support');
const { customerWrites, isListPage } = require('../sandbox/vendors/evovoice-incoming');

const env = useSandbox();
const triggers = useTriggerHost();

const TRIGGER = 'EvoVoice Trigger';
const workflow = (overrides) => loadWorkflow('evovoice/trigger.workflow.json', overrides);
const credentials = () => credentialsOf(env.sandbox, 'evovoice');
const activate = async (wf = workflow()) => await triggers.host.activate(wf, { credentials: credentials() });

/** Texts each execution started with, per execution. */
const textsPerExecution = (active) => active.executions.map((run) => run.output(TRIGGER).map((i) => i.json.text));

/** A date `ms` milliseconds after every seeded and stored message. */
function later(ms = 0) {
	const newest = Math.max(...env.sandbox.state.evovoice.messages.map((m) => Date.parse(m.info.date)), Date.now());
	return new Date(newest + ms).toISOString();
}

describe('EvoVoice Trigger (polling)', () => {
	test('activation starts from now: old messages start nothing; one customer message starts one execution', async () => {
		const active = await activate();
		expect(active.executions).toEqual([]);
		expect(await active.poll()).toBeNull();

		customerWrites(env.sandbox, { text: 'Is my order on its way?' });
		const run = await active.poll();
		expect(run.status).toBe('success');
		expect(run.output(TRIGGER).map((i) => i.json)).toEqual([
			expect.objectContaining({ text: 'Is my order on its way?', direction: 'Incoming', otherAddress: '+15557770001' }),
		]);
		expect(await active.poll()).toBeNull();
		expect(textsPerExecution(active)).toEqual([['Is my order on its way?']]);
		const output = JSON.stringify(active.executions.map((r) => r.run));
		for (const secret of secretsOf(env.sandbox, 'evovoice')) expect(output).not.toContain(secret);
		await active.deactivate();
	});

	test('a message at the same timestamp as the last one emitted is emitted once, by the next poll', async () => {
		const active = await activate();
		const at = later(1000);
		customerWrites(env.sandbox, { text: 'first', date: at });
		await active.poll();
		customerWrites(env.sandbox, { text: 'same moment', date: at });
		await active.poll();
		await active.poll();
		expect(textsPerExecution(active)).toEqual([['first'], ['same moment']]);
		expect(active.staticDataOf(TRIGGER).cursor).toEqual({ after: at, seen: expect.arrayContaining(['msg-0301', 'msg-0302']) });
		await active.deactivate();
	});

	test('250 new messages across 3 pages come out once each, in order; those arriving during paging come with the next poll', async () => {
		const active = await activate();
		const start = Date.parse(later(1000));
		const sent = [];
		for (let i = 0; i < 250; i++) {
			// Ten messages share each timestamp, so page boundaries fall inside a timestamp.
			sent.push(customerWrites(env.sandbox, { text: `m${i}`, date: new Date(start + Math.floor(i / 10) * 1000).toISOString() }).text);
		}
		const during = [];
		env.sandbox.afterAnswer((request) => {
			if (isListPage(request, 1) && during.length === 0) {
				// Three customers write while the trigger reads the second page; one at the last page's timestamp.
				for (const offset of [24_000, 25_000, 25_001]) {
					during.push(customerWrites(env.sandbox, { text: `during ${during.length}`, date: new Date(start + offset).toISOString() }).text);
				}
			}
		});
		env.sandbox.requests.length = 0;
		const run = await active.poll();
		expect(run.output(TRIGGER).map((i) => i.json.text)).toEqual(sent);
		const pages = env.sandbox.requests.filter((r) => r.path === '/messages').map((r) => r.query.page);
		expect(pages).toEqual(['0', '1', '2']);

		const next = await active.poll();
		expect(next.output(TRIGGER).map((i) => i.json.text)).toEqual(during);
		expect(await active.poll()).toBeNull();
		const all = textsPerExecution(active).flat();
		expect(all).toHaveLength(253);
		expect(new Set(all).size).toBe(253);
		await active.deactivate();
	});

	test('a backlog longer than the poll budget goes out in parts, each message once', async () => {
		const active = await activate();
		const start = Date.parse(later(1000));
		for (let i = 0; i < 250; i++) customerWrites(env.sandbox, { text: `b${i}`, date: new Date(start + Math.floor(i / 7) * 1000).toISOString() });
		// A budget already spent after the first page: each poll hands on one page.
		const parts = [];
		for (let run = await active.poll(undefined, { budgetMs: 0 }); run; run = await active.poll(undefined, { budgetMs: 0 })) {
			parts.push(run.output(TRIGGER).length);
		}
		// Each page also holds the message(s) at the cursor's date, already emitted: a little under 100 each.
		expect(parts).toHaveLength(3);
		expect(Math.max(...parts)).toBeLessThanOrEqual(100);
		const all = textsPerExecution(active).flat();
		expect(all).toEqual(Array.from({ length: 250 }, (_, i) => `b${i}`));
		await active.deactivate();
	});

	test('outgoing messages start nothing unless Messages is Incoming and Outgoing', async () => {
		const active = await activate();
		const outgoing = { conversationId: 'conv-a', text: 'agent answer' };
		const info = customerWrites(env.sandbox, outgoing);
		info.direction = 'Outgoing';
		expect(await active.poll()).toBeNull();
		await active.deactivate();

		const everything = await activate(workflow({ [TRIGGER]: { parameters: { direction: 'all' } } }));
		customerWrites(env.sandbox, { text: 'customer' }).direction = 'Outgoing';
		const run = await everything.poll();
		expect(run.output(TRIGGER).map((i) => i.json.direction)).toEqual(['Outgoing']);
		await everything.deactivate();
	});

	test('the cursor survives a restart: static data saved by n8n picks up where it stopped', async () => {
		const first = await activate();
		customerWrites(env.sandbox, { text: 'before restart' });
		await first.poll();
		const saved = first.saved;
		await first.deactivate();
		customerWrites(env.sandbox, { text: 'while n8n was down' });
		// n8n polls once on activation: that poll finds the message.
		const again = await triggers.host.activate(workflow(), { credentials: credentials(), staticData: saved });
		await again.settled();
		expect(textsPerExecution(again)).toEqual([['while n8n was down']]);
		expect(await again.poll()).toBeNull();
		await again.deactivate();
	});

	test('activated with no message at all (for its endpoints), the first message ever comes with the next poll', async () => {
		const active = await activate(workflow({ [TRIGGER]: { parameters: { endpointIds: 'ep-anna' } } }));
		env.sandbox.state.evovoice.conversations.push({ id: 'conv-anna', endpointId: 'ep-anna', otherAddress: '+15557770042' });
		// An EvoVoice clock behind n8n's must not hide it.
		customerWrites(env.sandbox, { conversationId: 'conv-anna', text: 'first ever', date: new Date(Date.now() - 60_000).toISOString() });
		const run = await active.poll();
		expect(run.output(TRIGGER).map((i) => i.json.text)).toEqual(['first ever']);
		await active.deactivate();
	});

	test('a wrong password fails activation with the same sentence the EvoVoice node gives', async () => {
		const bad = credentialsOf(env.sandbox, 'evovoice', { evoVoiceBasicApi: { password: 'wrong-password-123' } });
		const error = await triggers.host.activate(workflow(), { credentials: bad }).catch((e) => e);
		expect(error.message).toMatch(/^EvoVoice rejected the request \(HTTP 401\): Invalid UserName or Password/);
		expect(error.message).not.toContain('wrong-password-123');
		const action = await runWorkflow(loadWorkflow('evovoice/get-many-all.workflow.json'), { credentials: bad });
		expect(action.error.message.replace(/ \[item \d+\]$/, '')).toBe(error.message.replace(/ \[item \d+\]$/, ''));
	});

	test('a manual test run returns the most recent incoming message', async () => {
		customerWrites(env.sandbox, { text: 'newest from a customer', date: later(1000) });
		const result = await runWorkflow(workflow(), { credentials: credentials() });
		expect(result.status).toBe('success');
		expect(result.output(TRIGGER).map((i) => i.json.text)).toEqual(['newest from a customer']);
	});

	test('the example answers the customer who wrote: trigger, reply, the sandbox receives the reply', async () => {
		const active = await triggers.host.activate(loadExample('conversations/evovoice-answer-incoming.workflow.json'), { credentials: credentials() });
		customerWrites(env.sandbox, { conversationId: 'conv-c', text: 'Do you ship to Norway?' });
		const run = await active.poll();
		expect(run.status).toBe('success');
		const replies = env.sandbox.received('evovoice', 'sendToEndpoint');
		expect(replies.map((r) => [r.body.toAddress, r.body.endpointId])).toEqual([['+15557770003', 'ep-sales']]);
		expect(replies[0].body.body).toContain('Do you ship to Norway?');
		await active.deactivate();
	});
});

/**
 * EvoVoice documents neither the order GET /messages lists in without a sort
 * nor the values of `sortField` (docs/evovoice.md, EvoVoice Trigger), so the
 * trigger asks for an order and trusts none. Each vendor below lists in
 * another order than the sandbox's default: one lists newest first unless
 * asked otherwise, two ignore `sortField`/`sortOrder` altogether.
 */
const VENDOR_ORDERS = [
	['lists newest first unless asked otherwise', { newestFirstByDefault: true, ignoresSortParameters: false }],
	['lists newest first and ignores the sort asked for', { newestFirstByDefault: true, ignoresSortParameters: true }],
	['lists oldest first and ignores the sort asked for', { newestFirstByDefault: false, ignoresSortParameters: true }],
];

/** Texts of every message the sandbox held before the test wrote any. */
const seeded = () => env.sandbox.state.evovoice.messages.map((m) => m.info.text);

/** The sort each GET /messages asked for, in order. */
const sortsAsked = () =>
	env.sandbox.requests.filter((r) => r.path === '/messages').map((r) => `${r.query.sortField} ${r.query.sortOrder}`);

/** Polls until a poll starts nothing (at most 10 times). */
async function pollUntilQuiet(active, options) {
	for (let n = 0; n < 10; n++) if (!(await active.poll(undefined, options))) return;
	throw new Error('Still polling new messages after 10 polls');
}

describe.each(VENDOR_ORDERS)('EvoVoice Trigger against a vendor that %s', (_name, messageOrder) => {
	beforeEach(() => {
		env.sandbox.state.evovoice.messageOrder = { ...messageOrder };
	});

	test('activation, then new messages: only the new ones, each once, oldest first; none of the 250 old ones', async () => {
		const old = seeded();
		const active = await activate();
		expect(await active.poll()).toBeNull();
		const texts = ['first question', 'second question', 'third question'];
		for (const [i, text] of texts.entries()) customerWrites(env.sandbox, { text, date: later(1000 + i) });
		const run = await active.poll();
		expect(run.output(TRIGGER).map((i) => i.json.text)).toEqual(texts);
		expect(await active.poll()).toBeNull();
		expect(textsPerExecution(active)).toEqual([texts]);
		expect(textsPerExecution(active).flat().filter((t) => old.includes(t))).toEqual([]);
		// Newest first when it looks for where to start, oldest first when it reads what is new.
		expect(new Set(sortsAsked())).toEqual(new Set(['Date Descend', 'Date Ascend']));
		await active.deactivate();
	});

	test('250 new messages across 3 pages, customers writing while it pages: each message once, in order', async () => {
		const old = seeded();
		const active = await activate();
		const start = Date.parse(later(1000));
		const sent = [];
		for (let i = 0; i < 250; i++) {
			// Ten messages share each timestamp, so page boundaries fall inside a timestamp.
			sent.push(customerWrites(env.sandbox, { text: `m${i}`, date: new Date(start + Math.floor(i / 10) * 1000).toISOString() }).text);
		}
		const during = [];
		let lists = 0;
		env.sandbox.afterAnswer((request) => {
			// Right after the poll's second page, whichever page that is: three customers write, one at the last timestamp.
			if (request.method === 'GET' && request.path === '/messages' && ++lists === 2) {
				for (const offset of [24_000, 25_000, 25_001]) {
					during.push(customerWrites(env.sandbox, { text: `during ${during.length}`, date: new Date(start + offset).toISOString() }).text);
				}
			}
		});
		const first = await active.poll();
		expect(first.output(TRIGGER).map((i) => i.json.text).slice(0, 250)).toEqual(sent);
		await pollUntilQuiet(active);
		const all = textsPerExecution(active).flat();
		expect(all).toEqual([...sent, ...during]);
		expect(all.filter((t) => old.includes(t))).toEqual([]);
		await active.deactivate();
	});

	test('a backlog longer than the poll budget goes out in parts, oldest first, each message once', async () => {
		const active = await activate();
		const start = Date.parse(later(1000));
		for (let i = 0; i < 250; i++) customerWrites(env.sandbox, { text: `b${i}`, date: new Date(start + Math.floor(i / 7) * 1000).toISOString() });
		const parts = [];
		for (let run = await active.poll(undefined, { budgetMs: 0 }); run; run = await active.poll(undefined, { budgetMs: 0 })) {
			parts.push(run.output(TRIGGER).length);
			expect(parts.length).toBeLessThan(10);
		}
		expect(parts.length).toBeGreaterThanOrEqual(3);
		expect(Math.max(...parts)).toBeLessThanOrEqual(100);
		expect(textsPerExecution(active).flat()).toEqual(Array.from({ length: 250 }, (_, i) => `b${i}`));
		await active.deactivate();
	});

	test('a first page that holds one date throughout: the order is told from the last page, each message once', async () => {
		const active = await activate();
		const [earlier, burst] = [later(1000), later(2000)];
		const texts = [];
		// 60 messages, then 140 in the same millisecond: newest first, page 0 holds only the burst.
		for (let i = 0; i < 200; i++) texts.push(customerWrites(env.sandbox, { text: `t${i}`, date: i < 60 ? earlier : burst }).text);
		await pollUntilQuiet(active, { budgetMs: 0 });
		const all = textsPerExecution(active).flat();
		expect(all.slice(0, 60)).toEqual(texts.slice(0, 60));
		// Within one millisecond the dates give no order: the burst comes in the order EvoVoice lists it.
		expect([...all.slice(60)].sort()).toEqual([...texts.slice(60)].sort());
		await active.deactivate();
	});

	test('a manual test run returns the most recent incoming message', async () => {
		customerWrites(env.sandbox, { text: 'newest from a customer', date: later(1000) });
		const result = await runWorkflow(workflow(), { credentials: credentials() });
		expect(result.status).toBe('success');
		expect(result.output(TRIGGER).map((i) => i.json.text)).toEqual(['newest from a customer']);
	});
});

describe('the sandbox as a vendor that sorts GET /messages', () => {
	/** The texts of one GET /messages page, asked with `query`. */
	async function list(query) {
		const { evoVoiceBasicApi: login } = credentials();
		const response = await fetch(`${login.baseUrl}/messages?countPerPage=3&${new URLSearchParams(query)}`, {
			headers: { authorization: `Basic ${Buffer.from(`${login.email}:${login.password}`).toString('base64')}` },
		});
		const body = await response.json();
		return response.ok ? body.items.map((m) => m.text) : { status: response.status, error: body.responseStatus };
	}

	test('honours sortField and sortOrder, lists oldest first without them, and can be told to list otherwise', async () => {
		const oldest = ['Seed message 1', 'Seed message 2', 'Seed message 3'];
		// Seed message 300 is Globex's, which the sandbox user may not see.
		const newest = ['Seed message 299', 'Seed message 298', 'Seed message 297'];
		expect(await list({})).toEqual(oldest);
		expect(await list({ sortField: 'Date', sortOrder: 'Descend' })).toEqual(newest);
		expect(await list({ sortfield: 'date', sortorder: 'ascend' })).toEqual(oldest);
		expect(await list({ sortOrder: 'Sideways' })).toEqual({
			status: 400,
			error: expect.objectContaining({ errorCode: 'SerializationException', errors: [expect.objectContaining({ fieldName: 'SortOrder' })] }),
		});

		env.sandbox.state.evovoice.messageOrder.newestFirstByDefault = true;
		expect(await list({})).toEqual(newest);
		expect(await list({ sortField: 'Date', sortOrder: 'Ascend' })).toEqual(oldest);
		env.sandbox.state.evovoice.messageOrder.ignoresSortParameters = true;
		expect(await list({ sortField: 'Date', sortOrder: 'Ascend' })).toEqual(newest);
	});
});
