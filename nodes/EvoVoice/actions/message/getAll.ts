import type { IDataObject } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { readLimit, returnAllFields } from '../../../shared/limit';
import { defineOperation } from '../../../shared/operation';
import { readAfterDate, readIdList } from '../../filters';
import { listAll } from '../../paging';
import { evoVoiceConnection } from '../../transport';
import type { EvoVoiceListMessagesQuery } from '../../types';

const ID_FILTERS = [
	{ name: 'accountIds', label: 'Account IDs' },
	{ name: 'customerIds', label: 'Customer IDs' },
	{ name: 'endpointIds', label: 'Endpoint IDs' },
	{ name: 'conversationIds', label: 'Conversation IDs' },
] as const;

/** GET /messages (ListMessages), every page, with its filters. */
export const getAll = defineOperation({
	resource: 'message',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get many messages, filtered by account, customer, endpoint, conversation or date',
	action: 'Get many messages',
	fields: [
		...returnAllFields(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: 'Only messages that match every filter you add; without filters, every message the user may see',
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
	],

	async prepare(ctx, itemIndex) {
		const node = ctx.getNode();
		const limit = readLimit(ctx, itemIndex, 'message');
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

		const connection = await evoVoiceConnection(ctx, itemIndex);
		return async (timeoutMs) =>
			await listAll(ctx, connection, { path: '/messages', query, limit, records: 'messages', itemIndex, timeoutMs });
	},
});
