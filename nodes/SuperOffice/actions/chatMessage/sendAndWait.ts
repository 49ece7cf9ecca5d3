import { answerInChatField } from '../../../shared/sendAndWait/chat';
import { defineSendAndWait } from '../../../shared/sendAndWait/operation';
import { chatSessionIdField, readChatSessionId } from '../../fields';
import type { ChatMessageRequest } from '../../types';
import { chatMessageSend } from './add';

/** The conversation a question waits in: the chat session (the SuperOffice Trigger reads the same from chatsession.message). */
export function superOfficeConversation(chatSessionId: unknown): string {
	return `superoffice:${String(chatSessionId)}`;
}

/**
 * Send and Wait for Response: the question is added to the chat session as
 * a message to the customer (POST /api/v1/ChatSession/{id}/Messages, as Add
 * does), with the links on lines of their own.
 */
export const sendAndWait = defineSendAndWait({
	resource: 'chatMessage',
	description: "Send a question into a chat session and wait for the customer's answer",
	target: [chatSessionIdField('ID of the SuperOffice chat session to ask in (ChatSessionId), as shown in SuperOffice or given by a SuperOffice chat webhook')],
	chat: [
		answerInChatField(
			"Whether the customer's next message in this chat session — a word such as yes or no, a tapped chat button, or for Free Text any text — also answers the question. Needs the SuperOffice Trigger (chatsession.message) in this workflow: it hands the message on instead of starting the workflow for it.",
		),
		{
			displayName: 'Show Answers as Chat Buttons',
			name: 'chatButtons',
			type: 'boolean',
			default: false,
			description:
				"Whether the question goes as a SuperOffice Options message (Special Type Options, the answers' labels in Special Parameter), which SuperOffice's chat shows as buttons; the customer's tap comes back as a Clicked Option message",
			displayOptions: { show: { responseType: ['approval'], answerInChat: [true] } },
		},
	],

	async prepareQuestion(ctx, itemIndex, question) {
		const chatSessionId = readChatSessionId(ctx, itemIndex);
		const body: ChatMessageRequest = { ChatSessionId: chatSessionId, Type: 'ToCustomer', Message: question.text, SpecialType: 'None' };
		const buttons = question.responseType === 'approval' && ctx.getNodeParameter('answerInChat', itemIndex, false) === true && ctx.getNodeParameter('chatButtons', itemIndex, false) === true;
		if (buttons) {
			// "The message has a list of clickable options. Options are as JSON array in specialParam"
			// (superoffice-docs automation/crmscript/api-reference/trigger-scripts/includes/enum-specialtype.md).
			body.SpecialType = 'Options';
			body.SpecialParam = JSON.stringify(question.links.map((link) => link.label));
		}
		const send = await chatMessageSend(ctx, itemIndex, chatSessionId, body);
		return async (timeoutMs) => ({ answer: await send(timeoutMs), conversation: superOfficeConversation(chatSessionId) });
	},
});
