'use strict';

const { useSandbox, loadWorkflow, credentialsOf, secretsOf, runWorkflow } = require('../helpers');
const { useTriggerHost } = require('./support');
const { customerWrites } = require('../sandbox/vendors/superoffice-webhooks');

const env = useSandbox();
const triggers = useTriggerHost();

const TRIGGER = 'SuperOffice Chat Polling Trigger';
const workflow = (overrides) => loadWorkflow('superoffice/chat-polling-trigger.workflow.json', overrides);
const credentials = () => credentialsOf(env.sandbox, 'superoffice');
const texts = (run) => run.output(TRIGGER).map((i) => i.json.Message);

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
});
