import { unexpectedAnswer } from '../../../shared/answers';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { superOfficeConnection } from '../../connection';
import { CHAT_SESSION, chatSessionIdField, readChatSessionId } from '../../fields';

/**
 * POST /api/v1/ChatSession/{id}/Transcript?html=…: the whole conversation as
 * one text (or HTML). It is a POST that only reads
 * (https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_GetChatTranscript.html).
 */
export const getTranscript = defineOperation({
	resource: 'chatSession',
	operation: 'getTranscript',
	name: 'Get Transcript',
	description: 'Get the whole conversation of a chat session as one text, for a ticket, an email or an AI summary',
	action: 'Get a chat session transcript',
	fields: [
		chatSessionIdField('The chat session whose transcript to get: pick one of your sessions, or give its ChatSessionId'),
		{
			displayName: 'As HTML',
			name: 'html',
			type: 'boolean',
			default: false,
			description: 'Whether to get the transcript formatted as HTML instead of plain text',
		},
	],

	async prepare(ctx, itemIndex) {
		const chatSessionId = readChatSessionId(ctx, itemIndex);
		const html = ctx.getNodeParameter('html', itemIndex, false) === true;
		const connection = await superOfficeConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'POST',
				path: `/api/v1/ChatSession/${chatSessionId}/Transcript`,
				qs: { html },
				readOnly: true,
				itemIndex,
				timeoutMs,
				target: CHAT_SESSION,
			});
			if (typeof answer !== 'string') {
				throw unexpectedAnswer(ctx, connection, itemIndex, 'without a transcript', answer);
			}
			return { chatSessionId, format: html ? 'html' : 'text', transcript: answer };
		};
	},
});
