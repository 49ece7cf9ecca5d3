import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { expectRecord } from '../../../shared/answers';
import { inputError } from '../../../shared/errors';
import { answerInChatField } from '../../../shared/sendAndWait/chat';
import { defineSendAndWait } from '../../../shared/sendAndWait/operation';
import { vendorRequest } from '../../../shared/transport';
import { tooLong } from '../../../shared/validation';
import { TEXT_MAX } from '../../content';
import { readEdnaId, readThreadRecipient, threadRecipientFields } from '../../threadFields';
import { ednaConnection } from '../../transport';

/** The conversation a chatbot question waits in: the client (the edna Chat Center Trigger reads the same from a MESSAGE). */
export function ednaConversation(threadsClientId: unknown): string {
	return `edna:client:${String(threadsClientId)}`;
}

/**
 * Send and Wait for Response: the question goes into an existing client's
 * thread (POST /api/v1/messages/outgoing, as Send to Thread), or — in a
 * conversation edna has routed to your chatbot — as the chatbot's answer
 * (POST /api/v1/chatbot, as Reply as Chatbot), where an approval's answers
 * are also quick-reply buttons (https://docs.edna.io/kb/chatbot-capabilities:
 * quickReplies of type TEXT; "A chatbot can send quick reply buttons as a
 * response to a client's message", https://docs.edna.io/kb/other-chatbot-features).
 */
export const sendAndWait = defineSendAndWait({
	resource: 'message',
	description: "Send a question to a client and wait for the client's answer",
	target: [
		{
			displayName: 'Send To',
			name: 'sendTo',
			type: 'options',
			options: [
				{
					name: 'Chatbot Conversation',
					value: 'chatbot',
					description: 'As your chatbot’s answer, in a conversation edna routes to the chatbot (Bot Connect)',
				},
				{
					name: 'Thread',
					value: 'thread',
					description: 'Into the thread of an existing client, found by thread ID or client ID',
				},
			],
			default: 'thread',
			description: 'Where the question goes',
		},
		...updateDisplayOptions({ show: { sendTo: ['thread'] } }, threadRecipientFields()),
		{
			displayName: 'Internal Client ID',
			name: 'chatbotClientId',
			type: 'string',
			default: '={{ $json.threadsClientId }}',
			required: true,
			displayOptions: { show: { sendTo: ['chatbot'] } },
			description: 'The numeric ID edna gave the client (threadsClientId), as the edna Chat Center Trigger outputs it',
		},
	],
	chat: [
		answerInChatField(
			"Whether the client's next message to the chatbot — a tapped quick reply, or a word such as yes or no — also answers the question. Needs the edna Chat Center Trigger (the chatbot's webhook) in this workflow: it hands the message on instead of starting the workflow for it.",
			{ sendTo: ['chatbot'] },
		),
	],

	async prepareQuestion(ctx, itemIndex, question) {
		const over = tooLong('The question with its links', question.text, TEXT_MAX, 'edna');
		if (over) throw inputError(ctx.getNode(), itemIndex, `${over} Shorten the Message.`);
		const sendTo = ctx.getNodeParameter('sendTo', itemIndex, 'thread');
		const connection = await ednaConnection(ctx, itemIndex);
		if (sendTo === 'chatbot') {
			const threadsClientId = readEdnaId(ctx, itemIndex, 'chatbotClientId', 'Internal Client ID', 'the client the chatbot talks to');
			const body: IDataObject = { threadsClientId, text: question.text, receivedAt: new Date().toISOString() };
			if (question.responseType === 'approval') {
				body.quickReplies = question.links.map((link) => ({ type: 'TEXT', text: link.label }));
			}
			return async (timeoutMs) => ({
				answer: await vendorRequest<IDataObject>(ctx, connection, { method: 'POST', path: '/api/v1/chatbot', body, itemIndex, timeoutMs }),
				conversation: ednaConversation(threadsClientId),
			});
		}
		const { recipient, target } = readThreadRecipient(ctx, itemIndex);
		const body = { ...recipient, text: question.text, attachments: [] };
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, { method: 'POST', path: '/api/v1/messages/outgoing', body, itemIndex, timeoutMs, target });
			return { answer: expectRecord(ctx, connection, itemIndex, answer, { idField: 'id', noun: 'the ID of the sent message', sent: true }) };
		};
	},
});
