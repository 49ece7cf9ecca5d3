import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../shared/errors';
import { asPositiveInteger, asTrimmedString } from '../../shared/validation';
import { readAfterDate, readIdList } from '../filters';
import { evoVoiceBaseUrl } from '../transport';
import type { EvoVoiceListMessagesQuery } from '../types';

const show = { resource: ['message'], operation: ['getAll'] };

export const getAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { ...show, returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Account IDs',
				name: 'accountIds',
				type: 'string',
				default: '',
				description:
					'Only messages of these EvoVoice accounts. Separate several IDs with commas, or give a list from an expression.',
			},
			{
				displayName: 'After Date',
				name: 'afterDate',
				type: 'dateTime',
				default: '',
				description:
					"Only messages sent or received after this moment. A date and time without a time zone is read in the workflow's time zone.",
			},
			{
				displayName: 'Conversation IDs',
				name: 'conversationIds',
				type: 'string',
				default: '',
				description:
					'Only messages of these conversations. Separate several IDs with commas, or give a list from an expression.',
			},
			{
				displayName: 'Customer IDs',
				name: 'customerIds',
				type: 'string',
				default: '',
				description:
					'Only messages of these EvoVoice customers. Separate several IDs with commas, or give a list from an expression.',
			},
			{
				displayName: 'Endpoint IDs',
				name: 'endpointIds',
				type: 'string',
				default: '',
				description:
					'Only messages sent from or received by these endpoints, usually your phone numbers. Separate several IDs with commas, or give a list from an expression.',
			},
		],
	},
];

/** A message query that passed validation. `limit` is undefined for Return All. */
export interface EvoVoiceGetAllPrepared {
	baseUrl: string;
	query: EvoVoiceListMessagesQuery;
	limit?: number;
}

const ID_FILTERS: Array<{ name: 'accountIds' | 'customerIds' | 'endpointIds' | 'conversationIds'; label: string }> = [
	{ name: 'accountIds', label: 'Account IDs' },
	{ name: 'customerIds', label: 'Customer IDs' },
	{ name: 'endpointIds', label: 'Endpoint IDs' },
	{ name: 'conversationIds', label: 'Conversation IDs' },
];

/** Reads and checks one item's parameters; sends nothing. */
export async function prepareGetAll(ctx: IExecuteFunctions, itemIndex: number): Promise<EvoVoiceGetAllPrepared> {
	const node = ctx.getNode();
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	let limit: number | undefined;
	if (!returnAll) {
		const raw = ctx.getNodeParameter('limit', itemIndex, 50);
		limit = asPositiveInteger(raw);
		if (limit === undefined) {
			throw inputError(
				node,
				itemIndex,
				`Limit must be a whole number of 1 or more, not "${asTrimmedString(raw).slice(0, 40) || String(raw)}". Turn on Return All to get every message.`,
			);
		}
	}

	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: EvoVoiceListMessagesQuery = {};
	for (const { name, label } of ID_FILTERS) {
		const list = readIdList(filters[name], label);
		if ('error' in list) throw inputError(node, itemIndex, list.error);
		if (list.ids !== undefined) query[name] = list.ids;
	}
	const after = readAfterDate(filters.afterDate, ctx.getTimezone());
	if ('error' in after) throw inputError(node, itemIndex, after.error);
	if (after.iso !== undefined) query.afterDate = after.iso;

	return { baseUrl: await evoVoiceBaseUrl(ctx, itemIndex), query, limit };
}
