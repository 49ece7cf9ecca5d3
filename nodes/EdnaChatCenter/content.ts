import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import { asText, asTrimmedString, tooLong } from '../shared/validation';
import { attachmentFields, readAttachments } from './attachments';
import type { EdnaAttachment } from './types';

export const TEXT_MAX = 2000;

/** edna channel types (docs.edna.io/kb/message-webhook), sorted by display name. */
export const CHANNEL_TYPES = [
	{ name: 'Apple Business Chat', value: 'APPLE_BUSINESS_CHAT' },
	{ name: 'Email', value: 'EMAIL' },
	{ name: 'Facebook', value: 'FACEBOOK' },
	{ name: 'Mobile App', value: 'MOBILE' },
	{ name: 'Telegram', value: 'TELEGRAM' },
	{ name: 'Viber', value: 'VIBER' },
	{ name: 'Viber Public Account', value: 'VIBERPA' },
	{ name: 'VKontakte', value: 'VKONTAKTE' },
	{ name: 'Web Chat', value: 'WEB' },
	{ name: 'WhatsApp', value: 'WHATSAPP' },
	{ name: 'Yandex', value: 'YANDEX' },
];

export function channelTypeField(description: string): INodeProperties {
	return {
		displayName: 'Channel Type',
		name: 'channelType',
		type: 'options',
		options: CHANNEL_TYPES,
		default: 'WHATSAPP',
		required: true,
		description,
	};
}

function textField(): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'Message text, up to 2,000 characters. May be left empty when the message has at least one attachment.',
	};
}

export function readChannelType(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = asTrimmedString(ctx.getNodeParameter('channelType', itemIndex)).toUpperCase();
	if (!CHANNEL_TYPES.some((c) => c.value === value)) {
		throw inputError(
			ctx.getNode(),
			itemIndex,
			`Channel Type "${value}" is not one edna knows. Use one of ${CHANNEL_TYPES.map((c) => c.value).join(', ')}.`,
		);
	}
	return value;
}

/** Reads and checks the text and attachments shared by both send operations. */
export function readContent(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { text?: string; attachments: EdnaAttachment[] } {
	const node = ctx.getNode();
	const text = asText(ctx.getNodeParameter('text', itemIndex, ''));
	const over = tooLong('Text', text, TEXT_MAX, 'edna');
	if (over) throw inputError(node, itemIndex, over);

	const mode = ctx.getNodeParameter('attachmentsInput', itemIndex, 'fields') as string;
	const parsed = readAttachments(
		mode,
		mode === 'fields' ? ctx.getNodeParameter('attachments', itemIndex, {}) : undefined,
		mode === 'json' ? ctx.getNodeParameter('attachmentsJson', itemIndex, '[]') : undefined,
	);
	if ('error' in parsed) throw inputError(node, itemIndex, parsed.error);

	if (text.trim() === '' && parsed.attachments.length === 0) {
		throw inputError(node, itemIndex, 'The message is empty: give a Text or at least one attachment.');
	}
	return { text: text.trim() === '' ? undefined : text, attachments: parsed.attachments };
}

/** What a message holds: its text and its attachments (given in fields or as JSON). */
export function contentFields(): INodeProperties[] {
	return [textField(), ...attachmentFields()];
}

/** The App Marker additional field: which of the client's applications the message is for. */
export function appMarkerField(description: string): INodeProperties {
	return { displayName: 'App Marker', name: 'appMarker', type: 'string', default: '', description };
}
