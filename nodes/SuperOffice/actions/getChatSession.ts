import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chatSessionIdField, readChatSessionId } from '../fields';
import { prepareRequest, type SuperOfficePrepared } from '../transport';

const show = { resource: ['chatSession'], operation: ['get'] };

export const getChatSessionFields: INodeProperties[] = [
	chatSessionIdField(show, 'ID of the SuperOffice chat session to get (ChatSessionId)'),
];

/** Reads and checks one item's parameters; sends nothing. */
export async function prepareGetChatSession(ctx: IExecuteFunctions, itemIndex: number): Promise<SuperOfficePrepared> {
	const chatSessionId = readChatSessionId(ctx, itemIndex);
	return await prepareRequest(ctx, itemIndex, {
		method: 'GET',
		path: `/api/v1/ChatSession/${chatSessionId}`,
		expect: { kind: 'record', idField: 'ChatSessionId', what: 'the chat session' },
	});
}
