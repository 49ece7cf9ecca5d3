import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../shared/errors';
import { asTrimmedString } from '../../shared/validation';
import { normalizePhoneNumber } from '../phone';
import { evoVoiceBaseUrl, evoVoiceRequest } from '../transport';
import type { EvoVoiceMessageInfo, EvoVoiceSendMessageBody } from '../types';

const show = { resource: ['message'], operation: ['send'] };

export const sendFields: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		displayOptions: { show },
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
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, sendTo: ['session'] } },
		description:
			'ID of the EvoVoice session to post the message in, for example from an EvoVoice webhook. The message goes to the other party of that session.',
	},
	{
		displayName: 'Endpoint ID',
		name: 'endpointId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, sendTo: ['endpointAndAddress'] } },
		description:
			'ID of the EvoVoice endpoint to send from, usually one of your phone numbers. Find it in the EvoVoice portal under Endpoints.',
	},
	{
		displayName: 'To Address',
		name: 'toAddress',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+15556667777',
		displayOptions: { show: { ...show, sendTo: ['endpointAndAddress'] } },
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
		displayOptions: { show },
		description: 'Text of the message to send',
	},
];

/** A send request that passed validation. */
export interface EvoVoiceSendPrepared {
	baseUrl: string;
	path: string;
	body: EvoVoiceSendMessageBody;
}

/** Reads and checks one item's parameters; sends nothing. */
export async function prepareSend(ctx: IExecuteFunctions, itemIndex: number): Promise<EvoVoiceSendPrepared> {
	const node = ctx.getNode();
	const sendTo = asTrimmedString(ctx.getNodeParameter('sendTo', itemIndex, 'endpointAndAddress'));
	if (sendTo !== 'session' && sendTo !== 'endpointAndAddress') {
		throw inputError(node, itemIndex, `Send To must be "session" or "endpointAndAddress", not "${sendTo.slice(0, 40)}".`);
	}

	let path: string;
	let target: Omit<EvoVoiceSendMessageBody, 'body'>;
	if (sendTo === 'session') {
		const sessionId = asTrimmedString(ctx.getNodeParameter('sessionId', itemIndex, ''));
		if (sessionId === '') {
			throw inputError(node, itemIndex, 'Session ID is empty: give the EvoVoice session to post the message in.');
		}
		path = `/sessions/${encodeURIComponent(sessionId)}/messages`;
		target = { sessionId };
	} else {
		const endpointId = asTrimmedString(ctx.getNodeParameter('endpointId', itemIndex, ''));
		if (endpointId === '') {
			throw inputError(node, itemIndex, 'Endpoint ID is empty: give the EvoVoice endpoint (usually your phone number) to send from.');
		}
		const phone = normalizePhoneNumber(ctx.getNodeParameter('toAddress', itemIndex, ''));
		if ('error' in phone) throw inputError(node, itemIndex, phone.error);
		// "All Verbs /messages" (seed 002): the same SendMessage request without a session.
		path = '/messages';
		target = { endpointId, toAddress: phone.number };
	}

	// EvoVoice documents no maximum length for a message, so none is invented here.
	const rawBody = ctx.getNodeParameter('body', itemIndex, '');
	const body = typeof rawBody === 'string' ? rawBody : asTrimmedString(rawBody);
	if (body.trim() === '') throw inputError(node, itemIndex, 'Message is empty: give the text to send.');

	return {
		baseUrl: await evoVoiceBaseUrl(ctx, itemIndex),
		path,
		body: { ...target, body },
	};
}

/** POSTs one prepared message and returns EvoVoice's MessageInfo for it. */
export async function send(
	ctx: IExecuteFunctions,
	prepared: EvoVoiceSendPrepared,
	itemIndex: number,
	timeoutMs: number,
): Promise<EvoVoiceMessageInfo> {
	return await evoVoiceRequest<EvoVoiceMessageInfo>(ctx, {
		method: 'POST',
		baseUrl: prepared.baseUrl,
		path: prepared.path,
		body: prepared.body,
		itemIndex,
		timeoutMs,
	});
}
