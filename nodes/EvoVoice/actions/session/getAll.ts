import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { simplified, simplifyField } from '../../../shared/simplify';
import { filtersField, ID_FILTERS, idListOption, readFilters } from '../../listFilters';
import { listAll } from '../../paging';
import { simpleSession } from '../../simplify';
import { evoVoiceConnection } from '../../transport';

const IDS = [ID_FILTERS.accountIds, ID_FILTERS.customerIds, ID_FILTERS.endpointIds];

const textOption = (displayName: string, name: string, description: string, placeholder = '') => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	placeholder,
	description,
});

/**
 * ListSessions: GET /sessions, a paged ListRequest<SessionInfo> — calls and
 * chats with their parties and state (https://evovoice.io/json/metadata?op=ListSessions).
 */
export const getAll = defineOperation({
	resource: 'session',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get EvoVoice sessions (calls and chats), filtered by account, customer, endpoint, dates or party',
	action: 'Get many sessions',
	fields: [
		...returnAllFields(),
		filtersField('Only sessions that match every filter you add; without filters, every session the user may see', [
			idListOption(ID_FILTERS.accountIds, 'sessions of these EvoVoice accounts'),
			idListOption(ID_FILTERS.customerIds, 'sessions of these EvoVoice customers'),
			idListOption(ID_FILTERS.endpointIds, 'sessions of these endpoints, usually your phone numbers'),
			textOption('Start Date', 'startDate', 'Only sessions from this day on, as YYYY-MM-DD', '2024-05-01'),
			textOption('End Date', 'endDate', 'Only sessions up to this day, as YYYY-MM-DD', '2024-05-31'),
			textOption('From', 'from', 'Only sessions whose From address contains this text, such as part of a phone number'),
			textOption('To', 'to', 'Only sessions whose To address contains this text, such as part of a phone number'),
		]),
		simplifyField('the ID, channel, From and To, endpoint, start time and whether it ended'),
	],

	async prepare(ctx, itemIndex) {
		const limit = readLimit(ctx, itemIndex, 'session');
		const query = readFilters(ctx, itemIndex, { ids: IDS, text: ['startDate', 'endDate', 'from', 'to'] });
		const simplify = simplified(ctx, itemIndex, simpleSession);
		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) =>
			simplify(await listAll(ctx, connection, { path: '/sessions', query, limit, records: 'sessions', itemIndex, timeoutMs }));
	},
});
