import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import { asTrimmedString } from '../shared/validation';
import { readAfterDate, readIdList } from './filters';

/** An ID-list filter: its query parameter (as EvoVoice names it) and its label in the editor. */
export interface IdFilter {
	name: string;
	label: string;
}

/** The ID-list filters EvoVoice's list calls take, with their labels in the editor. */
export const ID_FILTERS = {
	accountIds: { name: 'accountIds', label: 'Account IDs' },
	customerIds: { name: 'customerIds', label: 'Customer IDs' },
	endpointIds: { name: 'endpointIds', label: 'Endpoint IDs' },
	conversationIds: { name: 'conversationIds', label: 'Conversation IDs' },
} as const satisfies Record<string, IdFilter>;

/** A Filters entry taking several IDs, as comma-separated text or a list from an expression. */
export function idListOption({ name, label }: IdFilter, what: string): INodeProperties {
	return {
		displayName: label,
		name,
		type: 'string',
		default: '',
		description: `Only ${what}. Separate several IDs with commas, or give a list from an expression.`,
	};
}

/** The Filters collection of a Get Many operation, options sorted by name as n8n's rules want. */
export function filtersField(description: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description,
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The item's Filters as a ServiceStack query: ID lists comma-joined, After Date in UTC, text as given. */
export function readFilters(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ ids = [], afterDate = false, text = [] }: { ids?: readonly IdFilter[]; afterDate?: boolean; text?: readonly string[] },
): IDataObject {
	const node = ctx.getNode();
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	for (const { name, label } of ids) {
		const list = readIdList(filters[name], label);
		if ('error' in list) throw inputError(node, itemIndex, list.error);
		if (list.ids !== undefined) query[name] = list.ids;
	}
	if (afterDate) {
		const after = readAfterDate(filters.afterDate, ctx.getTimezone());
		if ('error' in after) throw inputError(node, itemIndex, after.error);
		if (after.iso !== undefined) query.afterDate = after.iso;
	}
	for (const name of text) {
		const value = asTrimmedString(filters[name]);
		if (value !== '') query[name] = value;
	}
	return query;
}
