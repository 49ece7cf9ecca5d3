import { expectRecord } from '../../../shared/answers';
import { answerInChatField } from '../../../shared/sendAndWait/chat';
import { defineSendAndWait } from '../../../shared/sendAndWait/operation';
import { vendorRequest } from '../../../shared/transport';
import { readRecipient, recipientFields } from '../../recipient';
import { evoVoiceConnection } from '../../transport';
import type { EvoVoiceSendMessageBody } from '../../types';

/** The conversation a question waits in: the endpoint and the customer's number (the EvoVoice Trigger reads the same from a message). */
export function evoVoiceConversation(endpointId: unknown, otherAddress: unknown): string {
	return `evovoice:${String(endpointId)}:${String(otherAddress)}`;
}

/**
 * Send and Wait for Response: the question goes out as Send sends a message
 * (SendMessage, in a session or from an endpoint to a phone number), as a
 * text with the links on lines of their own: SendMessage takes a body and
 * nothing else (https://evovoice.io/json/metadata?op=SendMessage), so there
 * are no buttons.
 */
export const sendAndWait = defineSendAndWait({
	resource: 'message',
	description: "Send a question by text message and wait for the customer's answer",
	target: recipientFields(),
	chat: [
		answerInChatField(
			"Whether the customer's next text message from that number to that endpoint — a word such as yes or no, or for Free Text any text — also answers the question. Needs the EvoVoice Trigger in this workflow: it hands the message on instead of starting the workflow for it.",
		),
	],

	async prepareQuestion(ctx, itemIndex, question) {
		const { path, target, recipient } = readRecipient(ctx, itemIndex);
		const body: EvoVoiceSendMessageBody = { ...recipient, body: question.text };
		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, { method: 'POST', path, body, itemIndex, timeoutMs, target });
			const info = expectRecord(ctx, connection, itemIndex, answer, { idField: 'id', noun: 'the sent message', sent: true });
			// The conversation is the endpoint and the customer's number, whichever way the message was addressed.
			const conversation =
				typeof info.endpointId === 'string' && typeof info.otherAddress === 'string' ? evoVoiceConversation(info.endpointId, info.otherAddress) : undefined;
			return { answer: info, conversation };
		};
	},
});
