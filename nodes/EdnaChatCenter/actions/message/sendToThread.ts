import { expectRecord } from '../../../shared/answers';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { contentFields, readContent } from '../../content';
import { readThreadRecipient, threadRecipientFields } from '../../threadFields';
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
		...threadRecipientFields(),
		...contentFields(),
	],

	async prepare(ctx, itemIndex) {
		const { recipient, target } = readThreadRecipient(ctx, itemIndex);
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
