import { expectRecord } from '../../../shared/answers';
import { defineSendAndWait } from '../../../shared/sendAndWait/operation';
import { vendorRequest } from '../../../shared/transport';
import { readRecipient, recipientFields } from '../../recipient';
import { evoVoiceConnection } from '../../transport';
import type { EvoVoiceSendMessageBody } from '../../types';

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

	async prepareQuestion(ctx, itemIndex, question) {
		const { path, target, recipient } = readRecipient(ctx, itemIndex);
		const body: EvoVoiceSendMessageBody = { ...recipient, body: question.text };
		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, { method: 'POST', path, body, itemIndex, timeoutMs, target });
			const info = expectRecord(ctx, connection, itemIndex, answer, { idField: 'id', noun: 'the sent message', sent: true });
			// The conversation is the endpoint and the customer's number, whichever way the message was addressed.
			const conversation =
				typeof info.endpointId === 'string' && typeof info.otherAddress === 'string' ? `evovoice:${info.endpointId}:${info.otherAddress}` : undefined;
			return { answer: info, conversation };
		};
	},
});
