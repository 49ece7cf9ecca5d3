import { expectRecord } from '../../../shared/answers';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { readEdnaId, THREAD, threadIdField } from '../../threadFields';
import { ednaConnection } from '../../transport';

/**
 * GET /api/v1/threads/{id}: a thread's status, agents, client and URL
 * (https://docs.edna.io/kb/get-thread-details). edna documents no list of
 * threads, so the ID is typed or mapped in (By ID only).
 */
export const get = defineOperation({
	resource: 'thread',
	operation: 'get',
	name: 'Get',
	description: 'Get a thread (conversation) with its status, agent, client and link',
	action: 'Get a thread',
	fields: [
		threadIdField('The numeric ID edna gives the thread (threadId), for example from an edna webhook or from Send to Device'),
	],

	async prepare(ctx, itemIndex) {
		const threadId = readEdnaId(ctx, itemIndex, 'threadId', 'Thread ID', 'the ID of the edna thread');
		const connection = await ednaConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'GET',
				path: `/api/v1/threads/${threadId}`,
				itemIndex,
				timeoutMs,
				target: THREAD,
			});
			return expectRecord(ctx, connection, itemIndex, answer, { idField: 'id', noun: 'the thread' });
		};
	},
});
