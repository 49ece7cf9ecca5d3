import { expectRecord } from '../../../shared/answers';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { superOfficeConnection } from '../../connection';
import { CHAT_SESSION, chatSessionIdField, readChatSessionId } from '../../fields';

/** GET /api/v1/ChatSession/{id}: the session with its customer, status and times. */
export const get = defineOperation({
	resource: 'chatSession',
	operation: 'get',
	name: 'Get',
	description: 'Get a chat session with its customer, status and times',
	action: 'Get a chat session',
	fields: [chatSessionIdField('ID of the SuperOffice chat session to get (ChatSessionId)')],

	async prepare(ctx, itemIndex) {
		const chatSessionId = readChatSessionId(ctx, itemIndex);
		const connection = await superOfficeConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'GET',
				path: `/api/v1/ChatSession/${chatSessionId}`,
				itemIndex,
				timeoutMs,
				target: CHAT_SESSION,
			});
			return expectRecord(ctx, connection, itemIndex, answer, { idField: 'ChatSessionId', noun: 'the chat session' });
		};
	},
});
