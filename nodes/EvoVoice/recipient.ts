import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import { asTrimmedString, pathSegment, shownValue } from '../shared/validation';
import type { RequestTarget } from '../shared/vendor';
import { endpointIdField, readIdText, sessionIdField } from './locators';
import { normalizePhoneNumber } from './phone';
import type { EvoVoiceSendMessageBody } from './types';

/** Where a message goes: a session, or from an endpoint to a phone number (Send, Send and Wait for Response). */
export function recipientFields(): INodeProperties[] {
	return [
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
	];
}

/**
 * The request a message to the chosen recipient takes: `POST /sessions/{id}/messages`
 * with the session, or `POST /messages` with the endpoint and the number.
 */
export function readRecipient(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { path: string; target: RequestTarget; recipient: Omit<EvoVoiceSendMessageBody, 'body'> } {
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
	return { path, target, recipient };
}
