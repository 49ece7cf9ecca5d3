import { isRecord, unexpectedAnswer } from '../../../shared/answers';
import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { simplified, simplifyField } from '../../../shared/simplify';
import { vendorRequest } from '../../../shared/transport';
import { filtersField, ID_FILTERS, idListOption, readFilters } from '../../listFilters';
import { simpleConversation } from '../../simplify';
import { evoVoiceConnection } from '../../transport';

const IDS = [ID_FILTERS.accountIds, ID_FILTERS.customerIds, ID_FILTERS.endpointIds];

/**
 * ListConversations: GET /conversations, one per endpoint and outside party,
 * each with its most recent message. Not a paged ListRequest: the answer is
 * `{ conversations: [...] }` at once, so the Limit is applied here
 * (https://evovoice.io/json/metadata?op=ListConversations).
 */
export const getAll = defineOperation({
	resource: 'conversation',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get text conversations (one per phone number you talk with) with their most recent message',
	action: 'Get many conversations',
	fields: [
		...returnAllFields(),
		filtersField('Only conversations that match every filter you add; without filters, every conversation the user may see', [
			idListOption(ID_FILTERS.accountIds, 'conversations of these EvoVoice accounts'),
			idListOption(ID_FILTERS.customerIds, 'conversations of these EvoVoice customers'),
			idListOption(ID_FILTERS.endpointIds, 'conversations of these endpoints, usually your phone numbers'),
			{
				displayName: 'After Date',
				name: 'afterDate',
				type: 'dateTime',
				default: '',
				description:
					"Only conversations active after this moment. A date and time without a time zone is read in the workflow's time zone.",
			},
		]),
		simplifyField('the ID, the other party, and the time, direction and text of the most recent message'),
	],

	async prepare(ctx, itemIndex) {
		const limit = readLimit(ctx, itemIndex, 'conversation');
		const qs = readFilters(ctx, itemIndex, { ids: IDS, afterDate: true });
		const simplify = simplified(ctx, itemIndex, simpleConversation);
		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, { method: 'GET', path: '/conversations', qs, itemIndex, timeoutMs });
			if (!isRecord(answer) || !Array.isArray(answer.conversations)) {
				throw unexpectedAnswer(ctx, connection, itemIndex, 'GET /conversations without a list of conversations', answer);
			}
			const conversations = answer.conversations.filter(isRecord);
			return simplify(limit === undefined ? conversations : conversations.slice(0, limit));
		};
	},
});
