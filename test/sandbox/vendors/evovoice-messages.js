// EvoVoice's message routes, as its API metadata describes them:
// POST /messages (SendMessage: to an endpoint and address, or to a session
// when `sessionId` is given), POST /sessions/{id}/messages (SendSessionMessage)
// and GET /messages (ListMessages, a paged ListRequest that can be sorted).
// https://evovoice.io/json/metadata?op=SendMessage, …?op=SendSessionMessage, …?op=ListMessages
// Required by evovoice.js; it exports no prefix, so the sandbox does not take it for a vendor.
'use strict';

const { ENDPOINTS, storeMessage } = require('./evovoice-data');
const { fail, validationError } = require('./evovoice-errors');
const { queryList, queryValues, readPaging, pageBody, readScope, readAfterDate } = require('./evovoice-requests');

function toPublic(message) {
	return { ...message.info };
}

function validateSend(body, viaSession) {
	const errors = [];
	if (typeof body.body !== 'string' || body.body.trim() === '') {
		errors.push({ errorCode: 'NotEmpty', fieldName: 'Body', message: "'Body' must not be empty." });
	}
	if (!viaSession) {
		if (typeof body.endpointId !== 'string' || body.endpointId.trim() === '') {
			errors.push({ errorCode: 'NotEmpty', fieldName: 'EndpointId', message: "'Endpoint Id' must not be empty." });
		}
		if (typeof body.toAddress !== 'string' || body.toAddress.trim() === '') {
			errors.push({ errorCode: 'NotEmpty', fieldName: 'ToAddress', message: "'To Address' must not be empty." });
		} else if (!/^\+[1-9]\d{6,14}$/.test(body.toAddress)) {
			errors.push({ errorCode: 'PhoneNumber', fieldName: 'ToAddress', message: "'To Address' must be a phone number in E.164 format, e.g. +15556667777." });
		} else if (body.toAddress.startsWith('+1') && body.toAddress.length !== 12) {
			// North American numbers have exactly ten digits after +1.
			errors.push({ errorCode: 'PhoneNumber', fieldName: 'ToAddress', message: `'To Address' ${body.toAddress} is not a valid North American number.` });
		}
	}
	return errors;
}

function storeOutgoing(state, user, conversation, text) {
	return storeMessage(state, conversation, { date: new Date().toISOString(), direction: 'Outgoing', sender: user.email, text, isUnread: false });
}

function handleSendToSession(sessionId, body, user, state, ledger) {
	const errors = validateSend(body, true);
	if (errors.length) return validationError(errors);
	const session = state.sessions.find((s) => s.id === sessionId);
	if (!session) return fail(404, 'NotFound', `Session ${sessionId} was not found`);
	const conversation = state.conversations.find((c) => c.id === session.conversationId);
	const endpoint = ENDPOINTS.find((e) => e.id === conversation.endpointId);
	if (!user.accountIds.includes(endpoint.accountId)) return fail(403, 'Forbidden', 'You do not have access to this session');
	if (session.ended) {
		return fail(400, 'ArgumentException', 'This session has ended; send to the endpoint and address instead', [
			{ errorCode: 'ArgumentException', fieldName: 'SessionId', message: 'This session has ended; send to the endpoint and address instead' },
		]);
	}
	const info = storeOutgoing(state, user, conversation, body.body);
	ledger.accept('sendToSession', { id: info.id, sessionId, body, message: info });
	return { status: 200, body: info };
}

function handleSendToEndpoint(body, user, state, ledger) {
	if (typeof body.sessionId === 'string' && body.sessionId !== '') {
		return handleSendToSession(body.sessionId, body, user, state, ledger);
	}
	const errors = validateSend(body, false);
	if (errors.length) return validationError(errors);
	const endpoint = ENDPOINTS.find((e) => e.id === body.endpointId);
	if (!endpoint) return fail(404, 'NotFound', `Endpoint ${body.endpointId} was not found`);
	if (!user.accountIds.includes(endpoint.accountId)) return fail(403, 'Forbidden', 'You do not have access to this endpoint');
	if (endpoint.type !== 'PhoneNumber') {
		const message = `Endpoint ${endpoint.id} is a ${endpoint.type} endpoint and cannot send text messages; use a phone number endpoint`;
		return fail(400, 'ArgumentException', message, [{ errorCode: 'ArgumentException', fieldName: 'EndpointId', message }]);
	}
	let conversation = state.conversations.find((c) => c.endpointId === endpoint.id && c.otherAddress === body.toAddress);
	if (!conversation) {
		conversation = { id: `conv-new-${state.nextConversation++}`, endpointId: endpoint.id, otherAddress: body.toAddress };
		state.conversations.push(conversation);
	}
	const info = storeOutgoing(state, user, conversation, body.body);
	ledger.accept('sendToEndpoint', { id: info.id, body, message: info });
	return { status: 200, body: info };
}

/** ServiceStack's SortOrders enum (https://evovoice.io/json/metadata?op=ListMessages). */
const SORT_ORDERS = ['Ascend', 'Descend'];
/** The MessageInfo fields the sandbox sorts by when `sortField` names one. */
const SORT_FIELDS = ['id', 'date', 'direction', 'otherAddress', 'sender', 'text', 'endpointId'];

/**
 * How GET /messages orders its list: ListRequest's `sortField` (a MessageInfo
 * field, matched without regard to case; another name sorts by date) and
 * `sortOrder` (`Ascend` or `Descend`). A value that is no SortOrders member
 * fails to bind, as ServiceStack answers a bad enum. EvoVoice documents
 * neither the field names nor the order of a list that asks for none, so the
 * sandbox can play other vendors (`state.evovoice.messageOrder`): one that
 * lists newest first when no order is asked for, and one that ignores both
 * parameters.
 */
function readOrder(query, { newestFirstByDefault, ignoresSortParameters }) {
	const [field] = queryValues(query, 'sortField');
	const [order] = queryValues(query, 'sortOrder');
	const sortOrder = order && SORT_ORDERS.find((o) => o.toLowerCase() === order.toLowerCase());
	if (order && !sortOrder) {
		const message = `'${order}' is not a valid value for SortOrder`;
		const errors = [{ errorCode: 'SerializationException', fieldName: 'SortOrder', message }];
		return { error: fail(400, 'SerializationException', "Unable to bind to request 'ListMessages'", errors) };
	}
	const named = field && SORT_FIELDS.find((f) => f.toLowerCase() === field.toLowerCase());
	if (ignoresSortParameters || !sortOrder) return { key: 'date', descending: newestFirstByDefault };
	return { key: named ?? 'date', descending: sortOrder === 'Descend' };
}

/** Compares two stored messages by `key`, then by ID, as a list sorted on `key` runs. */
function compareBy({ key, descending }) {
	const value = (m) => (key === 'date' ? Date.parse(m.info.date) : String(m.info[key] ?? ''));
	return (a, b) => {
		const [x, y] = [value(a), value(b)];
		const byKey = x < y ? -1 : x > y ? 1 : 0;
		return (descending ? -1 : 1) * (byKey || a.info.id.localeCompare(b.info.id));
	};
}

function handleListMessages(query, user, state) {
	// FluentValidation reports every field that fails at once.
	const paging = readPaging(query);
	const { afterDate, error } = readAfterDate(query);
	const errors = error ? [...paging.errors, error] : paging.errors;
	if (errors.length) return validationError(errors);
	const order = readOrder(query, state.messageOrder);
	if (order.error) return order.error;

	const scope = readScope(query, user);
	if (scope.denied) return fail(403, 'Forbidden', `You do not have access to account ${scope.denied}`);
	const { endpointIds } = scope;
	const conversationIds = queryList(query, 'conversationIds');

	const matching = state.messages
		.filter((m) => scope.covers(m.info))
		.filter((m) => !endpointIds.length || endpointIds.includes(m.info.endpointId))
		.filter((m) => !conversationIds.length || conversationIds.includes(m.conversationId))
		.filter((m) => afterDate === undefined || Date.parse(m.info.date) > afterDate)
		.sort(compareBy(order));

	const page = pageBody(matching, paging);
	return { status: 200, body: { ...page, items: page.items.map(toPublic) } };
}

/**
 * Answers /messages and /sessions/{id}/messages for a signed-in user;
 * `rawSessionId` is the {id} of the latter as the path carries it, decoded
 * only once the request got that far (a malformed escape must not beat a 401 or 405).
 */
function handleMessages({ method, path, query, body, rawSessionId, user, state, ledger }) {
	if (path === '/messages' && method === 'GET') return handleListMessages(query, user, state);
	if (method !== 'POST') return fail(405, 'MethodNotAllowed', `Method ${method} is not allowed on ${path}`);
	if (!body || typeof body !== 'object') {
		return validationError([{ errorCode: 'NotEmpty', fieldName: 'Body', message: "'Body' must not be empty." }]);
	}
	if (rawSessionId !== undefined) return handleSendToSession(decodeURIComponent(rawSessionId), body, user, state, ledger);
	return handleSendToEndpoint(body, user, state, ledger);
}

module.exports = { handleMessages };
