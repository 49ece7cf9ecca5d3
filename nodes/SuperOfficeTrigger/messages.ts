import type { IDataObject, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { expectList } from '../shared/answers';
import { vendorRequest } from '../shared/transport';
import { triggerConnection } from './registration';

/**
 * The messages of a chat session after the last one this node handed on
 * (for a session it has not seen yet, the newest one), oldest first, and the session's cursor (the highest ChatMessageId) moved
 * past them. ChatMessageIds only grow, so `after=` is an exact cursor.
 */
export async function newSessionMessages(
	ctx: IWebhookFunctions | IPollFunctions,
	staticData: IDataObject,
	chatSessionId: number,
): Promise<IDataObject[]> {
	if (!staticData.sessions || typeof staticData.sessions !== 'object') staticData.sessions = {};
	const cursors = staticData.sessions as IDataObject;
	const after = typeof cursors[chatSessionId] === 'number' ? (cursors[chatSessionId] as number) : 0;
	const connection = await triggerConnection(ctx);
	const answer = await vendorRequest(ctx, connection, {
		method: 'GET',
		path: `/api/v1/ChatSession/${chatSessionId}/Messages`,
		qs: { after },
		itemIndex: 0,
	});
	const listed = expectList(ctx, connection, 0, answer, 'the chat messages').filter(
		(m) => typeof m.ChatMessageId === 'number' && m.ChatMessageId > after,
	);
	// A session this node has not seen before: only the message the event is
	// about (the newest), not the session's whole history.
	const messages = typeof cursors[chatSessionId] === 'number' ? listed : listed.slice(-1);
	const newest = Math.max(after, ...messages.map((m) => m.ChatMessageId as number));
	if (newest > after) cursors[chatSessionId] = newest;
	return messages;
}
