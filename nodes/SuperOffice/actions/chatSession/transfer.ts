import { expectRecord } from '../../../shared/answers';
import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { asTrimmedString, pathSegment } from '../../../shared/validation';
import { superOfficeConnection } from '../../connection';
import { CHAT_SESSION, chatSessionIdField, readChatSessionId } from '../../fields';

/**
 * POST /api/v1/ChatSession/{id}/TransferTo/{toAssociate}: asks another user
 * to take the session. `toAssociate` is a user name or an associate ID; if the
 * session does not belong to the signed-in user, SuperOffice does nothing
 * (https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_TransferChatSession.html).
 */
export const transfer = defineOperation({
	resource: 'chatSession',
	operation: 'transfer',
	name: 'Transfer',
	description: 'Ask another SuperOffice user to take over a chat session',
	action: 'Transfer a chat session',
	fields: [
		chatSessionIdField('The chat session to hand over: pick one of your sessions, or give its ChatSessionId'),
		{
			displayName: 'To User',
			name: 'toAssociate',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ANNA or 12',
			description:
				'The SuperOffice user to transfer the session to: their user name (associate name, such as ANNA) or their associate ID',
		},
	],

	async prepare(ctx, itemIndex) {
		const chatSessionId = readChatSessionId(ctx, itemIndex);
		const toAssociate = asTrimmedString(ctx.getNodeParameter('toAssociate', itemIndex, ''));
		if (toAssociate === '') {
			throw inputError(ctx.getNode(), itemIndex, 'To User is empty: give the user name or associate ID of the SuperOffice user.');
		}
		const segment = pathSegment(toAssociate);
		if (segment === undefined) {
			throw inputError(ctx.getNode(), itemIndex, `To User "${toAssociate}" is not a user name or associate ID.`);
		}
		const connection = await superOfficeConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'POST',
				path: `/api/v1/ChatSession/${chatSessionId}/TransferTo/${segment}`,
				itemIndex,
				timeoutMs,
				target: CHAT_SESSION,
			});
			return expectRecord(ctx, connection, itemIndex, answer, { idField: 'ChatSessionId', noun: 'the chat session', sent: true });
		};
	},
});
