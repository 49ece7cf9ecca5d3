import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { asText } from '../../../shared/validation';
import { readRecipient, recipientFields } from '../../recipient';
import { evoVoiceConnection } from '../../transport';
import type { EvoVoiceMessageInfo, EvoVoiceSendMessageBody } from '../../types';

/**
 * SendMessage: `POST /sessions/{sessionId}/messages` in a session, or the same
 * request without a session on `/messages` ("All Verbs /messages" in
 * EvoVoice's API metadata, https://evovoice.io/json/metadata?op=SendMessage)
 * from an endpoint to a phone number.
 */
export const send = defineOperation({
	resource: 'message',
	operation: 'send',
	name: 'Send',
	description: 'Send a text message to a phone number or in an existing session',
	action: 'Send a message',
	fields: [
		...recipientFields(),
		{
			displayName: 'Message',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'Text of the message to send',
		},
],

	async prepare(ctx, itemIndex) {
		const node = ctx.getNode();
		const { path, target, recipient } = readRecipient(ctx, itemIndex);

		// EvoVoice documents no maximum length for a message, so none is invented here.
		const text = asText(ctx.getNodeParameter('body', itemIndex, ''));
		if (text.trim() === '') throw inputError(node, itemIndex, 'Message is empty: give the text to send.');

		const body: EvoVoiceSendMessageBody = { ...recipient, body: text };
		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) =>
			await vendorRequest<EvoVoiceMessageInfo>(ctx, connection, { method: 'POST', path, body, itemIndex, timeoutMs, target });
	},
});
