// edna Chat Center's Bot Connect side (docs.edna.io "Bot Connect API
// description", "Information edna Chat Center passes to the chatbot"):
// - the admin sets one webhook URL per chatbot (setChatbotWebhook); edna
//   POSTs MESSAGE, INIT_CHAT and WEBVIEW_CLOSED events there, with `action`
//   naming the event. edna signs nothing; an admin may add a header.
// - the chatbot answers with POST /api/v1/chatbot, tied to the client's
//   question by questionId, threadsClientId, or sessionId + questionIndex
//   (docs.edna.ru/kb/otpravka-otvetov-bota).
// Not a vendor module (no `prefix`): edna.js routes /api/v1/chatbot here.
'use strict';

const http = require('node:http');

function botState(state) {
	state.bot ??= { webhook: undefined, nextQuestionId: 7001, questions: [], deliveries: [] };
	return state.bot;
}

/** The chatbot webhook an edna admin configures: a URL and, optionally, headers edna adds. */
function setChatbotWebhook(sandbox, url, headers = {}) {
	botState(sandbox.state.edna).webhook = { url, headers };
}

function post(url, raw, headers) {
	return new Promise((resolve) => {
		const request = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		request.on('error', () => resolve(0));
		request.end(raw);
	});
}

/**
 * A client of the seed writes `text`: the question is stored at edna and the
 * MESSAGE event edna would send for it is returned (not sent).
 */
function customerMessage(sandbox, { text = 'Hello, bot', threadsClientId = 1001, channelType = 'WEB' } = {}) {
	const bot = botState(sandbox.state.edna);
	const client = sandbox.state.edna.clients.find((c) => c.threadsClientId === threadsClientId);
	const questionId = bot.nextQuestionId++;
	const sessionId = `thread-${threadsClientId}`;
	const questionIndex = bot.questions.filter((q) => q.sessionId === sessionId).length + 1;
	bot.questions.push({ questionId, threadsClientId, sessionId, questionIndex, text });
	return {
		action: 'MESSAGE',
		text,
		...(client.clientId ? { clientId: client.clientId } : {}),
		threadsClientId,
		sessionId,
		questionId,
		questionIndex,
		channelInfo: { channelType, authorized: Boolean(client.clientId) },
		clientData: {},
		receivedAt: new Date().toISOString(),
		attachments: [],
	};
}

/** `count` customer messages ("<label> <n>"), as customerMessage makes them: a burst to send at once. */
function customerMessages(sandbox, count, { label = 'burst', ...options } = {}) {
	return Array.from({ length: count }, (_, n) => customerMessage(sandbox, { ...options, text: `${label} ${n}` }));
}

/** A client of the seed writes `text`: edna sends MESSAGE to the chatbot's webhook. Resolves with the event and the status. */
async function customerWrites(sandbox, options = {}) {
	const event = customerMessage(sandbox, options);
	const status = await send(sandbox, event);
	return { event, status };
}

/** POSTs `event` (an object, or raw text) to the chatbot webhook as edna does; resolves with the status. */
async function send(sandbox, event, { headers } = {}) {
	const bot = botState(sandbox.state.edna);
	if (!bot.webhook) throw new Error('No chatbot webhook is set in the edna sandbox (setChatbotWebhook)');
	const raw = typeof event === 'string' ? event : JSON.stringify(event);
	const status = await post(bot.webhook.url, raw, headers ?? bot.webhook.headers);
	bot.deliveries.push({ raw, status });
	return status;
}

/** POST /api/v1/chatbot: the chatbot's answer. `fail(status, message)` builds edna's error answer. */
function handleChatbotAnswer(req, state, ledger, fail) {
	const { method, body } = req;
	if (method !== 'POST') return fail(405, `Request method '${method}' is not supported`);
	if (!body || typeof body !== 'object') return fail(400, 'Required request body is missing');
	const bot = botState(state);
	let question;
	if (body.questionId !== undefined) {
		if (!Number.isInteger(body.questionId)) return fail(400, 'questionId must be a number');
		question = bot.questions.find((q) => q.questionId === body.questionId);
	} else if (body.threadsClientId !== undefined) {
		question = bot.questions.filter((q) => q.threadsClientId === body.threadsClientId).at(-1);
	} else if (body.sessionId !== undefined) {
		question = bot.questions.find((q) => q.sessionId === body.sessionId && q.questionIndex === body.questionIndex);
	} else {
		return fail(400, 'One of questionId, threadsClientId or sessionId with questionIndex must be specified');
	}
	const hasText = typeof body.text === 'string' && body.text.trim() !== '';
	if (!hasText && !(Array.isArray(body.attachments) && body.attachments.length)) return fail(400, 'text must not be empty');
	if (typeof body.text === 'string' && body.text.length > 2000) return fail(400, 'text size must be between 0 and 2000');
	// Quick replies (chatbot-capabilities: type TEXT only, the text the client's tap sends).
	if (body.quickReplies !== undefined) {
		const valid = Array.isArray(body.quickReplies) && body.quickReplies.every((reply) => reply && reply.type === 'TEXT' && typeof reply.text === 'string' && reply.text !== '');
		if (!valid) return fail(400, 'quickReplies must be a list of { type: TEXT, text }');
	}
	if (!question) return fail(404, 'Question not found');
	const id = state.nextMessageId++;
	ledger.accept('chatbotAnswer', { id, questionId: question.questionId, body });
	return { status: 200, body: { id, questionId: question.questionId } };
}

module.exports = { setChatbotWebhook, customerMessage, customerMessages, customerWrites, send, handleChatbotAnswer, botState };
