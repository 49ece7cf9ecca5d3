// Shared set-up for the SuperOffice tests: which sandbox tenant each
// Authentication choice signs in to, workflows switched to a given one, and
// SuperOffice as the shared tables in test/shared/ see it (the fields are
// explained in test/shared/vendors.js).
'use strict';

const { loadWorkflow } = require('../helpers');
const superoffice = require('../sandbox/vendors/superoffice');

/**
 * Per Authentication choice: the tenant its sandbox credential points at, an
 * open chat session there with its seeded message IDs, and who signs in.
 */
const AUTHS = {
	basic: { tenant: 'SuperOffice', session: 7, seeded: [1, 2], nextId: 4, associate: 'KARI', scheme: 'Basic' },
	soTicket: { tenant: 'Cust12345', session: 101, seeded: [1001, 1002, 1003], nextId: 1007, associate: 'ANNA', scheme: 'SOTicket' },
	bearer: { tenant: 'Cust12345', session: 101, seeded: [1001, 1002, 1003], nextId: 1007, associate: 'OLA', scheme: 'Bearer' },
	superId: { tenant: 'Cust12345', session: 101, seeded: [1001, 1002, 1003], nextId: 1007, associate: 'OLA', scheme: 'Bearer' },
};

/** The workflow files of test/workflows/superoffice/ the tests share. */
const ADD = 'add-chat-message.workflow.json';
const GET_MANY = 'get-chat-messages.workflow.json';
const GET_SESSION = 'get-chat-session.workflow.json';

/** Where the requests for Online chat session 101 go. */
const SESSION_PATH = '/Cust12345/api/v1/ChatSession/101';
const MESSAGES_PATH = `${SESSION_PATH}/Messages`;

/** Loads a SuperOffice workflow with every SuperOffice node set to `authentication`, plus overrides. */
function workflowFor(file, authentication, overrides = {}) {
	const workflow = loadWorkflow(`superoffice/${file}`, overrides);
	for (const node of workflow.nodes) {
		if (!node.type.endsWith('.superOffice')) continue;
		node.parameters.authentication = authentication;
		// The workflow files predate OAuth2; its credential is added here rather than in each file.
		node.credentials = { ...node.credentials, superOfficeOAuth2Api: { id: 'superoffice-oauth2', name: 'SuperOffice Online OAuth2 (sandbox)' } };
	}
	return workflow;
}

const descriptor = {
	sandbox: 'superoffice',
	name: 'SuperOffice',
	// The shared tables use the first; the items below are for Online session 101, where it signs in.
	signIns: [
		{ authentication: 'soTicket', credentialType: 'superOfficeSoTicketApi' },
		{ authentication: 'basic', credentialType: 'superOfficeBasicApi' },
		{ authentication: 'bearer', credentialType: 'superOfficeBearerApi' },
		{ authentication: 'superId', credentialType: 'superOfficeOAuth2Api' },
	],
	workflow: (file, overrides, authentication = 'soTicket') => workflowFor(file, authentication, overrides),
	send: { file: ADD, node: 'Add Chat Message', path: MESSAGES_PATH, item: { chatSessionId: 101, message: 'hello' } },
	reads: [
		{
			file: GET_MANY,
			node: 'Get Chat Messages',
			path: MESSAGES_PATH,
			item: { chatSessionId: 101 },
			idOf: (json) => json.ChatMessageId,
			ids: () => [1001, 1002, 1003],
		},
		{
			file: GET_SESSION,
			node: 'Get Chat Session',
			path: SESSION_PATH,
			item: { chatSessionId: 101 },
			idOf: (json) => json.ChatSessionId,
			ids: () => [101],
		},
		{
			file: 'get-chat-sessions.workflow.json',
			node: 'Get Chat Sessions',
			path: '/Cust12345/api/v1/ChatSession/ForCurrentUser',
			item: {},
			idOf: (json) => json.ChatSessionId,
			ids: () => [101, 102, 103],
		},
		{
			file: 'get-chat-topics.workflow.json',
			node: 'Get Chat Topics',
			path: '/Cust12345/api/v1/ChatTopic/ForCurrentUser',
			item: {},
			idOf: (json) => json.ChatTopicId,
			ids: () => [1, 2],
		},
		{
			file: 'chat-topic-is-open.workflow.json',
			node: 'Chat Topic Is Open',
			path: '/Cust12345/api/v1/ChatTopic/1/IsOpen',
			item: { chatTopicId: 1 },
			idOf: (json) => json.isOpen,
			ids: () => [true],
		},
	],
	errorText: { 429: 'Too many requests', 500: 'Internal server error' },
	batch: {
		items: [
			{ chatSessionId: 101, message: 'good 0' },
			{ chatSessionId: 'abc', message: 'bad id' }, // caught before sending
			{ chatSessionId: 999, message: 'no such session' }, // SuperOffice answers 404
			{ chatSessionId: 102, message: 'good 3', type: 'ToUser' },
			{ chatSessionId: 101, message: '   ' }, // caught before sending
			{ chatSessionId: 103, message: 'good 5', whenPosted: 'yesterday-ish' }, // caught before sending
			{ chatSessionId: 101, message: 'good 6' },
		],
		errors: [
			undefined,
			'Chat Session ID must be a positive whole number, not "abc". [item 1]',
			'SuperOffice rejected the request (HTTP 404): ChatSession with id 999 not found. [item 2]',
			undefined,
			'Message is empty: give the text to add to the chat session. [item 4]',
			'When Posted must be a date and time such as 2024-05-01T10:00:00Z, not "yesterday-ish". [item 5]',
			undefined,
		],
		textOf: (json) => json.message,
		sentText: (entry) => entry.body.Message,
		failsThird: {
			items: [
				{ chatSessionId: 101, message: 'a' },
				{ chatSessionId: 102, message: 'b' },
				{ chatSessionId: 999, message: 'c' },
			],
			error: 'SuperOffice rejected the request (HTTP 404): ChatSession with id 999 not found. [item 2]',
		},
	},
};

module.exports = { AUTHS, ADD, GET_MANY, GET_SESSION, SESSION_PATH, MESSAGES_PATH, workflowFor, descriptor, superoffice };
