// What the EvoVoice sandbox holds: its endpoints, the seeded conversations,
// sessions and messages, and the one shape a message has (MessageInfo) however
// it got there — seeded, sent by a user, or written by a customer.
// Required by evovoice.js and its helper modules; it exports no prefix, so the
// sandbox does not take it for a vendor.
'use strict';

const { USERS } = require('./evovoice-accounts');

const ENDPOINTS = [
	{ id: 'ep-main', accountId: 'acc-acme', customerId: 'cus-north', displayName: 'Acme Support Line', type: 'PhoneNumber', phoneNumber: '+15550001111' },
	{ id: 'ep-sales', accountId: 'acc-acme', customerId: 'cus-south', displayName: 'Acme Sales Line', type: 'PhoneNumber', phoneNumber: '+15550002222' },
	{ id: 'ep-anna', accountId: 'acc-acme', customerId: 'cus-north', displayName: 'Anna (agent)', type: 'User' },
	{ id: 'ep-labs', accountId: 'acc-acme-labs', customerId: 'cus-labs', displayName: 'Acme Labs Line', type: 'PhoneNumber', phoneNumber: '+15550003333' },
	{ id: 'ep-globex', accountId: 'acc-globex', customerId: 'cus-globex', displayName: 'Globex Hotline', type: 'PhoneNumber', phoneNumber: '+15550009999' },
];

/** Seeded conversations: an endpoint talking with one outside address. */
const CONVERSATIONS = [
	{ id: 'conv-a', endpointId: 'ep-main', otherAddress: '+15557770001' },
	{ id: 'conv-b', endpointId: 'ep-main', otherAddress: '+15557770002' },
	{ id: 'conv-c', endpointId: 'ep-sales', otherAddress: '+15557770003' },
	{ id: 'conv-d', endpointId: 'ep-sales', otherAddress: '+15557770004' },
	{ id: 'conv-l', endpointId: 'ep-labs', otherAddress: '+15557770005' },
	{ id: 'conv-g', endpointId: 'ep-globex', otherAddress: '+15557770009' },
];

const SESSIONS = [
	{ id: 'ses-1001', conversationId: 'conv-a' },
	{ id: 'ses-1002', conversationId: 'conv-d' },
	{ id: 'ses-0999', conversationId: 'conv-b', ended: true },
	{ id: 'ses-2001', conversationId: 'conv-g' },
];

/** Seeded messages: 300 in all, 50 per conversation; the sandbox user sees the 250 of Acme's two accounts. */
const SEED_COUNT = 300;
const SEED_START = Date.parse('2024-03-01T08:00:00.000Z');

/** A MessageInfo as GET /messages lists it: message `number` of `conversation`, on that conversation's endpoint. */
function messageInfo(number, endpoint, conversation, { date, direction, sender, text, isUnread }) {
	return {
		id: `msg-${String(number).padStart(4, '0')}`,
		accountId: endpoint.accountId,
		customerId: endpoint.customerId,
		endpointId: endpoint.id,
		endpointDisplayName: endpoint.displayName,
		date,
		direction,
		otherAddress: conversation.otherAddress,
		sender,
		text,
		isUnread,
	};
}

function endpointOf(conversation) {
	return ENDPOINTS.find((e) => e.id === conversation.endpointId);
}

/** Stores a new message in `conversation` under the next free number and returns its MessageInfo. */
function storeMessage(state, conversation, fields) {
	const info = messageInfo(state.nextMessage++, endpointOf(conversation), conversation, fields);
	state.messages.push({ conversationId: conversation.id, info });
	return info;
}

function createState() {
	const conversations = CONVERSATIONS.map((c) => ({ ...c }));
	const messages = [];
	for (let i = 0; i < SEED_COUNT; i++) {
		const conversation = conversations[i % conversations.length];
		const incoming = i % 3 !== 0;
		const info = messageInfo(i + 1, endpointOf(conversation), conversation, {
			date: new Date(SEED_START + i * 37 * 60_000).toISOString(),
			direction: incoming ? 'Incoming' : 'Outgoing',
			sender: incoming ? conversation.otherAddress : USERS.manager.email,
			text: `Seed message ${i + 1}`,
			isUnread: incoming && i >= SEED_COUNT - 20,
		});
		messages.push({ conversationId: conversation.id, info });
	}
	return {
		messages,
		conversations,
		sessions: SESSIONS.map((s) => ({ ...s })),
		nextMessage: SEED_COUNT + 1,
		nextConversation: 1,
		/**
		 * How GET /messages orders its list (see readOrder in evovoice-messages.js):
		 * oldest first unless asked otherwise, and `sortField`/`sortOrder` honoured.
		 * A test sets `newestFirstByDefault` and `ignoresSortParameters` to play
		 * a vendor that lists otherwise.
		 */
		messageOrder: { newestFirstByDefault: false, ignoresSortParameters: false },
	};
}

module.exports = { ENDPOINTS, createState, storeMessage };
