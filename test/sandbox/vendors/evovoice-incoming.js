// EvoVoice's incoming side: a customer's text message appears in
// GET /messages (EvoVoice has no webhook for messages; the trigger polls).
// Not a vendor module (no `prefix`): the tests call it with a running sandbox.
'use strict';

const { storeMessage } = require('./evovoice-data');

/**
 * Stores an incoming message from the customer of `conversationId` and
 * returns it as GET /messages lists it. `date` defaults to now; give one to
 * play messages that share a timestamp.
 */
function customerWrites(sandbox, { conversationId = 'conv-a', text = 'Hello from a customer', date } = {}) {
	const state = sandbox.state.evovoice;
	const conversation = state.conversations.find((c) => c.id === conversationId);
	if (!conversation) throw new Error(`No EvoVoice conversation ${conversationId} in the sandbox`);
	const sender = conversation.otherAddress;
	return storeMessage(state, conversation, { date: date ?? new Date().toISOString(), direction: 'Incoming', sender, text, isUnread: true });
}

/** Whether `request` was the GET /messages page `page` (0 = first). */
function isListPage(request, page) {
	const asked = request.query.get('page');
	return request.method === 'GET' && request.path === '/messages' && Number(asked ?? 0) === page;
}

module.exports = { customerWrites, isListPage };
