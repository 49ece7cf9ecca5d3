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

/** Who a message to an existing client goes to (POST /api/v1/messages/outgoing): a thread, or a client by either ID. */
export type ThreadRecipient = { threadId: number } | { threadsClientId: number } | { clientId: string };

/** Identify By and the ID it asks for (Send to Thread, Send and Wait for Response). */
export function threadRecipientFields(): INodeProperties[] {
	return [
		{
			displayName: 'Identify By',
			name: 'identifyBy',
			type: 'options',
			options: [
				{ name: 'External Client ID', value: 'clientId', description: "Your system's ID for the client (clientId)" },
				{ name: 'Internal Client ID', value: 'threadsClientId', description: 'The numeric ID edna gives the client (threadsClientId)' },
				{ name: 'Thread ID', value: 'threadId', description: 'The numeric ID edna gives one of the client’s threads (threadId)' },
			],
			default: 'threadId',
			description: 'How edna finds the client to write to',
		},
		threadIdField('The numeric ID edna gives the thread (threadId), for example from an edna webhook', {
			show: { identifyBy: ['threadId'] },
		}),
		{
			displayName: 'Internal Client ID',
			name: 'threadsClientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1001',
			displayOptions: { show: { identifyBy: ['threadsClientId'] } },
			description: 'The numeric ID edna gives the client (threadsClientId), for example from Client → Find',
		},
		{
			displayName: 'External Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { identifyBy: ['clientId'] } },
			description: "Your system's ID for the client, as edna knows it (clientId)",
		},
	];
}

/** The recipient the Identify By fields name, and what a 404 means for it. */
export function readThreadRecipient(ctx: IExecuteFunctions, itemIndex: number): { recipient: ThreadRecipient; target?: RequestTarget } {
	const identifyBy = ctx.getNodeParameter('identifyBy', itemIndex, 'threadId');
	if (identifyBy === 'threadId') {
		return { recipient: { threadId: readEdnaId(ctx, itemIndex, 'threadId', 'Thread ID', 'the thread to write in') }, target: THREAD };
	}
	if (identifyBy === 'threadsClientId') {
		return { recipient: { threadsClientId: readEdnaId(ctx, itemIndex, 'threadsClientId', 'Internal Client ID', 'the client edna should message') } };
	}
	if (identifyBy === 'clientId') {
		const clientId = asTrimmedString(ctx.getNodeParameter('clientId', itemIndex, ''));
		if (clientId === '') throw inputError(ctx.getNode(), itemIndex, 'External Client ID is empty: give the client edna should message.');
		return { recipient: { clientId } };
	}
	throw inputError(ctx.getNode(), itemIndex, `Identify By must be threadId, threadsClientId or clientId, not "${shownValue(identifyBy)}".`);
}
