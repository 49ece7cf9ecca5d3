import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import type { RequestTarget } from '../shared/vendor';
import { asTrimmedString, parseWholeNumber, shownValue } from '../shared/validation';
import type { ChatMessageSpecialType, ChatMessageType } from './types';

/** SuperOffice IDs are int32 (the reference pages type every ID as int32). */
export const MAX_ID = 2_147_483_647;

/**
 * ChatMessageType values a message can be given, sorted by display name.
 * "Invalid" is the enum's unset value, so it is not offered.
 */
export const MESSAGE_TYPES: Array<INodePropertyOptions & { value: ChatMessageType }> = [
	{
		name: 'Special',
		value: 'Special',
		description: 'A system message; Special Type in Additional Fields says which kind',
	},
	{
		name: 'To Customer',
		value: 'ToCustomer',
		description: 'A message from your side to the customer, shown to them in the chat',
	},
	{
		name: 'To User',
		value: 'ToUser',
		description: 'A message to the SuperOffice user handling the chat, as the customer’s own messages are stored',
	},
];

/** ChatMessageSpecialType values, sorted by display name ("TransferedSession" is the vendor's spelling). */
export const SPECIAL_TYPES: Array<INodePropertyOptions & { value: ChatMessageSpecialType }> = [
	{ name: 'Block', value: 'Block' },
	{ name: 'Bot Message', value: 'BotMessage' },
	{ name: 'Clicked Option', value: 'ClickedOption' },
	{ name: 'Closed by Customer', value: 'ClosedByCustomer' },
	{ name: 'Closed by Idle', value: 'ClosedByIdle' },
	{ name: 'Closed by User', value: 'ClosedByUser' },
	{ name: 'Error', value: 'Error' },
	{ name: 'FAQ Success Question', value: 'FaqSuccessQuestion' },
	{ name: 'Illegal File Type', value: 'IllegalFileType' },
	{ name: 'New Session', value: 'NewSession' },
	{ name: 'None', value: 'None' },
	{ name: 'Options', value: 'Options' },
	{ name: 'Reopened by Customer', value: 'ReopenedByCustomer' },
	{ name: 'Session Deleted', value: 'SessionDeleted' },
	{ name: 'Transfer Rejected', value: 'TransferRejected' },
	{ name: 'Transferred Session', value: 'TransferedSession' },
	{ name: 'URL', value: 'Url' },
	{ name: 'Welcome', value: 'Welcome' },
];

/**
 * Finds the enum value an expression meant: the value itself in any case, or
 * its display name ("To Customer", "closed by idle"). Undefined if none matches.
 */
export function matchEnum<T extends string>(
	options: Array<{ name: string; value: T }>,
	raw: unknown,
): T | undefined {
	const key = asTrimmedString(raw).replace(/[\s_-]+/g, '').toLowerCase();
	if (key === '') return undefined;
	return options.find((o) => o.value.toLowerCase() === key || o.name.replace(/\s+/g, '').toLowerCase() === key)
		?.value;
}

export function chatSessionIdField(description: string): INodeProperties {
	return {
		displayName: 'Chat Session ID',
		name: 'chatSessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '123',
		description,
	};
}

/** Reads and checks the Chat Session ID of one item. */
export function readChatSessionId(ctx: IExecuteFunctions, itemIndex: number): number {
	const raw = ctx.getNodeParameter('chatSessionId', itemIndex, '');
	if (shownValue(raw) === '') {
		throw inputError(
			ctx.getNode(),
			itemIndex,
			'Chat Session ID is empty: give the ID of the SuperOffice chat session.',
		);
	}
	const parsed = parseWholeNumber('Chat Session ID', raw, { min: 1, max: MAX_ID, what: 'a positive whole number' });
	if ('error' in parsed) throw inputError(ctx.getNode(), itemIndex, parsed.error);
	return parsed.value;
}

/** What a chat-session path names, for the hint on a 404. */
export const CHAT_SESSION: RequestTarget = { noun: 'chat session', field: 'Chat Session ID' };
