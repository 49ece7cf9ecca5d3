import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { asTrimmedString, isEmpty, readWholeNumber, shownValue, tooLong } from '../shared/validation';
import type { EdnaAttachment } from './types';

/** Attachment limits from edna's docs (attachment object). */
export const ATTACHMENT_LIMITS = { url: 4000, name: 1000, type: 256 };

export function attachmentFields(): INodeProperties[] {
	return [
		{
			displayName: 'Attachments Input',
			name: 'attachmentsInput',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Using Fields Below',
					value: 'fields',
					description: 'Add each attachment with its URL, name, type and size',
				},
				{
					name: 'Using JSON',
					value: 'json',
					description: 'Give a JSON array of attachments, for example from an earlier node',
				},
			],
			default: 'fields',
			description:
				'How the attachments are given: one by one in the fields below, or as a JSON array, for example from an earlier node',
		},
		{
			displayName: 'Attachments',
			name: 'attachments',
			type: 'fixedCollection',
			placeholder: 'Add Attachment',
			typeOptions: { multipleValues: true },
			displayOptions: { show: { attachmentsInput: ['fields'] } },
			default: {},
			description: 'Files sent with the message, each by a public URL edna fetches it from',
			options: [
				{
					displayName: 'Attachment',
					name: 'attachment',
					values: [
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							required: true,
							placeholder: 'https://example.com/files/invoice.pdf',
							description: 'Public address of the file (up to 4,000 characters)',
						},
						{
							displayName: 'File Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'invoice.pdf',
							description:
								'File name shown to the customer, with its extension unless the MIME type is given (up to 1,000 characters)',
						},
						{
							displayName: 'MIME Type',
							name: 'type',
							type: 'string',
							default: '',
							placeholder: 'application/pdf',
							description: 'For example image/jpeg or application/pdf (up to 256 characters)',
						},
						{
							displayName: 'Size (Bytes)',
							name: 'size',
							type: 'number',
							default: 0,
							typeOptions: { minValue: 0 },
							description: 'File size in bytes; 0 if unknown',
						},
					],
				},
			],
		},
		{
			displayName: 'Attachments (JSON)',
			name: 'attachmentsJson',
			type: 'json',
			displayOptions: { show: { attachmentsInput: ['json'] } },
			default: '[]',
			placeholder: '[{"url": "https://example.com/a.jpg", "name": "a.jpg", "type": "image/jpeg", "size": 2048}]',
			description:
				'An array of attachment objects, each with a URL, a file name and/or MIME type, and optionally a size in bytes',
		},
	];
}

/**
 * Turns the editor's attachment list, or a JSON array (string or value from an
 * expression), into edna attachment objects. Returns an error sentence naming
 * the attachment and field when anything is malformed or over edna's limits.
 */
export function readAttachments(
	mode: string,
	fromFields: unknown,
	fromJson: unknown,
): { attachments: EdnaAttachment[] } | { error: string } {
	let raw: unknown[];
	if (mode === 'json') {
		let value = fromJson;
		if (typeof value === 'string') {
			if (value.trim() === '') return { attachments: [] };
			try {
				value = JSON.parse(value);
			} catch {
				return { error: 'Attachments (JSON) is not valid JSON. Give an array such as [{"url": "https://…", "name": "photo.jpg"}].' };
			}
		}
		if (value === undefined || value === null) return { attachments: [] };
		if (!Array.isArray(value)) {
			if (typeof value === 'object') value = [value];
			else return { error: 'Attachments (JSON) must be an array of attachment objects.' };
		}
		raw = value as unknown[];
	} else {
		const list = (fromFields as IDataObject | undefined)?.attachment;
		raw = Array.isArray(list) ? list : [];
	}

	const attachments: EdnaAttachment[] = [];
	for (let i = 0; i < raw.length; i++) {
		const label = `Attachment ${i + 1}`;
		const entry = raw[i];
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
			return { error: `${label} must be an object with url, name, type and size.` };
		}
		const record = entry as IDataObject;
		const url = asTrimmedString(record.url);
		const name = asTrimmedString(record.name);
		const type = asTrimmedString(record.type);
		if (url === '') return { error: `${label} has no URL.` };
		if (!/^https?:\/\/\S+$/i.test(url)) {
			return { error: `${label} URL must be an http(s) address, not "${shownValue(url, 60)}".` };
		}
		const over =
			tooLong(`${label} URL`, url, ATTACHMENT_LIMITS.url, 'edna') ??
			tooLong(`${label} file name`, name, ATTACHMENT_LIMITS.name, 'edna') ??
			tooLong(`${label} MIME type`, type, ATTACHMENT_LIMITS.type, 'edna');
		if (over) return { error: over };
		if (type === '' && !/\.[A-Za-z0-9]{1,10}$/.test(name)) {
			return {
				error: `${label} needs a file name with an extension (such as photo.jpg) or a MIME type, or edna cannot show it to the customer.`,
			};
		}
		let size: number | undefined;
		if (!isEmpty(record.size)) {
			size = readWholeNumber(record.size);
			if (size === undefined) {
				return { error: `${label} size must be a whole number of bytes, not "${shownValue(record.size)}".` };
			}
		}
		const attachment: EdnaAttachment = { url };
		if (name) attachment.name = name;
		if (type) attachment.type = type;
		if (size !== undefined && size > 0) attachment.size = size;
		attachments.push(attachment);
	}
	return { attachments };
}
