import { expectRecord } from '../../../shared/answers';
import { defineSendAndWait } from '../../../shared/sendAndWait/operation';
import { vendorRequest } from '../../../shared/transport';
import { superOfficeConnection } from '../../connection';
import { CHAT_SESSION, chatSessionIdField, readChatSessionId } from '../../fields';
import type { ChatMessageRequest } from '../../types';

/**
 * Send and Wait for Response: the question is added to the chat session as
 * a message to the customer (POST /api/v1/ChatSession/{id}/Messages, as Add
 * does), with the links on lines of their own.
 */
export const sendAndWait = defineSendAndWait({
	resource: 'chatMessage',
	description: "Send a question into a chat session and wait for the customer's answer",
	target: [chatSessionIdField('ID of the SuperOffice chat session to ask in (ChatSessionId), as shown in SuperOffice or given by a SuperOffice chat webhook')],

	async prepareQuestion(ctx, itemIndex, question) {
		const chatSessionId = readChatSessionId(ctx, itemIndex);
		const body: ChatMessageRequest = { ChatSessionId: chatSessionId, Type: 'ToCustomer', Message: question.text, SpecialType: 'None' };
		const connection = await superOfficeConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'POST',
				path: `/api/v1/ChatSession/${chatSessionId}/Messages`,
				body,
				itemIndex,
				timeoutMs,
				target: CHAT_SESSION,
			});
			return {
				answer: expectRecord(ctx, connection, itemIndex, answer, { idField: 'ChatMessageId', noun: 'the stored chat message', sent: true }),
				conversation: `superoffice:${chatSessionId}`,
			};
		};
	},
});
