import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import { asTrimmedString, readWholeNumber, shownValue } from '../shared/validation';
import type { RequestTarget } from '../shared/vendor';

/** What a thread path names, for the hint on a 404. */
export const THREAD: RequestTarget = { noun: 'thread', field: 'Thread ID' };

/**
 * A numeric edna ID (thread or internal client, `long` in edna's docs) read
 * from `name`; `label` is the field as the editor shows it.
 */
export function readEdnaId(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string, what: string): number {
	const raw = ctx.getNodeParameter(name, itemIndex, '');
	if (asTrimmedString(raw) === '') throw inputError(ctx.getNode(), itemIndex, `${label} is empty: give ${what}.`);
	const id = readWholeNumber(raw, 1);
	if (id === undefined) throw inputError(ctx.getNode(), itemIndex, `${label} must be edna's numeric ID, not "${shownValue(raw)}".`);
	return id;
}

/** Thread ID: edna documents no list of threads, so it is typed or mapped in. */
export function threadIdField(description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Thread ID',
		name: 'threadId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '501',
		...(displayOptions ? { displayOptions } : {}),
		description,
	};
}
