// The conversations part of `npm run demo`: for each vendor, the sandbox
// plays a customer who writes, the trigger starts the workflow in
// examples/conversations/, the workflow replies,
// and the sandbox shows the reply it received. Triggers run as n8n runs them
// (test/harness/triggers.js).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startTriggerHost } = require('../test/harness');
const ednaBot = require('../test/sandbox/vendors/edna-bot');
const superOfficeWebhooks = require('../test/sandbox/vendors/superoffice-webhooks');
const evoVoiceIncoming = require('../test/sandbox/vendors/evovoice-incoming');

const EXAMPLES = path.join(__dirname, '..', 'examples');
const load = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));

const CONVERSATIONS = [
	{
		vendor: 'edna Chat Center',
		file: 'conversations/edna-chatbot-answers.workflow.json',
		received: ['edna', 'chatbotAnswer'],
		async customer(sandbox, active) {
			const node = active.json.nodes.find((n) => n.type.endsWith('ednaChatCenterTrigger'));
			ednaBot.setChatbotWebhook(sandbox, `${active.webhookUrl(node.name)}?secret=${encodeURIComponent(node.parameters.secret)}`);
			const { event, status } = await ednaBot.customerWrites(sandbox, { text: 'Hi, can I change my delivery date?' });
			return `client ${event.threadsClientId} wrote "${event.text}" (edna got ${status})`;
		},
	},
	{
		vendor: 'SuperOffice',
		file: 'conversations/superoffice-answer-chat.workflow.json',
		received: ['superoffice', 'addChatMessage'],
		async customer(sandbox) {
			const { message, deliveries } = await superOfficeWebhooks.customerWrites(sandbox, { sessionId: 102, text: 'Is the shop open on Sunday?' });
			return `${message.Author} wrote "${message.Message}" in chat session 102 (signed delivery answered ${deliveries.flat().join(', ')})`;
		},
	},
	{
		vendor: 'EvoVoice',
		file: 'conversations/evovoice-answer-incoming.workflow.json',
		received: ['evovoice', 'sendToEndpoint'],
		async customer(sandbox, active) {
			const message = evoVoiceIncoming.customerWrites(sandbox, { conversationId: 'conv-c', text: 'Do you ship to Norway?' });
			await active.poll();
			return `${message.otherAddress} texted "${message.text}" to ${message.endpointDisplayName} (found by the next poll)`;
		},
	},
];

/** Runs every conversation against `sandbox`; returns the number that failed. */
async function runConversations(sandbox, credentials) {
	const host = await startTriggerHost();
	let failures = 0;
	console.log('Conversations: a customer writes, a trigger starts the workflow, the workflow replies\n');
	for (const conversation of CONVERSATIONS) {
		const before = sandbox.ledger.length;
		let line;
		let ok = false;
		try {
			const active = await host.activate(load(conversation.file), { credentials });
			line = await conversation.customer(sandbox, active);
			await active.settled();
			const replies = sandbox.ledger.slice(before).filter((e) => e.vendor === conversation.received[0] && e.operation === conversation.received[1]);
			ok = active.executions.length === 1 && active.executions[0].status === 'success' && replies.length === 1;
			console.log(`${ok ? '✔' : '✘'} ${conversation.vendor}  (${conversation.file})`);
			console.log(`    customer: ${line}`);
			console.log(`    executions started: ${active.executions.length}`);
			for (const reply of replies) console.log(`    ${reply.vendor} received the reply (${reply.operation}): ${JSON.stringify(reply.body)}`);
			await active.deactivate();
		} catch (error) {
			console.log(`✘ ${conversation.vendor}  (${conversation.file})\n    error: ${error.message}`);
		}
		if (!ok) failures++;
		console.log('');
	}
	await host.close();
	return failures;
}

module.exports = { runConversations, CONVERSATIONS };
