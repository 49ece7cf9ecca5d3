import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../shared/errors';
import { chatSessionIdField, MAX_ID, parseWholeNumber, readChatSessionId, shownValue } from '../fields';
import { prepareRequest, type SuperOfficePrepared } from '../transport';

const show = { resource: ['chatMessage'], operation: ['getAll'] };

export const getChatMessagesFields: INodeProperties[] = [
	chatSessionIdField(show, 'ID of the SuperOffice chat session whose messages to get (ChatSessionId)'),
	{
		displayName: 'After Message ID',
		name: 'afterMessageId',
		type: 'string',
		default: '',
		placeholder: '1042',
		displayOptions: { show },
		description:
			'Only get messages newer than this one: give the Chat Message ID of the last message you already have. Leave empty (or 0) for all messages.',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { ...show, returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/** Reads and checks one item's parameters; sends nothing. */
export async function prepareGetChatMessages(ctx: IExecuteFunctions, itemIndex: number): Promise<SuperOfficePrepared> {
	const node = ctx.getNode();
	const chatSessionId = readChatSessionId(ctx, itemIndex);

	// `after` is the documented way to pick up only new messages
	// (GET ChatSession/{id}/Messages?after={messageId}); 0 means from the start.
	const rawAfter = ctx.getNodeParameter('afterMessageId', itemIndex, '');
	let after: number | undefined;
	if (shownValue(rawAfter) !== '') {
		const parsed = parseWholeNumber('After Message ID', rawAfter, {
			min: 0,
			max: MAX_ID,
			what: 'the whole-number ID of a chat message',
		});
		if ('error' in parsed) throw inputError(node, itemIndex, parsed.error);
		if (parsed.value > 0) after = parsed.value;
	}

	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	let limit: number | undefined;
	if (!returnAll) {
		const parsed = parseWholeNumber('Limit', ctx.getNodeParameter('limit', itemIndex, 50), {
			min: 1,
			max: MAX_ID,
			what: 'a positive whole number',
		});
		if ('error' in parsed) throw inputError(node, itemIndex, parsed.error);
		limit = parsed.value;
	}

	return await prepareRequest(ctx, itemIndex, {
		method: 'GET',
		path: `/api/v1/ChatSession/${chatSessionId}/Messages`,
		qs: after !== undefined ? { after } : undefined,
		expect: { kind: 'list', what: 'a list of chat messages', limit },
	});
}
