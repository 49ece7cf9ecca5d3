import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from './errors';
import { parseWholeNumber } from './validation';

/**
 * The Return All / Limit pair of every Get Many operation, as n8n's own nodes
 * word it (their lint rules check the wording). Limit shows only while Return
 * All is off.
 */
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/**
 * Reads Return All / Limit for one item: undefined means every record,
 * otherwise the most to return. `records` names what is listed ("message").
 */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number, records: string): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const parsed = parseWholeNumber('Limit', ctx.getNodeParameter('limit', itemIndex, 50), {
		min: 1,
		max: Number.MAX_SAFE_INTEGER,
		what: 'a whole number of 1 or more',
	});
	if ('error' in parsed) {
		throw inputError(ctx.getNode(), itemIndex, `${parsed.error} Turn on Return All to get every ${records}.`);
	}
	return parsed.value;
}
