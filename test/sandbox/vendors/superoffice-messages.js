// SuperOffice's chat session and its messages, as the Web API reference
// describes them (https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/):
// GET ChatSession/{id}, GET ChatSession/{id}/Messages (`after` a message id)
// and POST ChatSession/{id}/Messages, the ChatMessage fields checked as the
// API's enum and int/date binding does.
// Required by superoffice.js; it exports no prefix, so the sandbox does not take it for a vendor.
'use strict';

const { fail, noResource, methodNotAllowed } = require('./superoffice-errors');

const MESSAGE_TYPES = ['Invalid', 'ToCustomer', 'ToUser', 'Special'];
const SPECIAL_TYPES = [
	'None', 'Welcome', 'Url', 'Block', 'NewSession', 'TransferedSession', 'Error', 'SessionDeleted',
	'FaqSuccessQuestion', 'ClosedByUser', 'ClosedByCustomer', 'ClosedByIdle', 'TransferRejected',
	'ReopenedByCustomer', 'ClickedOption', 'BotMessage', 'Options', 'IllegalFileType',
];

function isInt32(value, min) {
	return Number.isInteger(value) && value >= min && value <= 2147483647;
}

function isOptionList(text) {
	try {
		const list = JSON.parse(text);
		return Array.isArray(list) && list.length > 0 && list.every((option) => typeof option === 'string' && option !== '');
	} catch {
		return false;
	}
}

function addMessage(tenant, chatSession, body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { error: fail(400, "Value cannot be null. (Parameter 'message')", 'ChatAgent') };
	}
	if (typeof body.Message !== 'string') return { error: fail(400, 'Message must be a string', 'ChatAgent') };
	const type = body.Type === undefined ? 'Invalid' : body.Type;
	if (!MESSAGE_TYPES.includes(type)) return { error: fail(400, `Requested value '${type}' was not found.`, 'ChatAgent') };
	const specialType = body.SpecialType === undefined ? 'None' : body.SpecialType;
	if (!SPECIAL_TYPES.includes(specialType)) {
		return { error: fail(400, `Requested value '${specialType}' was not found.`, 'ChatAgent') };
	}
	// "Options are as JSON array in specialParam" (crmscript enum-specialtype.md): the chat shows them as buttons.
	if (specialType === 'Options' && !isOptionList(body.SpecialParam)) {
		return { error: fail(400, 'SpecialParam of an Options message must be a JSON array of option texts', 'ChatAgent') };
	}
	if (body.ReadByCustomer !== undefined && !isInt32(body.ReadByCustomer, 0)) {
		return { error: fail(400, 'ReadByCustomer must be an integer', 'ChatAgent') };
	}
	let whenPosted = new Date().toISOString();
	if (body.WhenPosted !== undefined) {
		if (typeof body.WhenPosted !== 'string' || Number.isNaN(Date.parse(body.WhenPosted))) {
			return { error: fail(400, `String '${body.WhenPosted}' was not recognized as a valid DateTime.`, 'ChatAgent') };
		}
		whenPosted = new Date(body.WhenPosted).toISOString();
	}
	const stored = {
		ChatMessageId: tenant.nextMessageId++,
		ChatSessionId: chatSession.ChatSessionId,
		Type: type,
		Message: body.Message,
		Author: typeof body.Author === 'string' ? body.Author : '',
		ReadByCustomer: body.ReadByCustomer ?? 0,
		SpecialType: specialType,
		SpecialParam: typeof body.SpecialParam === 'string' ? body.SpecialParam : '',
		WhenPosted: whenPosted,
	};
	tenant.messages.push(stored);
	chatSession.LastMessage = stored.Message;
	if (!chatSession.FirstMessage) chatSession.FirstMessage = stored.Message;
	chatSession.WhenIdle = whenPosted;
	return { stored };
}

/**
 * Answers ChatSession/{id} and ChatSession/{id}/Messages, or undefined for
 * any other route. `sent` are the request's language headers, which the
 * ledger keeps beside an added message.
 */
function handleSessionMessages({ tenantName, method, route, lower, query, body, tenant, auth, sent, ledger }) {
	if (lower[0] !== 'chatsession' || !(lower.length === 2 || (lower.length === 3 && lower[2] === 'messages'))) return undefined;
	if (!/^\d+$/.test(route[1])) return noResource(route);
	const id = Number(route[1]);
	const chatSession = tenant.sessions[id];
	if (lower.length === 2) {
		if (method !== 'GET') return methodNotAllowed(method);
		if (!chatSession) return fail(404, `ChatSession with id ${id} not found`, 'ChatAgent');
		return { status: 200, body: chatSession };
	}
	if (!chatSession) return fail(404, `ChatSession with id ${id} not found`, 'ChatAgent');
	if (method === 'GET') {
		const rawAfter = query.get('after');
		let after = 0;
		if (rawAfter !== null) {
			if (!/^-?\d+$/.test(rawAfter)) return fail(400, `The value '${rawAfter}' is not valid for after.`, 'ChatAgent');
			after = Number(rawAfter);
		}
		const list = tenant.messages
			.filter((m) => m.ChatSessionId === id && m.ChatMessageId > after)
			.sort((a, b) => a.ChatMessageId - b.ChatMessageId);
		return { status: 200, body: list };
	}
	if (method === 'POST') {
		const result = addMessage(tenant, chatSession, body);
		if (result.error) return result.error;
		ledger.accept('addChatMessage', {
			id: result.stored.ChatMessageId,
			tenant: tenantName,
			chatSessionId: id,
			auth: auth.scheme,
			associate: auth.principal.Associate,
			headers: sent,
			body,
		});
		return { status: 200, body: result.stored };
	}
	return methodNotAllowed(method);
}

module.exports = { handleSessionMessages, SPECIAL_TYPES };
