// EvoVoice's read-only lists beside messages, as its API metadata describes them:
// GET /conversations (ListConversations: `{conversations}` at once, no paging),
// GET /sessions (ListSessions) and GET /endpoints (ListEndpoints; only the
// Manager and Customer roles, a plain User gets 403), both paged ListRequests
// answering `{items, totalCount, totalPages, hasMorePages}`.
// https://evovoice.io/json/metadata?op=ListConversations, …?op=ListSessions, …?op=ListEndpoints
// Required by evovoice.js; it exports no prefix, so the sandbox does not take it for a vendor.
'use strict';

const { ENDPOINTS } = require('./evovoice-data');
const { fail, validationError } = require('./evovoice-errors');
const { queryValues, readPaging, pageBody, readScope, readAfterDate } = require('./evovoice-requests');

/**
 * Agents (User endpoints) of Acme Labs, so that the endpoint list is longer
 * than a picker's page. They cannot send text messages, like every User endpoint.
 */
const AGENTS = Array.from({ length: 60 }, (_, i) => {
	const n = String(i + 1).padStart(2, '0');
	return { id: `ep-agent-${n}`, accountId: 'acc-acme-labs', customerId: 'cus-labs', displayName: `Agent ${n}`, type: 'User' };
});

const SESSION_DATES = { 'ses-1001': '2024-05-02T09:00:00Z', 'ses-1002': '2024-05-03T10:30:00Z', 'ses-0999': '2024-04-28T16:00:00Z', 'ses-2001': '2024-05-01T12:00:00Z' };

function sessionInfo(session, state, endpoints) {
	const conversation = state.conversations.find((c) => c.id === session.conversationId);
	const endpoint = endpoints.find((e) => e.id === conversation.endpointId);
	return {
		id: session.id,
		accountId: endpoint.accountId,
		customerId: endpoint.customerId,
		endpointId: endpoint.id,
		endpointName: endpoint.displayName,
		dateCreated: SESSION_DATES[session.id] ?? '2024-05-04T08:00:00Z',
		channel: 'Chat',
		fromAddress: conversation.otherAddress,
		toAddress: endpoint.phoneNumber,
		ended: session.ended === true,
	};
}

/**
 * One ListRequest page of `list`. These lists have always answered only the
 * first failing paging field, where GET /messages names every one; sharing
 * the checks with it keeps that answer as it was.
 */
function pageOf(query, list) {
	const paging = readPaging(query);
	if (paging.errors.length) return validationError(paging.errors.slice(0, 1));
	return { status: 200, body: pageBody(list, paging) };
}

function containsText(value, text) {
	return text === undefined || text === '' || String(value ?? '').toLowerCase().includes(text.toLowerCase());
}

/** Answers GET /conversations, /sessions and /endpoints for a signed-in user. */
function handleLists({ path, method, query, user, state }) {
	if (method !== 'GET') return fail(405, 'MethodNotAllowed', `Method ${method} is not allowed on ${path}`);
	const scope = readScope(query, user);
	if (scope.denied) return fail(403, 'Forbidden', `You do not have access to account ${scope.denied}`);
	const { endpointIds, covers: inScope } = scope;
	const endpoints = [...ENDPOINTS, ...AGENTS];

	if (path === '/endpoints') {
		if (!user.roles.some((r) => ['SystemAdministrator', 'Manager', 'Customer'].includes(r))) {
			return fail(403, 'Forbidden', 'Requires any of the roles: SystemAdministrator, Manager, Customer');
		}
		const [name] = queryValues(query, 'nameFilter');
		const [number] = queryValues(query, 'phoneNumberFilter');
		const list = endpoints.filter(inScope).filter((e) => containsText(e.displayName, name) && (number === undefined || containsText(e.phoneNumber, number) && e.phoneNumber));
		return pageOf(query, list);
	}
	if (path === '/sessions') {
		const [from] = queryValues(query, 'from');
		const [to] = queryValues(query, 'to');
		const [startDate] = queryValues(query, 'startDate');
		const [endDate] = queryValues(query, 'endDate');
		for (const [field, value] of [['StartDate', startDate], ['EndDate', endDate]]) {
			if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
				return fail(400, 'ArgumentException', `${field} must be a date as YYYY-MM-DD`, [{ errorCode: 'ArgumentException', fieldName: field, message: `${field} must be a date as YYYY-MM-DD` }]);
			}
		}
		const list = state.sessions
			.map((s) => sessionInfo(s, state, endpoints))
			.filter((s) => inScope(endpoints.find((e) => e.id === s.endpointId)))
			.filter((s) => !endpointIds.length || endpointIds.includes(s.endpointId))
			.filter((s) => containsText(s.fromAddress, from) && containsText(s.toAddress, to))
			.filter((s) => (startDate === undefined || s.dateCreated.slice(0, 10) >= startDate) && (endDate === undefined || s.dateCreated.slice(0, 10) <= endDate))
			.sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
		return pageOf(query, list);
	}
	const { afterDate, error } = readAfterDate(query);
	if (error) return validationError([error]);
	const conversations = state.conversations
		.map((c) => {
			const endpoint = endpoints.find((e) => e.id === c.endpointId);
			const messages = state.messages.filter((m) => m.conversationId === c.id);
			const last = messages.reduce((a, m) => (!a || Date.parse(m.info.date) > Date.parse(a.info.date) ? m : a), undefined);
			return { endpoint, conversation: { id: c.id, endpointId: c.endpointId, otherAddress: c.otherAddress, mostRecentMessage: last ? { ...last.info } : null } };
		})
		.filter(({ endpoint }) => inScope(endpoint) && (!endpointIds.length || endpointIds.includes(endpoint.id)))
		.filter(({ conversation }) => afterDate === undefined || (conversation.mostRecentMessage && Date.parse(conversation.mostRecentMessage.date) > afterDate))
		.map(({ conversation }) => conversation);
	return { status: 200, body: { conversations } };
}

module.exports = { handleLists, AGENTS, LIST_PATHS: ['/conversations', '/sessions', '/endpoints'] };
