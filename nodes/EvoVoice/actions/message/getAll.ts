import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { simplified, simplifyField } from '../../../shared/simplify';
import { filtersField, ID_FILTERS, idListOption, readFilters } from '../../listFilters';
import { listAll } from '../../paging';
import { simpleMessage } from '../../simplify';
import { evoVoiceConnection } from '../../transport';

const IDS = [ID_FILTERS.accountIds, ID_FILTERS.customerIds, ID_FILTERS.endpointIds, ID_FILTERS.conversationIds];

/** GET /messages (ListMessages), every page, with its filters. */
export const getAll = defineOperation({
	resource: 'message',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get many messages, filtered by account, customer, endpoint, conversation or date',
	action: 'Get many messages',
	fields: [
		...returnAllFields(),
		filtersField('Only messages that match every filter you add; without filters, every message the user may see', [
			idListOption(ID_FILTERS.accountIds, 'messages of these EvoVoice accounts'),
			{
				displayName: 'After Date',
				name: 'afterDate',
				type: 'dateTime',
				default: '',
				description:
					"Only messages sent or received after this moment. A date and time without a time zone is read in the workflow's time zone.",
			},
			idListOption(ID_FILTERS.conversationIds, 'messages of these conversations'),
			idListOption(ID_FILTERS.customerIds, 'messages of these EvoVoice customers'),
			idListOption(ID_FILTERS.endpointIds, 'messages sent from or received by these endpoints, usually your phone numbers'),
		]),
		simplifyField('who each message is with, when, its direction and its text'),
	],

	async prepare(ctx, itemIndex) {
		const limit = readLimit(ctx, itemIndex, 'message');
		const query = readFilters(ctx, itemIndex, { ids: IDS, afterDate: true });
		const simplify = simplified(ctx, itemIndex, simpleMessage);
		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) =>
			simplify(await listAll(ctx, connection, { path: '/messages', query, limit, records: 'messages', itemIndex, timeoutMs }));
	},
});
