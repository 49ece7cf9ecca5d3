import { expectRecord } from '../../../shared/answers';
import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { asTrimmedString, shownValue } from '../../../shared/validation';
import type { RequestTarget } from '../../../shared/vendor';
import { contentFields, readContent } from '../../content';
import { readEdnaId, THREAD, threadIdField } from '../../threadFields';
import { ednaConnection } from '../../transport';

/**
 * POST /api/v1/messages/outgoing: a message to an existing client, found by
 * edna's client ID, your client ID or a thread ID, without naming an agent
 * (https://docs.edna.io/kb/send-outgoing-messages-to-existing-clients).
 */
export const sendToThread = defineOperation({
	resource: 'message',
	operation: 'sendToThread',
	name: 'Send to Thread',
	description: 'Send a message into the thread of an existing client, found by thread ID or client ID',
	action: 'Send a message to a thread',
	fields: [
		{
			displayName: 'Identify By',
			name: 'identifyBy',
			type: 'options',
			options: [
				{ name: 'External Client ID', value: 'clientId', description: "Your system's ID for the client (clientId)" },
				{ name: 'Internal Client ID', value: 'threadsClientId', description: 'The numeric ID edna gives the client (threadsClientId)' },
				{ name: 'Thread ID', value: 'threadId', description: 'The numeric ID edna gives one of the client’s threads (threadId)' },
			],
			default: 'threadId',
			description: 'How edna finds the client to write to',
		},
		threadIdField('The numeric ID edna gives the thread (threadId), for example from an edna webhook', {
			show: { identifyBy: ['threadId'] },
		}),
		{
			displayName: 'Internal Client ID',
			name: 'threadsClientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1001',
			displayOptions: { show: { identifyBy: ['threadsClientId'] } },
			description: 'The numeric ID edna gives the client (threadsClientId), for example from Client → Find',
		},
		{
			displayName: 'External Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { identifyBy: ['clientId'] } },
			description: "Your system's ID for the client, as edna knows it (clientId)",
		},
		...contentFields(),
	],

	async prepare(ctx, itemIndex) {
		const node = ctx.getNode();
		const identifyBy = ctx.getNodeParameter('identifyBy', itemIndex, 'threadId');
		let recipient: { threadId: number } | { threadsClientId: number } | { clientId: string };
		let target: RequestTarget | undefined;
		if (identifyBy === 'threadId') {
			recipient = { threadId: readEdnaId(ctx, itemIndex, 'threadId', 'Thread ID', 'the thread to write in') };
			target = THREAD;
		} else if (identifyBy === 'threadsClientId') {
			recipient = { threadsClientId: readEdnaId(ctx, itemIndex, 'threadsClientId', 'Internal Client ID', 'the client edna should message') };
		} else if (identifyBy === 'clientId') {
			const clientId = asTrimmedString(ctx.getNodeParameter('clientId', itemIndex, ''));
			if (clientId === '') throw inputError(node, itemIndex, 'External Client ID is empty: give the client edna should message.');
			recipient = { clientId };
		} else {
			throw inputError(node, itemIndex, `Identify By must be threadId, threadsClientId or clientId, not "${shownValue(identifyBy)}".`);
		}
		const { text, attachments } = readContent(ctx, itemIndex);
		const body = { ...recipient, ...(text !== undefined ? { text } : {}), attachments };
		const connection = await ednaConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'POST',
				path: '/api/v1/messages/outgoing',
				body,
				itemIndex,
				timeoutMs,
				target,
			});
			// edna's page shows no answer for this call; outgoing-from-myself answers { id }, which is what is checked.
			return expectRecord(ctx, connection, itemIndex, answer, { idField: 'id', noun: 'the ID of the sent message', sent: true });
		};
	},
});
