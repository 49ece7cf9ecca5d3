import type { IExecuteFunctions, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What a trigger node keeps in this n8n process's memory between calls.
 * n8n builds a new context — and loads static data from its database — for
 * every webhook call, so concurrent calls cannot coordinate through static
 * data; they can through this, when they run in the same process (the main
 * instance, or one webhook processor in queue mode). It is gone after a
 * restart: whatever must survive one is also kept in static data.
 */
export type NodeContext = IWebhookFunctions | IExecuteFunctions | IHookFunctions | IPollFunctions;

const stores = new Map<string, unknown>();
const queues = new Map<string, Promise<void>>();

/**
 * The node a memory belongs to: the workflow, the node's ID (its name when it
 * has none), and whether it serves a test listener, whose events must not
 * count for the published workflow.
 */
function scopeOf(ctx: NodeContext, kind: string): string {
	const node = ctx.getNode();
	const mode = ctx.getMode() === 'manual' ? 'test' : 'live';
	return [kind, String(ctx.getWorkflow().id), node.id || node.name, mode].join('\u0000');
}

/** This node's memory of one kind, made by `create` the first time it is asked for in this process. */
export function nodeMemory<T>(ctx: NodeContext, kind: string, create: () => T): T {
	const scope = scopeOf(ctx, kind);
	if (!stores.has(scope)) stores.set(scope, create());
	return stores.get(scope) as T;
}

/** Forgets this node's memory of one kind (on deactivation). */
export function forgetNodeMemory(ctx: NodeContext, kind: string): void {
	stores.delete(scopeOf(ctx, kind));
}

/**
 * Runs `work` once every earlier call with the same node and `key` has
 * settled, so two webhook calls about one conversation never read and write
 * its position at the same time. Calls with other keys run side by side.
 */
export async function oneAtATime<T>(ctx: NodeContext, key: string, work: () => Promise<T>): Promise<T> {
	const scope = `${scopeOf(ctx, 'queue')}\u0000${key}`;
	const before = queues.get(scope) ?? Promise.resolve();
	const mine = before.then(work);
	const tail = mine.then(
		() => undefined,
		() => undefined,
	);
	queues.set(scope, tail);
	try {
		return await mine;
	} finally {
		if (queues.get(scope) === tail) queues.delete(scope);
	}
}
