// Answers typed in the chat (nodes/shared/sendAndWait/chat.ts): the workflows
// of examples/send-and-wait/in-chat/, started by the vendor's trigger, ask with
// Send and Wait for Response
// (Accept Answers in the Chat on), and the customer's next message in that
// conversation — and only that conversation — resumes the waiting execution
// instead of starting a new one. The trigger host runs the triggers as n8n
// does, the waiting host keeps and resumes executions as n8n does
// (test/harness/triggers.js, waiting.js); the sandbox plays each vendor.
'use strict';

const { useSandbox, credentialsOf, secretsOf } = require('../helpers');
const { inAnotherProcess } = require('./another-process');
const { useTriggerHost } = require('./support');
const { CHAT_VENDORS, useWaitingHost, linksOf, tapAnswer, loadSendAndWaitExample } = require('../shared/send-and-wait');

const env = useSandbox();
const triggers = useTriggerHost();
const waiting = useWaitingHost();

beforeAll(() => {
	triggers.host.waiting = waiting.host;
});

const QUESTION = 'Your appointment is booked for Tuesday at 10:00. Can you come?';
const ASK = 'Ask to Confirm';
const REPLIES = {
	yes: 'Thank you, see you on Tuesday at 10:00.',
	no: 'No problem: we will call you to find another time.',
	none: 'We did not hear from you, so we will call you to agree on a time.',
	text: (text) => `Thank you for your answer: ${text}`,
};

/** An example of examples/send-and-wait/in-chat/ with `parameters` merged into its Send and Wait node. */
function exampleWith(file, parameters = {}) {
	const workflow = loadSendAndWaitExample(`in-chat/${file}`);
	const ask = workflow.nodes.find((node) => node.name === ASK);
	ask.parameters = { ...ask.parameters, ...parameters };
	return workflow;
}

/** Each vendor's example and customers (test/shared/send-and-wait.js), as the harness runs them. */
const VENDORS = CHAT_VENDORS.map((chat) => ({
	...chat,
	async setUp(active) {
		chat.connect(env.sandbox, active.webhookUrl(chat.trigger));
	},
	async writes(active, conversation, text, options) {
		await chat.write(env.sandbox, conversation, text, options);
		if (chat.polls) await active.poll();
	},
	sent: () => chat.sent(env.sandbox),
	registered: () => chat.registered(env.sandbox),
}));

describe.each(VENDORS)('$name: the answer comes back in the chat', (spec) => {
	let active;
	const executions = () => [...waiting.host.executions.values()];
	const waitingNotes = () => active.saved.global?.sendAndWaitChats ?? {};

	async function activate(parameters = {}) {
		active = await triggers.host.activate(exampleWith(spec.file, parameters), { credentials: credentialsOf(env.sandbox) });
		await spec.setUp(active);
		return active;
	}

	/** A customer writes; resolves once every execution it started or resumed has settled. */
	async function writes(conversation, text, options) {
		await spec.writes(active, conversation, text, options);
		await active.settled();
		await Promise.all(executions().map((execution) => execution.settled()));
	}

	afterEach(async () => {
		await active?.deactivate();
		active = undefined;
	});

	test('the customer’s next message in that conversation answers, and only that conversation’s', async () => {
		await activate();
		const registeredBefore = spec.registered();
		const [mine, other] = spec.conversations;

		await writes(mine, 'Hi, I booked a visit');
		expect(executions().map((e) => e.status)).toEqual(['waiting']);
		const [asked] = executions();
		expect(spec.sent().map((m) => m.text)).toEqual([expect.stringContaining(QUESTION)]);

		// Another conversation's "Yes" answers nothing here: it starts the workflow for its own conversation.
		await writes(other, 'Yes');
		expect(executions()).toHaveLength(2);
		expect(asked.status).toBe('waiting');
		expect(executions()[1].status).toBe('waiting');

		await writes(mine, 'yes');
		expect(executions()).toHaveLength(2);
		expect(asked.status).toBe('success');
		expect(asked.result.output(ASK)).toEqual([
			{ json: { data: { approved: true, chat: { text: 'yes', messageId: expect.anything() }, respondedAt: expect.any(String) } }, pairedItem: { item: 0 } },
		]);
		expect(spec.sent().map((m) => m.text).slice(-1)).toEqual([REPLIES.yes]);
		// The other conversation still waits, and its note is the only one left.
		expect(executions()[1].status).toBe('waiting');
		expect(Object.keys(waitingNotes())).toHaveLength(1);
		// Nothing was registered at the vendor for the wait.
		expect(spec.registered()).toEqual(registeredBefore);
	});

	test('the answer’s label declines; a message that is no answer starts the workflow as usual and the question waits on', async () => {
		await activate();
		const [mine] = spec.conversations;
		await writes(mine, 'Hi');
		const [asked] = executions();
		await writes(mine, 'What about Wednesday?');
		// Not an answer: it started the workflow (which asked again in the same conversation).
		expect(executions()).toHaveLength(2);
		expect(asked.status).toBe('waiting');
		const latest = executions()[1];
		await writes(mine, '✗ No');
		expect(latest.status).toBe('success');
		expect(latest.result.output(ASK)[0].json.data.approved).toBe(false);
		// The newer question took the conversation over: the older one still waits for its link.
		expect(asked.status).toBe('waiting');
		expect(waitingNotes()).toEqual({});
	});

	test('Free Text: any text answers it', async () => {
		await activate({ responseType: 'freeText' });
		const [mine] = spec.conversations;
		await writes(mine, 'Hi');
		const [asked] = executions();
		await writes(mine, 'Tuesday works, but 11:00 would be better');
		expect(executions()).toHaveLength(1);
		expect(asked.result.output(ASK)[0].json.data).toEqual({
			text: 'Tuesday works, but 11:00 would be better',
			chat: { text: 'Tuesday works, but 11:00 would be better', messageId: expect.anything() },
			respondedAt: expect.any(String),
		});
		expect(spec.sent().map((m) => m.text).slice(-1)).toEqual([REPLIES.text('Tuesday works, but 11:00 would be better')]);
	});

	test('after the time limit the chat answers nothing: the message starts the workflow as usual', async () => {
		await activate({ options: { appendAttribution: false, limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 10, resumeUnit: 'minutes' } } } });
		const [mine] = spec.conversations;
		await writes(mine, 'Hi');
		const [asked] = executions();
		await waiting.host.resumeDue(asked.waitTill);
		expect(asked.status).toBe('success');
		expect(asked.result.output(ASK)[0].json).not.toHaveProperty('data');
		expect(spec.sent().map((m) => m.text).slice(-1)).toEqual([REPLIES.none]);
		// The note ends with the time limit, so the late "yes" is a new message.
		await writes(mine, 'yes');
		expect(executions()).toHaveLength(2);
		expect(asked.runs).toHaveLength(2);
	});

	test('answered through the link, or the execution deleted: a later message starts the workflow as usual and the note goes', async () => {
		await activate();
		const [mine, other] = spec.conversations;
		await writes(mine, 'Hi');
		await writes(other, 'Hi');
		const [answered, deleted] = executions();
		const links = linksOf(spec.sent()[0].text);
		await tapAnswer(links['✓ Yes']);
		await answered.settled();
		expect(answered.status).toBe('success');
		waiting.host.delete(deleted);

		await writes(mine, 'yes');
		await writes(other, 'yes');
		// Each message started a new execution (which asked again), and the old notes are gone.
		expect(executions()).toHaveLength(3);
		expect(answered.runs).toHaveLength(2);
		expect(Object.keys(waitingNotes())).toHaveLength(2);
	});

	test('in another n8n process (a queue-mode webhook processor, or after a restart), the note in the workflow’s static data hands the answer on', async () => {
		await activate();
		const [mine] = spec.conversations;
		await writes(mine, 'Hi');
		const [asked] = executions();
		active = await inAnotherProcess(active);
		await spec.setUp(active);
		await writes(mine, 'yes');
		expect(executions()).toHaveLength(1);
		expect(asked.status).toBe('success');
		expect(asked.result.output(ASK)[0].json.data.approved).toBe(true);
		expect(waitingNotes()).toEqual({});
	});

	test('the chat address is signed for its conversation: unsigned it gets 401, with another conversation 400, and the question waits on', async () => {
		await activate();
		const [mine] = spec.conversations;
		await writes(mine, 'Hi');
		const [asked] = executions();
		const [note] = Object.values(waitingNotes());
		const post = async (url, conversation) =>
			await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ conversation, text: 'yes' }) });
		const conversationOf = new URL(note.url).searchParams.get('conversation');
		const unsigned = new URL(note.url);
		unsigned.searchParams.delete('signature');
		expect((await post(unsigned, conversationOf)).status).toBe(401);
		const elsewhere = `${conversationOf}0`;
		const moved = new URL(note.url);
		moved.searchParams.set('conversation', elsewhere);
		expect((await post(moved, elsewhere)).status).toBe(401);
		expect((await post(note.url, elsewhere)).status).toBe(400);
		expect(asked.status).toBe('waiting');
		// No secret of the credentials is in the note or the executions.
		const text = JSON.stringify([active.saved, executions().map((e) => e.runs.map((r) => r.run))]);
		for (const secret of secretsOf(env.sandbox)) expect(text).not.toContain(secret);
	});
});

test('edna: as the chatbot, an approval’s answers are also quick-reply buttons, and a tap answers', async () => {
	const spec = VENDORS[0];
	const active = await triggers.host.activate(exampleWith(spec.file), { credentials: credentialsOf(env.sandbox) });
	await spec.setUp(active);
	await spec.writes(active, 1001, 'Hi');
	await active.settled();
	expect(spec.sent()[0].quickReplies).toEqual([
		{ type: 'TEXT', text: '✗ No' },
		{ type: 'TEXT', text: '✓ Yes' },
	]);
	const [asked] = waiting.host.executions.values();
	await spec.writes(active, 1001, '✓ Yes');
	await asked.settled();
	expect(asked.result.output(ASK)[0].json.data.approved).toBe(true);
	await active.deactivate();
});

test('SuperOffice: with chat buttons the question is an Options message, and a Clicked Option answers', async () => {
	const spec = VENDORS[1];
	const active = await triggers.host.activate(exampleWith(spec.file, { chatButtons: true }), { credentials: credentialsOf(env.sandbox) });
	await spec.writes(active, 101, 'Hi');
	await active.settled();
	expect(spec.sent()[0]).toEqual(expect.objectContaining({ specialType: 'Options', specialParam: JSON.stringify(['✗ No', '✓ Yes']) }));
	const [asked] = waiting.host.executions.values();
	await spec.writes(active, 101, '✗ No', { specialType: 'ClickedOption' });
	await active.settled();
	await asked.settled();
	expect(asked.result.output(ASK)[0].json.data.approved).toBe(false);
	expect(waiting.host.executions.size).toBe(1);
	await active.deactivate();
});
