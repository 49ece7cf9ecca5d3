import { unexpectedAnswer } from '../../../shared/answers';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { superOfficeConnection } from '../../connection';
import { CHAT_TOPIC, chatTopicIdField, readChatTopicId } from '../../fields';

/**
 * GET /api/v1/ChatTopic/{id}/IsOpen: whether it is within the topic's opening
 * hours right now, in the topic's time zone
 * (https://docs.superoffice.com/en/api/reference/restful/rest/ChatTopic/v1ChatTopicEntity_IsWithinOpeningHours.html).
 */
export const isOpen = defineOperation({
	resource: 'chatTopic',
	operation: 'isOpen',
	name: 'Is Open',
	description: 'Check whether a chat topic is within its opening hours right now',
	action: 'Check whether a chat topic is open',
	fields: [
		chatTopicIdField('The SuperOffice chat topic (queue) to check: pick one of your topics, or give its ChatTopicId'),
	],

	async prepare(ctx, itemIndex) {
		const chatTopicId = readChatTopicId(ctx, itemIndex);
		const connection = await superOfficeConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'GET',
				path: `/api/v1/ChatTopic/${chatTopicId}/IsOpen`,
				itemIndex,
				timeoutMs,
				target: CHAT_TOPIC,
			});
			if (typeof answer !== 'boolean') throw unexpectedAnswer(ctx, connection, itemIndex, 'without true or false', answer);
			return { chatTopicId, isOpen: answer };
		};
	},
});
