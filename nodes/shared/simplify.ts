import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The Simplify switch of a Get Many operation: a few fields people use (who,
 * when, direction, text) instead of the vendor's whole record — shorter for
 * workflows and for AI agents reading the result. `fields` names them.
 */
export function simplifyField(fields: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return only ${fields} instead of the full records`,
	};
}

/** Applies `simplify` to every record when the item's Simplify is on. */
export function simplified(
	ctx: IExecuteFunctions,
	itemIndex: number,
	simplify: (record: IDataObject) => IDataObject,
): (records: IDataObject[]) => IDataObject[] {
	const on = ctx.getNodeParameter('simplify', itemIndex, false) === true;
	return (records) => (on ? records.map(simplify) : records);
}

/** A record's value when it is text, a number or a boolean; nested objects are left out of simplified output. */
export function plain(value: unknown): string | number | boolean | null {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}
