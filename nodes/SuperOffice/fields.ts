import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { expectList } from '../shared/answers';
import { inputError } from '../shared/errors';
import { locatorField, readLocator } from '../shared/listSearch';
import { vendorRequest } from '../shared/transport';
import type { Connection, RequestTarget } from '../shared/vendor';
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

/**
 * Chat Session: picked from the user's chat sessions or given by ID. Saved
 * workflows that typed the ID as plain text still run: readChatSessionId
 * reads either form.
 */
export function chatSessionIdField(description: string): INodeProperties {
	return locatorField({
		displayName: 'Chat Session ID',
		name: 'chatSessionId',
		description,
		searchListMethod: 'searchChatSessions',
		idPlaceholder: '123',
		idPattern: '^\\s*\\d+\\s*$',
		idError: 'A chat session ID is a whole number, such as 123',
	});
}

/** Reads and checks the Chat Session of one item (from the list, by ID, or a plain ID saved by an earlier version). */
export function readChatSessionId(ctx: IExecuteFunctions, itemIndex: number): number {
	return readWholeId(ctx, itemIndex, 'chatSessionId', 'Chat Session ID', 'chat session');
}

/** A SuperOffice ID (int32) from a resource locator, or an error naming the field. */
export function readWholeId(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string, noun: string): number {
	const raw = readLocator(ctx, name, itemIndex);
	if (shownValue(raw) === '') {
		throw inputError(ctx.getNode(), itemIndex, `${label} is empty: give the ID of the SuperOffice ${noun}.`);
	}
	const parsed = parseWholeNumber(label, raw, { min: 1, max: MAX_ID, what: 'a positive whole number' });
	if ('error' in parsed) throw inputError(ctx.getNode(), itemIndex, parsed.error);
	return parsed.value;
}

/** What a chat-session path names, for the hint on a 404. */
export const CHAT_SESSION: RequestTarget = { noun: 'chat session', field: 'Chat Session ID' };

/** Chat Topic: picked from the topics the user is a member of, or given by ID. */
export function chatTopicIdField(description: string): INodeProperties {
	return locatorField({
		displayName: 'Chat Topic ID',
		name: 'chatTopicId',
		description,
		searchListMethod: 'searchChatTopics',
		idPlaceholder: '1',
		idPattern: '^\\s*\\d+\\s*$',
		idError: 'A chat topic ID is a whole number, such as 1',
	});
}

export function readChatTopicId(ctx: IExecuteFunctions, itemIndex: number): number {
	return readWholeId(ctx, itemIndex, 'chatTopicId', 'Chat Topic ID', 'chat topic');
}

/** What a chat-topic path names, for the hint on a 404. */
export const CHAT_TOPIC: RequestTarget = { noun: 'chat topic', field: 'Chat Topic ID' };

/**
 * A ForCurrentUser list (chat sessions or topics of the signed-in user):
 * SuperOffice sends it whole, so the Limit is applied here.
 */
export async function forCurrentUser(
	ctx: IExecuteFunctions,
	connection: Connection,
	request: { path: string; noun: string; limit?: number; itemIndex: number; timeoutMs: number },
): Promise<IDataObject[]> {
	const { path, noun, limit, itemIndex, timeoutMs } = request;
	const answer = await vendorRequest(ctx, connection, { method: 'GET', path, itemIndex, timeoutMs });
	const records = expectList(ctx, connection, itemIndex, answer, `a list of ${noun}`);
	return limit === undefined ? records : records.slice(0, limit);
}
