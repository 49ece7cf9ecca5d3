import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isRecord, unexpectedAnswer } from '../../../shared/answers';
import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { simplified, simplifyField } from '../../../shared/simplify';
import { vendorRequest } from '../../../shared/transport';
import { asTrimmedString } from '../../../shared/validation';
import type { Connection } from '../../../shared/vendor';
import { superOfficeConnection } from '../../connection';
import { forCurrentUser } from '../../fields';
import { simpleChatSession } from '../../simplify';

/** Rows asked for per OData request. */
export const ODATA_PAGE_SIZE = 200;

/** A guard against an archive that never ends (200,000 rows). */
const MAX_ODATA_PAGES = 1000;

/**
 * Two lists: the signed-in user's sessions (GET ChatSession/ForCurrentUser,
 * whole records, no paging), or a search of every session through the
 * ChatSession archive (GET ChatSession with OData $filter, $top and $skip;
 * rows of archive columns, not whole records).
 * https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_ChatSessionsForUser.html
 * https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_GetAll.html
 */
export const getAll = defineOperation({
	resource: 'chatSession',
	operation: 'getAll',
	name: 'Get Many',
	description: "Get the signed-in user's chat sessions, or search all chat sessions with an OData filter",
	action: 'Get many chat sessions',
	fields: [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			options: [
				{
					name: 'My Chat Sessions',
					value: 'mine',
					description: 'Sessions on the topics the signed-in user is a member of, as whole records',
				},
				{
					name: 'Search (OData)',
					value: 'search',
					description: 'Every chat session the user may see, filtered with an OData expression, as archive rows',
				},
			],
			default: 'mine',
			description: 'Which chat sessions to list',
		},
		{
			displayName: 'Filter',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: "status = 'Active'",
			displayOptions: { show: { source: ['search'] } },
			description:
				"OData $filter expression on the ChatSession archive's columns, as SuperOffice writes them, such as name begins 'S'. Leave empty for every session.",
		},
		...returnAllFields(),
		simplifyField('the ID, customer, status, agent and times of each session (My Chat Sessions only)'),
	],

	async prepare(ctx, itemIndex) {
		const limit = readLimit(ctx, itemIndex, 'chat session');
		const source = ctx.getNodeParameter('source', itemIndex, 'mine');
		const connection = await superOfficeConnection(ctx, itemIndex);
		if (source === 'search') {
			const filter = asTrimmedString(ctx.getNodeParameter('filter', itemIndex, ''));
			return async (timeoutMs) => await searchArchive(ctx, connection, { filter, limit, itemIndex, timeoutMs });
		}
		const simplify = simplified(ctx, itemIndex, simpleChatSession);
		return async (timeoutMs) =>
			simplify(await forCurrentUser(ctx, connection, { path: '/api/v1/ChatSession/ForCurrentUser', noun: 'chat sessions', limit, itemIndex, timeoutMs }));
	},
});

/** Reads the archive $top rows at a time, moving $skip on, until a short page or the limit. */
async function searchArchive(
	ctx: IExecuteFunctions,
	connection: Connection,
	{ filter, limit, itemIndex, timeoutMs }: { filter: string; limit?: number; itemIndex: number; timeoutMs: number },
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for (let page = 0; page < MAX_ODATA_PAGES; page++) {
		const top = limit === undefined ? ODATA_PAGE_SIZE : Math.min(ODATA_PAGE_SIZE, limit - rows.length);
		const qs: IDataObject = { $top: top, $skip: rows.length };
		if (filter !== '') qs.$filter = filter;
		const answer = await vendorRequest(ctx, connection, { method: 'GET', path: '/api/v1/ChatSession', qs, itemIndex, timeoutMs });
		if (!isRecord(answer) || !Array.isArray(answer.value)) {
			throw unexpectedAnswer(ctx, connection, itemIndex, 'GET ChatSession without a list of rows ("value")', answer);
		}
		const value = answer.value.filter(isRecord);
		rows.push(...value);
		if (value.length < top || (limit !== undefined && rows.length >= limit)) return rows;
	}
	return rows;
}
