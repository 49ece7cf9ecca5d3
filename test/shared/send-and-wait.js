// What the Send and Wait tests share: the waiting host (test/harness/waiting.js),
// each vendor's Send and Wait workflow, and a customer who opens and answers
// the links of the question the sandbox received.
'use strict';

const { startWaitingHost } = require('../harness/waiting');
const { credentialsOf, loadWorkflow } = require('../helpers');

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
