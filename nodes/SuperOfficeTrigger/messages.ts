import type { IDataObject, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { expectList } from '../shared/answers';
import { vendorRequest } from '../shared/transport';
import { triggerConnection } from './registration';

/**
 * A session's messages with a ChatMessageId above `after`, oldest first
 * (GET /api/v1/ChatSession/{id}/Messages?after=). ChatMessageIds only grow,
 * so `after` is an exact cursor.
 */
export async function messagesAfter(
	ctx: IWebhookFunctions | IPollFunctions,
	chatSessionId: number,
	after: number,
): Promise<IDataObject[]> {
	const connection = await triggerConnection(ctx);
	const answer = await vendorRequest(ctx, connection, {
		method: 'GET',
		path: `/api/v1/ChatSession/${chatSessionId}/Messages`,
		qs: { after },
		itemIndex: 0,
	});
	return expectList(ctx, connection, 0, answer, 'the chat messages')
		.filter((m) => typeof m.ChatMessageId === 'number' && m.ChatMessageId > after)
		.sort((a, b) => (a.ChatMessageId as number) - (b.ChatMessageId as number));
}

/**
 * The messages of a chat session after the last one this node handed on
 * (for a session it has not seen yet, the newest one, not the session's
 * whole history), oldest first; the session's cursor moves past them.
 */
export async function newSessionMessages(
	ctx: IWebhookFunctions,
	staticData: IDataObject,
	chatSessionId: number,
): Promise<IDataObject[]> {
	if (!staticData.sessions || typeof staticData.sessions !== 'object') staticData.sessions = {};
	const cursors = staticData.sessions as IDataObject;
	const known = typeof cursors[chatSessionId] === 'number';
	const listed = await messagesAfter(ctx, chatSessionId, known ? (cursors[chatSessionId] as number) : 0);
	if (listed.length) cursors[chatSessionId] = listed[listed.length - 1].ChatMessageId;
	return known ? listed : listed.slice(-1);
}
