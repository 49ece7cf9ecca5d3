import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Node options every vendor node offers — how many items to handle at once and
 * how long to wait — plus a node's own (`extra`), listed by name as n8n's lint
 * rules want collection options.
 */
export function requestOptionsField(extra: INodeProperties[] = []): INodeProperties {
	const shared: INodeProperties[] = [
			{
				displayName: 'Parallel Requests',
				name: 'parallelRequests',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 4,
				description:
					'How many items are processed at the same time, each with its own request to the vendor. Lower it if the vendor rate-limits you; 1 handles the items strictly one after another.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 300 },
				default: 30,
				description:
					'How long to wait for the vendor to answer one request. A message that times out is not sent again, since it may have been delivered.',
			},
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extra, ...shared].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export interface RequestOptions {
	parallelRequests: number;
	timeoutMs: number;
}

export function readRequestOptions(ctx: IExecuteFunctions): RequestOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as { parallelRequests?: number; timeout?: number };
	const parallel = Number(options.parallelRequests ?? 4);
	const timeout = Number(options.timeout ?? 30);
	return {
		parallelRequests: Number.isFinite(parallel) ? Math.min(20, Math.max(1, Math.floor(parallel))) : 4,
		timeoutMs: (Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 300) : 30) * 1000,
	};
}
