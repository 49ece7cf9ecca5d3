// edna Chat Center as the shared tables in test/shared/ see it (the fields are
// explained in test/shared/vendors.js).
'use strict';

const { loadWorkflow } = require('../helpers');

/** The credential type behind each Authentication choice of the edna node. */
const CREDENTIALS = { token: 'ednaChatCenterBearerApi', login: 'ednaChatCenterLoginApi' };

/** Loads test/workflows/edna/<file> with every edna node signing in by `authentication` (default: as saved). */
function workflowFor(file, overrides, authentication) {
	const workflow = loadWorkflow(`edna/${file}`, overrides);
	if (authentication === undefined) return workflow;
	for (const node of workflow.nodes) {
		if (!node.type.endsWith('.ednaChatCenter')) continue;
		node.parameters.authentication = authentication;
		node.credentials = { [CREDENTIALS[authentication]]: { id: `edna-${authentication}`, name: `edna ${authentication}` } };
	}
	return workflow;
}

const descriptor = {
	sandbox: 'edna',
	name: 'edna Chat Center',
	signIns: [{ credentialType: CREDENTIALS.token }, { authentication: 'login', credentialType: CREDENTIALS.login }],
	workflow: workflowFor,
	send: {
		file: 'send-to-client.workflow.json',
		node: 'Send to Client',
		path: '/api/v1/messages/outgoing-from-myself',
		item: { clientId: 'crm-42', text: 'hello' },
	},
	// The edna node only sends.
	reads: [
		{
			file: 'get-thread.workflow.json',
			node: 'Get Thread',
			path: '/api/v1/threads/501',
			item: { threadId: 501 },
			idOf: (json) => json.id,
			ids: () => [501],
		},
	],
	errorText: { 429: 'Too Many Requests', 500: 'Internal Server Error' },
	batch: {
		items: [
			{ clientId: 'crm-42', text: 'good 0' },
			{ clientId: 'crm-43', text: 'z'.repeat(2001) }, // too long: caught before sending
			{ clientId: 'nobody', text: 'unknown client' }, // edna answers 404
			{ threadsClientId: 1003, text: 'good 3' },
			{ text: 'no client' }, // caught before sending
			{ clientId: 'crm-42', text: 'good 5' },
		],
		errors: [
			undefined,
			'Text is 2,001 characters long; edna accepts at most 2,000. [item 1]',
			'edna Chat Center rejected the request (HTTP 404): Client not found. [item 2]',
			undefined,
			'External Client ID is empty: give the client edna should message. [item 4]',
			undefined,
		],
		textOf: (json) => json.text,
		sentText: (entry) => entry.body.text,
		failsThird: {
			items: [
				{ clientId: 'crm-42', text: 'a' },
				{ clientId: 'crm-42', text: 'b' },
				{ clientId: 'nobody', text: 'c' },
			],
			error: 'edna Chat Center rejected the request (HTTP 404): Client not found. [item 2]',
		},
	},
};

module.exports = { descriptor, workflowFor, CREDENTIALS };
