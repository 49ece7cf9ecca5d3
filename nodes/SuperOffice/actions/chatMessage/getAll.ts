import { expectList } from '../../../shared/answers';
import { inputError } from '../../../shared/errors';
import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { simplified, simplifyField } from '../../../shared/simplify';
import { vendorRequest } from '../../../shared/transport';
import { parseWholeNumber, shownValue } from '../../../shared/validation';
import { superOfficeConnection } from '../../connection';
import { CHAT_SESSION, chatSessionIdField, MAX_ID, readChatSessionId } from '../../fields';
import { simpleChatMessage } from '../../simplify';

/** GET /api/v1/ChatSession/{id}/Messages, optionally only those after a given message. */
export const getAll = defineOperation({
	resource: 'chatMessage',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get the messages of a chat session, or only those after a given message',
	action: 'Get many chat messages',
	fields: [
		chatSessionIdField('ID of the SuperOffice chat session whose messages to get (ChatSessionId)'),
		{
			displayName: 'After Message ID',
			name: 'afterMessageId',
			type: 'string',
			default: '',
			placeholder: '1042',
			description:
				'Only get messages newer than this one: give the Chat Message ID of the last message you already have. Leave empty (or 0) for all messages.',
		},
		...returnAllFields(),
		simplifyField('who wrote each message, when, in which direction and its text'),
	],

	async prepare(ctx, itemIndex) {
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
			if ('error' in parsed) throw inputError(ctx.getNode(), itemIndex, parsed.error);
			if (parsed.value > 0) after = parsed.value;
		}
		const limit = readLimit(ctx, itemIndex, 'message');
		const simplify = simplified(ctx, itemIndex, simpleChatMessage);

		const connection = await superOfficeConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'GET',
				path: `/api/v1/ChatSession/${chatSessionId}/Messages`,
				qs: after !== undefined ? { after } : undefined,
				itemIndex,
				timeoutMs,
				target: CHAT_SESSION,
			});
			const messages = expectList(ctx, connection, itemIndex, answer, 'a list of chat messages');
			// This endpoint has no paging parameters (only `after`), so SuperOffice
			// always sends the whole list and the Limit is applied here.
			return simplify(limit === undefined ? messages : messages.slice(0, limit));
		};
	},
});
