// The workflows the real-n8n benchmark imports: N items made without any
// per-item work (a Set node holding a literal list, split into items), then
// one node that sends each item's text to the sandbox's edna — our edna Chat
// Center node, the floor node (bench/floor-node), or n8n's HTTP Request node
// with the same credential type.
// Both read the text with the same expression and continue on error, so a
// refused item is counted as failed instead of stopping the run.
// For the trigger path (bench/triggers.js): what a user builds without our
// nodes to answer edna's chatbot events — n8n's Webhook node, then the HTTP
// Request node posting the answer with the same credential.
'use strict';

const crypto = require('node:crypto');

const { PACKAGE } = require('../scripts/e2e/config');

const CREDENTIAL_TYPE = 'ednaChatCenterBearerApi';
const CREDENTIAL = { id: 'cbench0000000001', name: 'edna (benchmark sandbox)' };
const SEND_PATH = '/api/v1/messages/outgoing-from-myself';
/** edna's POST for a chatbot's answer to a client's question (Bot Connect). */
const CHATBOT_PATH = '/api/v1/chatbot';
/** The hand-built chatbot workflow's Webhook path: its production URL is <n8n>/webhook/<this>. */
const HAND_BUILT_PATH = 'edna-chatbot-hand-built';
const SENDER = 'Send';
/** The benchmark-only package with the floor node, installed beside ours. */
const FLOOR_PACKAGE = 'n8n-nodes-bench-floor';
/** The edna node's newest version: what a workflow made today uses. */
const OUR_VERSION = 2;

/** The text of item i: distinct per item and run, so the ledger shows duplicates. */
const textOf = (i) => `bench ${i}`;

function id(text) {
	return `w${crypto.createHash('sha256').update(text).digest('hex').slice(0, 15)}`;
}

function itemNodes(count) {
	return [
		{ id: 'b0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'b0000000-0000-4000-8000-000000000002',
			name: 'Items',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ list: Array.from({ length: count }, (_, i) => ({ text: textOf(i) })) }) },
		},
		{
			id: 'b0000000-0000-4000-8000-000000000003',
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'list', include: 'noOtherFields' },
		},
	];
}

/** Our node (its newest version unless given), Send to Client, with Options as given (empty: that version's defaults). */
function ourNode(options, typeVersion = OUR_VERSION) {
	return {
		type: `${PACKAGE.name}.ednaChatCenter`,
		typeVersion,
		parameters: {
			resource: 'message',
			operation: 'sendToClient',
			clientIdType: 'clientId',
			clientId: 'crm-42',
			login: 'agent.anna',
			channelType: 'WHATSAPP',
			status: 'READY',
			text: '={{ $json.text }}',
			additionalFields: {},
			options,
		},
	};
}

/** The floor node (bench/floor-node): our node's fields, one request per item through n8n's request helper, nothing else. */
function floorNode(parallelRequests) {
	const { clientId, login, channelType, status, text } = ourNode({}).parameters;
	return {
		type: `${FLOOR_PACKAGE}.floorSender`,
		typeVersion: 1,
		parameters: { clientId, login, channelType, status, text, parallelRequests },
	};
}

/** n8n's HTTP Request node (v4.2) POSTing `jsonBody` to `url` with the edna credential as a predefined credential type. */
function httpPost(url, jsonBody, options = {}) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL_TYPE,
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options,
		},
	};
}

/**
 * n8n's HTTP Request node sending each item's text as our node does;
 * `batching` = { batchSize, batchInterval } or undefined for its defaults
 * (every item's request started at once).
 */
function httpNode(baseUrl, batching) {
	return httpPost(
		`${baseUrl}${SEND_PATH}`,
		"={{ JSON.stringify({ clientId: 'crm-42', login: 'agent.anna', channelType: 'WHATSAPP', status: 'READY', text: $json.text }) }}",
		batching ? { batching: { batch: batching } } : {},
	);
}

/** A whole workflow: Start → Items → Split → the sender. */
function workflow(label, count, sender) {
	const nodes = [
		...itemNodes(count),
		{
			id: 'b0000000-0000-4000-8000-000000000004',
			name: SENDER,
			position: [600, 0],
			onError: 'continueRegularOutput',
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
			...sender,
		},
	];
	const link = (node) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	return {
		id: id(`${label} ${count}`),
		name: `benchmark: ${label}, ${count} items`,
		active: false,
		nodes,
		connections: { Start: link('Items'), Items: link('Split'), Split: link(SENDER) },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The chatbot workflow a user builds without our nodes, beside
 * examples/conversations/edna-chatbot-answers.workflow.json: n8n's Webhook
 * node (v2.1; POST, Respond Immediately, Response Code → Custom Code 202, as
 * edna expects) → the HTTP Request node posting the same answer, tied to the
 * question by its questionId, to edna's POST /api/v1/chatbot. No secret is
 * checked: the Webhook node has no query-parameter secret, and a user who
 * wants one adds header auth.
 */
function handBuiltChatbot(baseUrl) {
	const webhook = {
		id: 'b0000000-0000-4000-8000-000000000011',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: 'b0000000-0000-4000-8000-0000000000aa',
		parameters: {
			httpMethod: 'POST',
			path: HAND_BUILT_PATH,
			responseMode: 'onReceived',
			options: { responseCode: { values: { responseCode: 'customCode', customCode: 202 } } },
		},
	};
	// The example's answer text, built from what the Webhook node puts under `body`.
	const answer = httpPost(
		`${baseUrl}${CHATBOT_PATH}`,
		'={{ JSON.stringify({ questionId: $json.body.questionId, text: \'You wrote "\' + $json.body.text + \'". An agent will take over shortly.\' }) }}',
	);
	const reply = { id: 'b0000000-0000-4000-8000-000000000012', name: 'Reply as Chatbot', position: [220, 0], credentials: { [CREDENTIAL_TYPE]: CREDENTIAL }, ...answer };
	return {
		id: id('hand-built chatbot'),
		name: 'benchmark: hand-built chatbot (Webhook → HTTP Request)',
		active: false,
		nodes: [webhook, reply],
		connections: { Webhook: { main: [[{ node: reply.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

module.exports = {
	CREDENTIAL_TYPE,
	CREDENTIAL,
	SEND_PATH,
	CHATBOT_PATH,
	HAND_BUILT_PATH,
	SENDER,
	FLOOR_PACKAGE,
	textOf,
	ourNode,
	floorNode,
	httpNode,
	workflow,
	handBuiltChatbot,
};
