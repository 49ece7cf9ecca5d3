import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { expectRecord } from '../../../shared/answers';
import { toUtcIso } from '../../../shared/dates';
import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { additionalFieldsField } from '../../../shared/options';
import { vendorRequest } from '../../../shared/transport';
import { asText, asTrimmedString, isEmpty, parseWholeNumber, shownValue } from '../../../shared/validation';
import { superOfficeConnection } from '../../connection';
import {
	CHAT_SESSION,
	chatSessionIdField,
	MAX_ID,
	matchEnum,
	MESSAGE_TYPES,
	readChatSessionId,
	SPECIAL_TYPES,
} from '../../fields';
import type { ChatMessageRequest } from '../../types';

/**
 * POST /api/v1/ChatSession/{chatSessionId}/Messages
 * (https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_AddChatMessage.html).
 */
export const add = defineOperation({
	resource: 'chatMessage',
	operation: 'add',
	name: 'Add',
	description: 'Add a message to a chat session, for example to answer the customer',
	action: 'Add a chat message',
	fields: [
		chatSessionIdField(
			'ID of the SuperOffice chat session to write in (ChatSessionId), as shown in SuperOffice or given by a SuperOffice chat webhook',
		),
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'Text of the message',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: MESSAGE_TYPES,
			default: 'ToCustomer',
			description: 'Who the message is for. To Customer writes to the customer in the chat.',
		},
		additionalFieldsField([
			{
				displayName: 'Author',
				name: 'author',
				type: 'string',
				default: '',
				placeholder: 'Anna from Support',
				description:
					'Sender name shown with the message. Leave empty to send none and let SuperOffice decide what to show.',
			},
			{
				displayName: 'Read By Customer',
				name: 'readByCustomer',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Whether the customer has read the message: 0 for not read, 1 for read',
			},
			{
				displayName: 'Special Parameter',
				name: 'specialParam',
				type: 'string',
				default: '',
				description: 'Value that goes with the Special Type, such as the address for a URL message',
			},
			{
				displayName: 'Special Type',
				name: 'specialType',
				type: 'options',
				options: SPECIAL_TYPES,
				default: 'None',
				description: 'Kind of special message, for messages of Type Special. None for ordinary messages.',
			},
			{
				displayName: 'When Posted',
				name: 'whenPosted',
				type: 'dateTime',
				default: '',
				description:
					'When the message was posted; sent to SuperOffice in UTC. A time without a time zone is read in the workflow’s time zone. Leave empty for now.',
			},
		]),
	],

	async prepare(ctx, itemIndex) {
		const node = ctx.getNode();
		const chatSessionId = readChatSessionId(ctx, itemIndex);

		const message = asText(ctx.getNodeParameter('message', itemIndex, ''));
		if (message.trim() === '') {
			throw inputError(node, itemIndex, 'Message is empty: give the text to add to the chat session.');
		}

		const rawType = ctx.getNodeParameter('type', itemIndex, 'ToCustomer');
		const type = matchEnum(MESSAGE_TYPES, rawType);
		if (type === undefined) {
			throw inputError(node, itemIndex, `Type must be ToCustomer, ToUser or Special, not "${shownValue(rawType)}".`);
		}

		const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: ChatMessageRequest = { ChatSessionId: chatSessionId, Type: type, Message: message, SpecialType: 'None' };

		if (!isEmpty(additional.specialType)) {
			const specialType = matchEnum(SPECIAL_TYPES, additional.specialType);
			if (specialType === undefined) {
				throw inputError(
					node,
					itemIndex,
					`Special Type must be one of ${SPECIAL_TYPES.map((o) => o.value).join(', ')}, not "${shownValue(additional.specialType)}".`,
				);
			}
			body.SpecialType = specialType;
		}

		const author = asTrimmedString(additional.author);
		if (author !== '') body.Author = author;

		const specialParam = asTrimmedString(additional.specialParam);
		if (specialParam !== '') body.SpecialParam = specialParam;

		if (!isEmpty(additional.readByCustomer)) {
			const raw = additional.readByCustomer;
			const parsed =
				typeof raw === 'boolean'
					? { value: raw ? 1 : 0 }
					: parseWholeNumber('Read By Customer', raw, {
							min: 0,
							max: MAX_ID,
							what: 'a whole number (0 for not read, 1 for read)',
						});
			if ('error' in parsed) throw inputError(node, itemIndex, parsed.error);
			body.ReadByCustomer = parsed.value;
		}

		if (!isEmpty(additional.whenPosted)) {
			const whenPosted = toUtcIso(additional.whenPosted, ctx.getTimezone());
			if (whenPosted === undefined) {
				throw inputError(
					node,
					itemIndex,
					`When Posted must be a date and time such as 2024-05-01T10:00:00Z, not "${shownValue(additional.whenPosted)}".`,
				);
			}
			body.WhenPosted = whenPosted;
		}

		return await chatMessageSend(ctx, itemIndex, chatSessionId, body);
	},
});

/** The request that adds `body` to chat session `chatSessionId`, checked before anything is sent; resolves with the stored message. */
export async function chatMessageSend(
	ctx: IExecuteFunctions,
	itemIndex: number,
	chatSessionId: number,
	body: ChatMessageRequest,
): Promise<(timeoutMs: number) => Promise<IDataObject>> {
	const connection = await superOfficeConnection(ctx, itemIndex);
	return async (timeoutMs) => {
		const answer = await vendorRequest(ctx, connection, {
			method: 'POST',
			path: `/api/v1/ChatSession/${chatSessionId}/Messages`,
			body,
			itemIndex,
			timeoutMs,
			target: CHAT_SESSION,
		});
		return expectRecord(ctx, connection, itemIndex, answer, { idField: 'ChatMessageId', noun: 'the stored chat message', sent: true });
	};
}
