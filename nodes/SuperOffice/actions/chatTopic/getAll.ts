import { expectList } from '../../../shared/answers';
import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { simplified, simplifyField } from '../../../shared/simplify';
import { vendorRequest } from '../../../shared/transport';
import { superOfficeConnection } from '../../connection';
import { simpleChatTopic } from '../../simplify';

/**
 * GET /api/v1/ChatTopic/ForCurrentUser: the topics the signed-in user is a
 * member of (can respond, notifications, listen or manager). No paging: the
 * whole list comes at once
 * (https://docs.superoffice.com/en/api/reference/restful/rest/ChatTopic/v1ChatTopicEntity_ChatTopicsForUser.html).
 */
export const getAll = defineOperation({
	resource: 'chatTopic',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get the chat topics (queues) the signed-in user is a member of',
	action: 'Get many chat topics',
	fields: [...returnAllFields(), simplifyField('the ID, name and description of each topic')],

	async prepare(ctx, itemIndex) {
		const limit = readLimit(ctx, itemIndex, 'chat topic');
		const simplify = simplified(ctx, itemIndex, simpleChatTopic);
		const connection = await superOfficeConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'GET',
				path: '/api/v1/ChatTopic/ForCurrentUser',
				itemIndex,
				timeoutMs,
			});
			const topics = expectList(ctx, connection, itemIndex, answer, 'a list of chat topics');
			return simplify(limit === undefined ? topics : topics.slice(0, limit));
		};
	},
});
