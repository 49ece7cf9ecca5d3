import { expectRecord } from '../../../shared/answers';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { superOfficeConnection } from '../../connection';
import { CHAT_TOPIC, chatTopicIdField, readChatTopicId } from '../../fields';

/**
 * POST /api/v1/ChatTopic/{chatTopicId}/Sessions: a new session on a topic.
 * The reference page documents no request body, so none is sent
 * (https://docs.superoffice.com/en/api/reference/restful/rest/ChatTopic/v1ChatTopicEntity_CreateChatSessionForTopic.html).
 */
export const create = defineOperation({
	resource: 'chatSession',
	operation: 'create',
	name: 'Create',
	description: 'Start a new chat session on a chat topic',
	action: 'Create a chat session',
	fields: [
		chatTopicIdField(
			'The SuperOffice chat topic (queue) to start the session on: pick one of the topics you are a member of, or give its ChatTopicId',
		),
	],

	async prepare(ctx, itemIndex) {
		const chatTopicId = readChatTopicId(ctx, itemIndex);
		const connection = await superOfficeConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'POST',
				path: `/api/v1/ChatTopic/${chatTopicId}/Sessions`,
				itemIndex,
				timeoutMs,
				target: CHAT_TOPIC,
			});
			return expectRecord(ctx, connection, itemIndex, answer, { idField: 'ChatSessionId', noun: 'the new chat session', sent: true });
		};
	},
});
