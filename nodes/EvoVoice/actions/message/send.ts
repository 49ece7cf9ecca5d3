import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { asText, asTrimmedString, pathSegment, shownValue } from '../../../shared/validation';
import type { RequestTarget } from '../../../shared/vendor';
import { endpointIdField, readIdText, sessionIdField } from '../../locators';
import { normalizePhoneNumber } from '../../phone';
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
		{
			displayName: 'Send To',
			name: 'sendTo',
			type: 'options',
			options: [
				{
					name: 'Endpoint and Address',
					value: 'endpointAndAddress',
					description: 'Send from one of your EvoVoice endpoints (usually a phone number) to a phone number',
				},
				{
					name: 'Session',
					value: 'session',
					description: 'Reply in an existing EvoVoice session (conversation)',
				},
			],
			default: 'endpointAndAddress',
			description: 'Where the message goes',
		},
		sessionIdField(
			'EvoVoice session to post the message in: pick a recent one, or give its ID, for example from an EvoVoice webhook. The message goes to the other party of that session.',
			{ show: { sendTo: ['session'] } },
		),
		endpointIdField(
			'EvoVoice endpoint to send from, usually one of your phone numbers: pick it from the list (search by name or number) or give its ID from the EvoVoice portal',
			{ show: { sendTo: ['endpointAndAddress'] } },
		),
		{
			displayName: 'To Address',
			name: 'toAddress',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+15556667777',
			displayOptions: { show: { sendTo: ['endpointAndAddress'] } },
			description:
				'Phone number to send to, in international form with + and the country code (E.164), such as +15556667777. Spaces, dashes, dots and brackets are removed; 00 in front is read as +.',
		},
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
		const sendTo = asTrimmedString(ctx.getNodeParameter('sendTo', itemIndex, 'endpointAndAddress'));
		let path: string;
		let target: RequestTarget;
		let recipient: Omit<EvoVoiceSendMessageBody, 'body'>;
		if (sendTo === 'session') {
			const sessionId = readIdText(ctx, 'sessionId', itemIndex);
			if (sessionId === '') {
				throw inputError(node, itemIndex, 'Session ID is empty: give the EvoVoice session to post the message in.');
			}
			const segment = pathSegment(sessionId);
			if (segment === undefined) {
				throw inputError(node, itemIndex, `Session ID "${sessionId}" is not an ID: "." and ".." would send the message to another address.`);
			}
			path = `/sessions/${segment}/messages`;
			target = { noun: 'session', field: 'Session ID' };
			recipient = { sessionId };
		} else if (sendTo === 'endpointAndAddress') {
			const endpointId = readIdText(ctx, 'endpointId', itemIndex);
			if (endpointId === '') {
				throw inputError(node, itemIndex, 'Endpoint ID is empty: give the EvoVoice endpoint (usually your phone number) to send from.');
			}
			const phone = normalizePhoneNumber(ctx.getNodeParameter('toAddress', itemIndex, ''));
			if ('error' in phone) throw inputError(node, itemIndex, phone.error);
			path = '/messages';
			target = { noun: 'endpoint', field: 'Endpoint ID' };
			recipient = { endpointId, toAddress: phone.number };
		} else {
			throw inputError(node, itemIndex, `Send To must be "session" or "endpointAndAddress", not "${shownValue(sendTo)}".`);
		}

		// EvoVoice documents no maximum length for a message, so none is invented here.
		const text = asText(ctx.getNodeParameter('body', itemIndex, ''));
		if (text.trim() === '') throw inputError(node, itemIndex, 'Message is empty: give the text to send.');

		const body: EvoVoiceSendMessageBody = { ...recipient, body: text };
		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) =>
			await vendorRequest<EvoVoiceMessageInfo>(ctx, connection, { method: 'POST', path, body, itemIndex, timeoutMs, target });
	},
});
