// SuperOffice chat topics and the chat-session routes around a message, as the
// Web API reference describes them
// (https://docs.superoffice.com/en/api/reference/restful/rest/ChatTopic/ and …/ChatSession/):
// ChatTopic/ForCurrentUser, ChatTopic/{id}/IsOpen, ChatTopic/{id}/Sessions (POST),
// ChatSession/ForCurrentUser, the ChatSession OData archive ($filter, $top,
// $skip), ChatSession/{id}/TransferTo/{associate} and ChatSession/{id}/Transcript.
// "For current user" means the topics the user is a member of. Required by
// superoffice.js; it exports no prefix, so the sandbox does not take it for a vendor.
'use strict';

const { fail, methodNotAllowed } = require('./superoffice-errors');

/** Topics per tenant; `members` are the associate IDs that may work on the topic. */
const TOPICS = {
	online: [
		{ ChatTopicId: 1, Name: 'Customer Support', Description: 'Orders, deliveries and returns', members: [12, 13], open: true },
		{ ChatTopicId: 2, Name: 'Sales', Description: 'Quotes and new customers', members: [12], open: false },
		{ ChatTopicId: 3, Name: 'Internal IT', Description: 'Help desk for staff', members: [], open: true },
	],
	onsite: [{ ChatTopicId: 1, Name: 'Shop', Description: 'Opening hours and stock', members: [5], open: true }],
};

/** Users a session can be transferred to, by tenant. */
const ASSOCIATES = {
	online: [
		{ AssociateId: 12, Name: 'ANNA', FullName: 'Anna Berg' },
		{ AssociateId: 13, Name: 'OLA', FullName: 'Ola Nordmann' },
		{ AssociateId: 14, Name: 'PER', FullName: 'Per Olsen' },
	],
	onsite: [{ AssociateId: 5, Name: 'KARI', FullName: 'Kari Hansen' }],
};

/** The archive columns the sandbox offers for $filter; the real archive has more, named as its provider names them. */
const ARCHIVE_COLUMNS = { chatSessionId: 'ChatSessionId', topicId: 'TopicId', customerName: 'CustomerName', status: 'Status' };

function topicRecord(topic) {
	const { ChatTopicId, Name, Description } = topic;
	return { ChatTopicId, Name, Description, WelcomeMessage: 'Welcome! How can we help?', OpeningHoursEnabled: true, BotEnabled: false };
}

function topicsOf(kind, tenant) {
	if (!tenant.topics) tenant.topics = TOPICS[kind].map((t) => ({ ...t, members: [...t.members] }));
	return tenant.topics;
}

function archiveRow(s) {
	return {
		PrimaryKey: s.ChatSessionId,
		EntityName: 'chatSession',
		chatSessionId: s.ChatSessionId,
		topicId: s.TopicId,
		customerName: s.CustomerName,
		status: s.Status,
	};
}

/** Reads `column eq 'value'` (or `=`) clauses joined by `and`; anything else is refused, as the archive does. */
function parseFilter(text) {
	const clauses = [];
	for (const part of text.split(/\s+and\s+/i)) {
		const m = /^\s*(\w+)\s+(eq|=)\s+(?:'([^']*)'|(\d+))\s*$/i.exec(part);
		if (!m) return { error: `Unable to parse the filter "${text}"` };
		const field = ARCHIVE_COLUMNS[m[1]];
		if (!field) return { error: `Unknown column '${m[1]}' in the ChatSession archive` };
		clauses.push({ field, value: m[3] !== undefined ? m[3] : Number(m[4]) });
	}
	return { clauses };
}

function transcript(messages, html) {
	const lines = messages.map((m) => `[${m.WhenPosted}] ${m.Author || 'System'}: ${m.Message}`);
	return html ? `<html><body>${lines.map((l) => `<p>${l}</p>`).join('')}</body></html>` : lines.join('\n');
}

const json = (body) => ({ status: 200, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json; charset=utf-8' } });

/** Answers the routes above, or undefined for any other route. */
function handleChat({ kind, tenantName, method, route, lower, query, tenant, auth, ledger }) {
	const me = auth.principal.AssociateId;
	const topics = topicsOf(kind, tenant);
	const mine = (topic) => topic && topic.members.includes(me);

	if (lower[0] === 'chattopic') {
		if (lower.length === 2 && lower[1] === 'forcurrentuser') {
			if (method !== 'GET') return methodNotAllowed(method);
			return { status: 200, body: topics.filter(mine).map(topicRecord) };
		}
		if (lower.length !== 3 || !/^\d+$/.test(route[1]) || !['isopen', 'sessions'].includes(lower[2])) return undefined;
		const id = Number(route[1]);
		const topic = topics.find((t) => t.ChatTopicId === id);
		if (!topic) return fail(404, `ChatTopic with id ${id} not found`, 'ChatAgent');
		if (lower[2] === 'isopen') {
			if (method !== 'GET') return methodNotAllowed(method);
			return { status: 200, body: topic.open };
		}
		if (method !== 'POST') return methodNotAllowed(method);
		if (!mine(topic)) return fail(403, `You are not a member of chat topic ${id}`, 'ChatAgent');
		const ids = Object.keys(tenant.sessions).map(Number);
		const ChatSessionId = Math.max(0, ...ids) + 1;
		const now = new Date().toISOString();
		const created = {
			...tenant.sessions[ids[0]],
			ChatSessionId,
			TopicId: id,
			User: null,
			CustomerName: '',
			CustomerEmail: '',
			CustomerAlias: '',
			CustomerCompanyName: '',
			Status: 'Pending',
			FirstMessage: '',
			LastMessage: '',
			WhenRequested: now,
			WhenStarted: '0001-01-01T00:00:00',
			WhenEnded: '0001-01-01T00:00:00',
			WhenIdle: now,
		};
		tenant.sessions[ChatSessionId] = created;
		ledger.accept('createChatSession', { id: ChatSessionId, tenant: tenantName, chatTopicId: id, associate: auth.principal.Associate });
		return { status: 200, body: created };
	}

	if (lower[0] !== 'chatsession') return undefined;
	const mySessions = () => Object.values(tenant.sessions).filter((s) => mine(topics.find((t) => t.ChatTopicId === s.TopicId)));

	if (lower.length === 2 && lower[1] === 'forcurrentuser') {
		if (method !== 'GET') return methodNotAllowed(method);
		return { status: 200, body: mySessions() };
	}
	if (lower.length === 1) {
		if (method !== 'GET') return methodNotAllowed(method);
		let rows = Object.values(tenant.sessions).sort((a, b) => a.ChatSessionId - b.ChatSessionId);
		const filter = query.get('$filter');
		if (filter !== null && filter.trim() !== '') {
			const parsed = parseFilter(filter);
			if (parsed.error) return fail(400, parsed.error, 'ArchiveProvider');
			rows = rows.filter((s) => parsed.clauses.every((c) => String(s[c.field]).toLowerCase() === String(c.value).toLowerCase()));
		}
		const number = (name) => {
			const raw = query.get(name);
			return raw === null ? undefined : /^\d+$/.test(raw) ? Number(raw) : NaN;
		};
		const top = number('$top');
		const skip = number('$skip') ?? 0;
		if (Number.isNaN(top) || Number.isNaN(skip)) return fail(400, 'The $top and $skip options must be whole numbers', 'ArchiveProvider');
		const page = rows.slice(skip, top === undefined ? undefined : skip + top).map(archiveRow);
		return { status: 200, body: { 'odata.metadata': 'https://sandbox/api/v1/archive$metadata', value: page } };
	}
	const transfer = lower.length === 4 && lower[2] === 'transferto';
	const transcriptRoute = lower.length === 3 && lower[2] === 'transcript';
	if ((!transfer && !transcriptRoute) || !/^\d+$/.test(route[1])) return undefined;
	const id = Number(route[1]);
	const chatSession = tenant.sessions[id];
	if (method !== 'POST') return methodNotAllowed(method);
	if (!chatSession) return fail(404, `ChatSession with id ${id} not found`, 'ChatAgent');

	if (transcriptRoute) {
		const html = (query.get('html') || '').toLowerCase() === 'true';
		const messages = tenant.messages.filter((m) => m.ChatSessionId === id).sort((a, b) => a.ChatMessageId - b.ChatMessageId);
		return json(transcript(messages, html));
	}
	const wanted = decodeURIComponent(route[3]);
	const associate = ASSOCIATES[kind].find((a) => String(a.AssociateId) === wanted || a.Name.toLowerCase() === wanted.toLowerCase());
	if (!associate) return fail(400, `Unknown associate '${wanted}'`, 'ChatAgent');
	// "If the session does not belong to the user, nothing happens."
	if (mine(topics.find((t) => t.ChatTopicId === chatSession.TopicId))) {
		chatSession.TransferTo = associate;
		ledger.accept('transferChatSession', { id, tenant: tenantName, to: associate.Name, associate: auth.principal.Associate });
	}
	return { status: 200, body: chatSession };
}

module.exports = { handleChat, TOPICS, ASSOCIATES };
