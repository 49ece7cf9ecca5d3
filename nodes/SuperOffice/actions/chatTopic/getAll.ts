import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { simplified, simplifyField } from '../../../shared/simplify';
import { superOfficeConnection } from '../../connection';
import { forCurrentUser } from '../../fields';
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
		return async (timeoutMs) =>
			simplify(await forCurrentUser(ctx, connection, { path: '/api/v1/ChatTopic/ForCurrentUser', noun: 'chat topics', limit, itemIndex, timeoutMs }));
	},
});
