// Shared set-up for the EvoVoice tests, and EvoVoice as the shared tables in
// test/shared/ see it (the fields are explained in test/shared/vendors.js).
'use strict';

const { loadWorkflow } = require('../helpers');

/** The messages the sandbox holds that `keep` selects, oldest first, as the API shows them. */
function storedMessages(sandbox, keep) {
	return sandbox.state.evovoice.messages
		.filter(keep)
		.map((m) => m.info)
		.sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.id.localeCompare(b.id));
}

const hello = (text) => ({ toAddress: '+15556667777', text });

const descriptor = {
	sandbox: 'evovoice',
	name: 'EvoVoice',
	signIns: [{ credentialType: 'evoVoiceBasicApi' }],
	workflow: (file, overrides) => loadWorkflow(`evovoice/${file}`, overrides),
	send: { file: 'send-to-endpoint.workflow.json', node: 'Send Message', path: '/messages', item: hello('hello') },
	reads: [
		{
			file: 'get-many-all.workflow.json',
			node: 'Get Messages',
			path: '/messages',
			item: { conversationIds: 'conv-a' },
			idOf: (json) => json.id,
			ids: (sandbox) => storedMessages(sandbox, (m) => m.conversationId === 'conv-a').map((m) => m.id),
		},
		{
			file: 'get-conversations.workflow.json',
			node: 'Get Conversations',
			path: '/conversations',
			item: { endpointIds: 'ep-sales' },
			idOf: (json) => json.id,
			ids: () => ['conv-c', 'conv-d'],
		},
		{
			file: 'get-sessions.workflow.json',
			node: 'Get Sessions',
			path: '/sessions',
			item: { returnAll: true },
			idOf: (json) => json.id,
			ids: () => ['ses-1002', 'ses-1001', 'ses-0999'],
		},
		{
			file: 'get-endpoints.workflow.json',
			node: 'Get Endpoints',
			path: '/endpoints',
			item: { name: 'line' },
			idOf: (json) => json.id,
			ids: () => ['ep-main', 'ep-sales', 'ep-labs'],
		},
	],
	errorText: { 429: 'Too many requests, slow down', 500: 'An unexpected error occurred' },
	batch: {
		items: [
			{ toAddress: '+1 555 666 0000', text: 'good 0' },
			{ toAddress: '555 666 0001', text: 'no country code' }, // caught before sending
			{ endpointId: 'ep-nope', toAddress: '+15556660002', text: 'unknown endpoint' }, // EvoVoice answers 404
			{ toAddress: '+44 20 7946 0003', text: 'good 3' },
			{ toAddress: '+15556660004', text: '   ' }, // caught before sending
			{ toAddress: '+1 555 666 000', text: 'EvoVoice rejects the number' }, // 400 with a field error
			{ toAddress: '0015556660006', text: 'good 6' },
		],
		errors: [
			undefined,
			'To Address "555 666 0001" has no country code: start it with + and the country code (E.164), such as +15556667777. [item 1]',
			'EvoVoice rejected the request (HTTP 404): Endpoint ep-nope was not found. [item 2]',
			undefined,
			'Message is empty: give the text to send. [item 4]',
			'EvoVoice rejected the request (HTTP 400): To Address +1555666000 is not a valid North American number. [item 5]',
			undefined,
		],
		textOf: (json) => json.text,
		sentText: (entry) => entry.body.body,
		failsThird: {
			items: [hello('a'), hello('b'), { endpointId: 'ep-globex', toAddress: '+15556667777', text: 'c' }, hello('d')],
			error: 'EvoVoice rejected the request (HTTP 403): You do not have access to this endpoint. [item 2]',
		},
	},
};

module.exports = { descriptor, storedMessages };
