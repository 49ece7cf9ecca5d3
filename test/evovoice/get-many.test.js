'use strict';

const { useSandbox, loadWorkflow, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow } = require('../helpers');
const support = require('./support');

const env = useSandbox();

const ALL = 'evovoice/get-many-all.workflow.json';
const LIMIT = 'evovoice/get-many-limit.workflow.json';
const ROUND_TRIP = 'evovoice/send-then-get-many.workflow.json';

/** Runs `workflow` (a file, or a workflow already loaded) for `input` items with the sandbox credential. */
async function run(workflow, input) {
	const loaded = typeof workflow === 'string' ? loadWorkflow(workflow) : workflow;
	return await runWorkflow(loaded, { credentials: credentialsOf(env.sandbox, 'evovoice'), input: input && items(...input) });
}

/** The messages the sandbox holds that `keep` selects, oldest first, as the API shows them. */
const storedMessages = (keep) => support.storedMessages(env.sandbox, keep);

/** Query strings of the GET /messages requests the sandbox saw. */
function listQueries() {
	return env.sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/messages').map((r) => r.query);
}

/** What the sandbox user may read: everything but the other company's account. */
const visible = (m) => m.info.accountId !== 'acc-globex';
/** What the user may read, from after the moment `iso`. */
const visibleAfter = (iso) => (m) => visible(m) && Date.parse(m.info.date) > Date.parse(iso);

describe('EvoVoice: Get Many', () => {
	test('Return All follows the pages until EvoVoice has no more', async () => {
		const result = await run(ALL);
		expect(result.status).toBe('success');
		const expected = storedMessages(visible);
		expect(expected).toHaveLength(250);
		const output = result.output('Get Messages');
		expect(output.map((i) => i.json)).toEqual(expected);
		output.forEach((item) => expect(item.pairedItem).toEqual({ item: 0 }));
		expect(listQueries()).toEqual([
			{ page: '0', countPerPage: '100' },
			{ page: '1', countPerPage: '100' },
			{ page: '2', countPerPage: '100' },
		]);
		expectNoSecrets(result, secretsOf(env.sandbox, 'evovoice'));
	});

	test('a Limit that ends in the middle of a page stops there, without asking for more', async () => {
		const result = await run(LIMIT, [{ limit: 130 }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Messages').map((i) => i.json)).toEqual(storedMessages(visible).slice(0, 130));
		expect(listQueries()).toEqual([
			{ page: '0', countPerPage: '100' },
			{ page: '1', countPerPage: '100' },
		]);
	});

	test('a Limit under one page asks for just that many', async () => {
		const result = await run(LIMIT, [{ limit: 7 }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Messages').map((i) => i.json.id)).toEqual(storedMessages(visible).slice(0, 7).map((m) => m.id));
		expect(listQueries()).toEqual([{ page: '0', countPerPage: '7' }]);
	});

	test('the default Limit is 50', async () => {
		const workflow = loadWorkflow(LIMIT);
		delete workflow.nodes.find((n) => n.name === 'Get Messages').parameters.limit;
		const result = await run(workflow);
		expect(result.output('Get Messages')).toHaveLength(50);
		expect(listQueries()).toEqual([{ page: '0', countPerPage: '50' }]);
	});

	test('a Limit larger than what matches returns what there is and stops at the last page', async () => {
		const result = await run(LIMIT, [{ limit: 1000, conversationIds: 'conv-b' }]);
		expect(result.output('Get Messages')).toHaveLength(50);
		expect(listQueries()).toEqual([{ conversationIds: 'conv-b', page: '0', countPerPage: '100' }]);
	});

	test.each([
		['account', { accountIds: 'acc-acme-labs' }, (m) => m.info.accountId === 'acc-acme-labs', { accountIds: 'acc-acme-labs' }],
		[
			'both accounts of the user',
			{ accountIds: 'acc-acme,acc-acme-labs' },
			visible,
			{ accountIds: 'acc-acme,acc-acme-labs' },
		],
		['customer', { customerIds: 'cus-south' }, (m) => m.info.customerId === 'cus-south', { customerIds: 'cus-south' }],
		['endpoint', { endpointIds: 'ep-main' }, (m) => m.info.endpointId === 'ep-main', { endpointIds: 'ep-main' }],
		['conversation', { conversationIds: 'conv-d' }, (m) => m.conversationId === 'conv-d', { conversationIds: 'conv-d' }],
		[
			'several conversations, comma-separated with spaces',
			{ conversationIds: ' conv-a , conv-c,,' },
			(m) => ['conv-a', 'conv-c'].includes(m.conversationId),
			{ conversationIds: 'conv-a,conv-c' },
		],
		[
			'several endpoints, as a list from an expression',
			{ endpointIds: ['ep-main', 'ep-sales'] },
			(m) => ['ep-main', 'ep-sales'].includes(m.info.endpointId),
			{ endpointIds: 'ep-main,ep-sales' },
		],
		[
			'endpoint and customer together',
			{ endpointIds: 'ep-main', customerIds: 'cus-north' },
			(m) => m.info.endpointId === 'ep-main' && m.info.customerId === 'cus-north',
			{ endpointIds: 'ep-main', customerIds: 'cus-north' },
		],
		[
			'after a date and time with its zone',
			{ afterDate: '2024-03-07T12:00:00Z' },
			visibleAfter('2024-03-07T12:00:00Z'),
			{ afterDate: '2024-03-07T12:00:00.000Z' },
		],
		[
			"after a date and time without a zone, read in the workflow's time zone (Europe/Berlin)",
			{ afterDate: '2024-03-07T13:00:00' },
			visibleAfter('2024-03-07T12:00:00Z'),
			{ afterDate: '2024-03-07T12:00:00.000Z' },
		],
		[
			'after a moment given in epoch milliseconds (Date.now(), $now.toMillis())',
			{ afterDate: 1709812800000 },
			visibleAfter('2024-03-07T12:00:00Z'),
			{ afterDate: '2024-03-07T12:00:00.000Z' },
		],
		[
			'after a date, from its midnight in the workflow’s time zone',
			{ afterDate: '2024-03-08' },
			visibleAfter('2024-03-07T23:00:00Z'),
			{ afterDate: '2024-03-07T23:00:00.000Z' },
		],
	])('filters by %s', async (_name, filters, keep, sentFilters) => {
		const result = await run(ALL, [filters]);
		expect(result.status).toBe('success');
		const expected = storedMessages(keep);
		expect(expected.length).toBeGreaterThan(0);
		// Each filter (but the one naming all of the user's accounts) narrows the list.
		if (keep !== visible) expect(expected.length).toBeLessThan(250);
		expect(result.output('Get Messages').map((i) => i.json)).toEqual(expected);
		const queries = listQueries();
		expect(queries.length).toBe(Math.max(1, Math.ceil(expected.length / 100)));
		queries.forEach((q, page) => expect(q).toEqual({ ...sentFilters, page: String(page), countPerPage: '100' }));
	});

	test('After Date from $now-style expressions: a Luxon date is sent in UTC', async () => {
		const workflow = loadWorkflow(ALL, {
			'Get Messages': { parameters: { filters: { afterDate: "={{ DateTime.fromISO('2024-03-06T09:30:00', { zone: 'America/New_York' }) }}" } } },
		});
		const result = await run(workflow);
		expect(result.status).toBe('success');
		expect(listQueries()[0].afterDate).toBe('2024-03-06T14:30:00.000Z');
		expect(result.output('Get Messages').map((i) => i.json)).toEqual(
			storedMessages(visibleAfter('2024-03-06T14:30:00Z')),
		);
	});

	test('each input item runs its own query; its messages are paired with it', async () => {
		const result = await run(ALL, [{ conversationIds: 'conv-a' }, { conversationIds: 'nothing-here' }, { conversationIds: 'conv-c' }]);
		expect(result.status).toBe('success');
		const output = result.output('Get Messages');
		const a = storedMessages((m) => m.conversationId === 'conv-a');
		const c = storedMessages((m) => m.conversationId === 'conv-c');
		expect(output.map((i) => i.json)).toEqual([...a, ...c]);
		expect(output.map((i) => i.pairedItem.item)).toEqual([...a.map(() => 0), ...c.map(() => 2)]);
	});

	test('no matching messages: no output items, one request', async () => {
		const result = await run(ALL, [{ afterDate: '2030-01-01T00:00:00Z' }]);
		expect(result.status).toBe('success');
		expect(result.output('Get Messages')).toEqual([]);
		expect(listQueries()).toHaveLength(1);
	});
});

describe('EvoVoice: Send, then Get Many', () => {
	test('what was sent is listed by Get Many, paired with the item that sent it', async () => {
		const since = new Date(Date.now() - 1000).toISOString();
		const result = await run(ROUND_TRIP, [
			{ since, endpointId: 'ep-main', toAddress: '+1 (555) 123-0001', text: 'Your table is ready.' },
			{ since, endpointId: 'ep-sales', toAddress: '+1 (555) 123-0002', text: 'Your quote is attached.' },
		]);
		expect(result.status).toBe('success');
		const sent = result.output('Send Message');
		expect(sent.map((i) => i.json.text)).toEqual(['Your table is ready.', 'Your quote is attached.']);
		const listed = result.output('Get Messages');
		expect(listed).toEqual([
			{ json: sent[0].json, pairedItem: { item: 0 } },
			{ json: sent[1].json, pairedItem: { item: 1 } },
		]);
		expect(env.sandbox.received('evovoice').map((m) => m.id)).toEqual(sent.map((i) => i.json.id));
		expect(listQueries().map((q) => q.endpointIds).sort()).toEqual(['ep-main', 'ep-sales']);
		expectNoSecrets(result, secretsOf(env.sandbox, 'evovoice'));
	});
});
