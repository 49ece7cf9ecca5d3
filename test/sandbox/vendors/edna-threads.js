// edna Chat Center's thread and client reads and the plain outgoing send, as
// docs.edna.io describes them: GET /api/v1/threads/{id}
// (https://docs.edna.io/kb/get-thread-details), POST /api/v1/clients/short-info
// (…/get-short-client-information-by-phone-numbers-or-external-client-ids) and
// POST /api/v1/messages/outgoing by threadsClientId, clientId or threadId, in
// that order of priority (…/send-outgoing-messages-to-existing-clients).
// Required by edna.js; it exports no prefix, so the sandbox does not take it for a vendor.
'use strict';

/** Phone numbers of the seeded clients (by threadsClientId), digits only as edna shows them. */
const PHONES = { 1001: '79000000001', 1002: '79000000002', 1003: '79000000003' };

const THREADS = [
	{ id: 501, threadsClientId: 1001, status: 'ANSWER_NEEDED', agent: 'agent.anna' },
	{ id: 502, threadsClientId: 1002, status: 'WAITING', agent: 'agent.boris' },
];

function threadsOf(state) {
	if (!state.threads) state.threads = THREADS.map((t) => ({ ...t }));
	return state.threads;
}

function threadDetails(thread, state, baseUrl) {
	const client = state.clients.find((c) => c.threadsClientId === thread.threadsClientId);
	return {
		id: thread.id,
		status: thread.status,
		startTime: '2024-05-01T09:00:00Z',
		stateChangeTime: '2024-05-01T09:05:00Z',
		unread: 1,
		unanswered: thread.status === 'ANSWER_NEEDED' ? 1 : 0,
		lastAgent: state.agents[thread.agent],
		lastAgentLogin: thread.agent,
		currentAgent: state.agents[thread.agent],
		currentAgentLogin: thread.agent,
		channel: 1,
		clientId: thread.threadsClientId,
		clientExternalId: client ? client.clientId : null,
		clientName: `Client ${thread.threadsClientId}`,
		threadUrl: `${baseUrl}/threads/${thread.id}`,
		tags: [],
		info: {},
	};
}

/** Answers the three routes, or undefined for any other path. `api`: { fail(status, message), authorized, checkText }. */
function handleThreads({ method, path, body, state, ledger, api }) {
	const threadRoute = /^\/api\/v1\/threads\/([^/]+)$/.exec(path);
	const routes = ['/api/v1/clients/short-info', '/api/v1/messages/outgoing'];
	if (!threadRoute && !routes.includes(path)) return undefined;
	const { fail, authorized, checkText } = api;
	if (threadRoute ? method !== 'GET' : method !== 'POST') return fail(405, `Request method '${method}' is not supported`);
	if (!authorized) return fail(401, 'Full authentication is required to access this resource');
	const threads = threadsOf(state);

	if (threadRoute) {
		if (!/^\d+$/.test(threadRoute[1])) return fail(400, `Failed to convert value of type 'java.lang.String' to required type 'long'`);
		const thread = threads.find((t) => t.id === Number(threadRoute[1]));
		if (!thread) return fail(404, `Thread ${threadRoute[1]} not found`);
		return { status: 200, body: threadDetails(thread, state, 'https://chat.example.edna.io') };
	}
	if (!body || typeof body !== 'object') return fail(400, 'Required request body is missing');

	if (path === '/api/v1/clients/short-info') {
		const { phones, externalIds } = body;
		const isList = (v) => v === null || v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
		if (!isList(phones) || !isList(externalIds)) return fail(400, 'phones and externalIds must be lists of strings');
		const found = state.clients.filter(
			(c) => (phones || []).includes(PHONES[c.threadsClientId]) || (c.clientId !== null && (externalIds || []).includes(c.clientId)),
		);
		return {
			status: 200,
			body: found.map((c) => ({
				id: c.threadsClientId,
				externalId: c.clientId,
				phone: PHONES[c.threadsClientId],
				hasActiveThread: threads.some((t) => t.threadsClientId === c.threadsClientId),
			})),
		};
	}

	let client;
	if (body.threadsClientId !== undefined) client = state.clients.find((c) => c.threadsClientId === body.threadsClientId);
	else if (body.clientId !== undefined) client = state.clients.find((c) => c.clientId === body.clientId);
	else if (body.threadId !== undefined) {
		const thread = threads.find((t) => t.id === body.threadId);
		if (!thread) return fail(404, `Thread ${body.threadId} not found`);
		client = state.clients.find((c) => c.threadsClientId === thread.threadsClientId);
	} else return fail(400, 'One of clientId, threadsClientId or threadId must be specified');
	const problem = checkText(body);
	if (problem) return fail(400, problem);
	if (!client) return fail(404, 'Client not found');
	const id = state.nextMessageId++;
	ledger.accept('sendToThread', { id, body });
	return { status: 200, body: { id } };
}

module.exports = { handleThreads, PHONES, THREADS };
