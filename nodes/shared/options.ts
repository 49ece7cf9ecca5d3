import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The defaults every vendor node starts from; the editor shows the same values. */
export const DEFAULTS = {
	/**
	 * Items handled at the same time (the Parallel Requests option) in the
	 * newest node version; older versions keep theirs (defaultParallelRequests).
	 */
	parallelRequests: 16,
	/** How long one request may take (the Timeout option). */
	timeoutSeconds: 30,
	/** Bounds the editor enforces; values from expressions are clamped to them. */
	maxParallelRequests: 20,
	maxTimeoutSeconds: 300,
	/** How long the node keeps waiting out a vendor's 429 answers before an item fails. */
	rateLimitWaitSeconds: 300,
	/** 0: no cap of its own; the node still slows down when the vendor says 429. */
	maxRequestsPerSecond: 0,
	/**
	 * The largest answer the node reads. A vendor's answer to one request is
	 * far smaller (a page of 100 messages is ~50 KB); anything larger is a
	 * wrong Base URL or a broken server, and reading it would fill n8n's memory.
	 */
	maxResponseMegabytes: 10,
} as const;

/**
 * Parallel Requests' default from each node version on. Version 1 sent 4 at
 * a time; version 2 sends 16, which the benchmark measured 2× faster against
 * a vendor answering in 20 ms and 3× against 200 ms, at the same memory
 * (BENCHMARKS.md). A saved workflow keeps its node version, so one made with
 * version 1 and Options left empty keeps sending 4 at a time.
 */
const PARALLEL_REQUESTS_SINCE_VERSION: ReadonlyArray<[version: number, parallelRequests: number]> = [
	[1, 4],
	[2, DEFAULTS.parallelRequests],
];

/** The Parallel Requests a node of `version` uses when the option is not set. */
export function defaultParallelRequests(version: number): number {
	let parallel = PARALLEL_REQUESTS_SINCE_VERSION[0][1];
	for (const [since, value] of PARALLEL_REQUESTS_SINCE_VERSION) if (version >= since) parallel = value;
	return parallel;
}

/**
 * Node options every vendor node offers — how many items to handle at once and
 * how long to wait — plus a node's own (`extra`), listed by name as n8n's lint
 * rules want collection options.
 */
export function requestOptionsField(extra: INodeProperties[], version: number): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'How the node talks to the vendor; the defaults suit most workflows',
		options: [...extra, ...requestOptionFields(version)].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The options every vendor node offers (in its Options collection; Send and Wait offers those that apply to one message). */
export function requestOptionFields(version: number): INodeProperties[] {
	const { timeoutSeconds, rateLimitWaitSeconds, maxRequestsPerSecond } = DEFAULTS;
	return [
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: maxRequestsPerSecond,
			description:
				'The most requests the node sends to the vendor per second, to stay under a rate limit you know. 0 for no cap: the node still slows down by itself when the vendor answers that it is rate limiting.',
		},
		{
			displayName: 'Max Wait on Rate Limits (Seconds)',
			name: 'rateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: rateLimitWaitSeconds,
			description:
				'How long, in all, the node keeps waiting and trying again while the vendor answers that it is rate limiting (HTTP 429). A message refused that way was not delivered, so trying again never sends it twice.',
		},
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: DEFAULTS.maxParallelRequests },
			default: defaultParallelRequests(version),
			description:
				'How many items are processed at the same time, each with its own request to the vendor. Lower it if the vendor rate-limits you; 1 handles the items strictly one after another.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: DEFAULTS.maxTimeoutSeconds },
			default: timeoutSeconds,
			description:
				'How long to wait for the vendor to answer one request. A message that times out is not sent again, since it may have been delivered.',
		},
	];
}

export interface RequestOptions {
	parallelRequests: number;
	timeoutMs: number;
	rateLimitWaitMs: number;
	maxRequestsPerSecond: number;
}

/**
 * The Options collection with the defaults of node `version`: what a new
 * version's description uses in place of the one it builds on.
 */
export function withVersionDefaults(field: INodeProperties, version: number): INodeProperties {
	return {
		...field,
		options: field.options?.map((option) =>
			'type' in option && option.name === 'parallelRequests'
				? { ...option, default: defaultParallelRequests(version) }
				: option,
		),
	};
}

export function readRequestOptions(ctx: IExecuteFunctions): RequestOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const fallbackParallel = defaultParallelRequests(ctx.getNode().typeVersion);
	const parallel = Number(options.parallelRequests ?? fallbackParallel);
	const timeout = Number(options.timeout ?? DEFAULTS.timeoutSeconds);
	const nonNegative = (value: unknown, fallback: number) => {
		const n = Number(value ?? fallback);
		return Number.isFinite(n) && n >= 0 ? n : fallback;
	};
	return {
		rateLimitWaitMs: nonNegative(options.rateLimitWait, DEFAULTS.rateLimitWaitSeconds) * 1000,
		maxRequestsPerSecond: nonNegative(options.maxRequestsPerSecond, DEFAULTS.maxRequestsPerSecond),
		parallelRequests: Number.isFinite(parallel)
			? Math.min(DEFAULTS.maxParallelRequests, Math.max(1, Math.floor(parallel)))
			: fallbackParallel,
		timeoutMs:
			(Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, DEFAULTS.maxTimeoutSeconds) : DEFAULTS.timeoutSeconds) *
			1000,
	};
}

/** The Additional Fields collection of an operation: optional fields, listed by name as n8n's lint rules want. */
export function additionalFieldsField(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional fields of the message; add only those you need',
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
