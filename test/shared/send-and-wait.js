// What the Send and Wait tests share: the waiting host (test/harness/waiting.js),
// each vendor's Send and Wait workflow, and a customer who opens and answers
// the links of the question the sandbox received.
'use strict';

// The harness (n8n-core) is required where it is used: the real-n8n check
// (scripts/e2e/send-and-wait.js) reads the examples and customers from here too.

/**
 * Each vendor's Send and Wait: its workflow file and node, an input item
 * that sends the question, and where the sandbox keeps what it received.
 * `text(entry)` reads the question's text from the sandbox's ledger entry.
 */
const VENDORS = [
	{
		vendor: 'edna',
		name: 'edna Chat Center',
		file: 'edna/send-and-wait.workflow.json',
		node: 'Ask the Client',
		input: { threadId: 501, question: 'Can you come on Tuesday at 10:00?' },
		operation: 'sendToThread',
		text: (entry) => entry.body.text,
	},
	{
		vendor: 'evovoice',
		name: 'EvoVoice',
		file: 'evovoice/send-and-wait.workflow.json',
		node: 'Ask the Customer',
		input: { sessionId: 'ses-1001', question: 'Can you come on Tuesday at 10:00?' },
		operation: 'sendToSession',
		text: (entry) => entry.body.body,
	},
	{
		vendor: 'superoffice',
		name: 'SuperOffice',
		file: 'superoffice/send-and-wait.workflow.json',
		node: 'Ask in the Chat',
		input: { chatSessionId: 101, question: 'Can you come on Tuesday at 10:00?' },
		operation: 'addChatMessage',
		text: (entry) => entry.body.Message,
	},
];

/** Starts a waiting host for the current test file; `handle.host` fills in once it runs. */
function useWaitingHost() {
	const handle = { host: undefined };
	beforeAll(async () => {
		const { startWaitingHost } = require('../harness/waiting');
		handle.host = await startWaitingHost();
	});
	beforeEach(() => handle.host.reset());
	afterAll(async () => {
		await handle.host.close();
	});
	return handle;
}

/** The links of a question text, by label ("✓ Approve" → url). */
function linksOf(text) {
	const links = {};
	for (const [, label, url] of text.matchAll(/^(.+):\n(https?:\/\/\S+)$/gm)) links[label] = url;
	return links;
}

/**
 * Runs the vendor's Send and Wait workflow with `parameters` merged into its
 * node; resolves with the execution, the question the sandbox received and
 * its links.
 */
async function ask(host, sandbox, spec, { parameters = {}, input = spec.input, settings = {}, credentials } = {}) {
	const { credentialsOf, loadWorkflow } = require('../helpers');
	const workflow = loadWorkflow(spec.file, { [spec.node]: { parameters, ...settings } });
	const execution = await host.run(workflow, { credentials: credentials ?? credentialsOf(sandbox, spec.vendor), input: [{ json: input }] });
	const sent = sandbox.received(spec.vendor, spec.operation);
	const text = sent.length ? spec.text(sent[sent.length - 1]) : undefined;
	return { execution, sent, text, links: text ? linksOf(text) : {} };
}

/** What a phone's browser sends for a form: multipart, `fields` as [name, value] pairs. */
async function submitForm(url, fields) {
	const form = new FormData();
	for (const [name, value] of fields) form.append(name, value);
	return await fetch(url, { method: 'POST', body: form });
}

module.exports = { VENDORS, useWaitingHost, linksOf, ask, submitForm };

const path = require('node:path');
const fs = require('node:fs');

/** The Send and Wait examples users import from examples/send-and-wait/, by file name. */
const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples', 'send-and-wait');
const SEND_AND_WAIT_EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.workflow.json')).sort();

function loadSendAndWaitExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** A customer opens `url` and taps the answer that stands out on the page (the one the link was for). */
async function tapAnswer(url) {
	const html = await (await fetch(url)).text();
	const action = /<form class="inline" method="post" action="([^"]+)"><button type="submit" class="primary"/.exec(html);
	if (!action) throw new Error(`No answer button on the page of ${url}`);
	return await fetch(new URL(action[1].replace(/&amp;/g, '&'), url), { method: 'POST' });
}

module.exports.SEND_AND_WAIT_EXAMPLES = SEND_AND_WAIT_EXAMPLES;
module.exports.loadSendAndWaitExample = loadSendAndWaitExample;
module.exports.tapAnswer = tapAnswer;

const ednaBot = require('../sandbox/vendors/edna-bot');
const superOfficeWebhooks = require('../sandbox/vendors/superoffice-webhooks');
const evoVoiceIncoming = require('../sandbox/vendors/evovoice-incoming');

/**
 * The examples of examples/send-and-wait/in-chat/ (a vendor's trigger → Send
 * and Wait, answers in the chat on → an answer), and how the sandbox plays
 * their customers: two conversations, `connect` (what a vendor admin does to
 * point the vendor at the trigger's URL), `write` (a customer writes in a
 * conversation; EvoVoice's message is found by the trigger's next poll), the
 * texts the vendor received from the workflow, what is registered at the vendor.
 */
const CHAT_VENDORS = [
	{
		vendor: 'edna',
		name: 'edna Chat Center',
		file: 'edna-confirm-in-chat.workflow.json',
		trigger: 'edna Chat Center Trigger',
		conversations: [1001, 1002],
		polls: false,
		connect: (sandbox, triggerUrl) => ednaBot.setChatbotWebhook(sandbox, triggerUrl),
		write: async (sandbox, conversation, text) => await ednaBot.customerWrites(sandbox, { threadsClientId: conversation, text }),
		sent: (sandbox) =>
			sandbox.received('edna', 'chatbotAnswer').map((m) => ({ text: m.body.text, to: m.body.threadsClientId, quickReplies: m.body.quickReplies })),
		registered: () => [],
	},
	{
		vendor: 'superoffice',
		name: 'SuperOffice',
		file: 'superoffice-confirm-in-chat.workflow.json',
		trigger: 'SuperOffice Trigger',
		conversations: [101, 102],
		polls: false,
		connect: () => undefined,
		write: async (sandbox, conversation, text, options = {}) => await superOfficeWebhooks.customerWrites(sandbox, { sessionId: conversation, text, ...options }),
		sent: (sandbox) =>
			sandbox
				.received('superoffice', 'addChatMessage')
				.map((m) => ({ text: m.body.Message, to: m.chatSessionId, specialType: m.body.SpecialType, specialParam: m.body.SpecialParam })),
		registered: (sandbox) => superOfficeWebhooks.registered(sandbox),
	},
	{
		vendor: 'evovoice',
		name: 'EvoVoice',
		file: 'evovoice-confirm-in-chat.workflow.json',
		trigger: 'EvoVoice Trigger',
		conversations: ['conv-a', 'conv-c'],
		polls: true,
		connect: () => undefined,
		write: async (sandbox, conversation, text) => evoVoiceIncoming.customerWrites(sandbox, { conversationId: conversation, text }),
		sent: (sandbox) => sandbox.received('evovoice', 'sendToEndpoint').map((m) => ({ text: m.body.body, to: m.body.toAddress })),
		registered: () => [],
	},
];

module.exports.CHAT_VENDORS = CHAT_VENDORS;
