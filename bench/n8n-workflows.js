// The workflows the real-n8n benchmark imports: N items made without any
// per-item work (a Set node holding a literal list, split into items), then
// one node that sends each item's text to the sandbox's edna — our edna Chat
// Center node, the floor node (bench/floor-node), or n8n's HTTP Request node
// with the same credential type.
// Both read the text with the same expression and continue on error, so a
// refused item is counted as failed instead of stopping the run.
'use strict';

const crypto = require('node:crypto');

const { PACKAGE } = require('../scripts/e2e/config');

const CREDENTIAL_TYPE = 'ednaChatCenterBearerApi';
const CREDENTIAL = { id: 'cbench0000000001', name: 'edna (benchmark sandbox)' };
const SEND_PATH = '/api/v1/messages/outgoing-from-myself';
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

/**
 * n8n's HTTP Request node (v4.2) with the edna credential as a predefined
 * credential type; `batching` = { batchSize, batchInterval } or undefined for
 * its defaults (every item's request started at once).
 */
function httpNode(baseUrl, batching) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${baseUrl}${SEND_PATH}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL_TYPE,
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				"={{ JSON.stringify({ clientId: 'crm-42', login: 'agent.anna', channelType: 'WHATSAPP', status: 'READY', text: $json.text }) }}",
			options: batching ? { batching: { batch: batching } } : {},
		},
	};
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

module.exports = { CREDENTIAL_TYPE, CREDENTIAL, SEND_PATH, SENDER, FLOOR_PACKAGE, textOf, ourNode, floorNode, httpNode, workflow };
