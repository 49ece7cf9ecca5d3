import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { simplified, simplifyField } from '../../../shared/simplify';
import { filtersField, ID_FILTERS, idListOption, readFilters } from '../../listFilters';
import { listAll } from '../../paging';
import { simpleEndpoint } from '../../simplify';
import { evoVoiceConnection } from '../../transport';

const IDS = [ID_FILTERS.accountIds, ID_FILTERS.customerIds];

/**
 * ListEndpoints: GET /endpoints, a paged ListRequest<EndpointInfo> — phone
 * numbers, users and other endpoints. EvoVoice lets only the Manager and
 * Customer roles list them: a plain User gets 403
 * (https://evovoice.io/json/metadata?op=ListEndpoints).
 */
export const getAll = defineOperation({
	resource: 'endpoint',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get EvoVoice endpoints (your phone numbers, users and more), to find the ID to send from',
	action: 'Get many endpoints',
	fields: [
		...returnAllFields(),
		filtersField('Only endpoints that match every filter you add; without filters, every endpoint the user may see', [
			idListOption(ID_FILTERS.accountIds, 'endpoints of these EvoVoice accounts'),
			idListOption(ID_FILTERS.customerIds, 'endpoints of these EvoVoice customers'),
			{
				displayName: 'Name',
				name: 'nameFilter',
				type: 'string',
				default: '',
				description: 'Only endpoints whose name contains this text',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumberFilter',
				type: 'string',
				default: '',
				placeholder: '+1555',
				description: 'Only endpoints whose phone number contains this text',
			},
		]),
		simplifyField('the ID, name, type and phone number of each endpoint'),
	],

	async prepare(ctx, itemIndex) {
		const limit = readLimit(ctx, itemIndex, 'endpoint');
		const query = readFilters(ctx, itemIndex, { ids: IDS, text: ['nameFilter', 'phoneNumberFilter'] });
		const simplify = simplified(ctx, itemIndex, simpleEndpoint);
		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) =>
			simplify(await listAll(ctx, connection, { path: '/endpoints', query, limit, records: 'endpoints', itemIndex, timeoutMs }));
	},
});
