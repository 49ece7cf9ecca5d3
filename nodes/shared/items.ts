import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { atItem } from './errors';
import { readRequestOptions } from './options';

/** What one input item produces: one output object, or several (Get Many). */
export type ItemResult = IDataObject | IDataObject[];

/**
 * How a node handles one item, in two steps: `prepare` reads and checks the
 * item's parameters without touching the network; `send` talks to the vendor.
 */
export interface ItemOperation<Prepared> {
	prepare(itemIndex: number): Promise<Prepared> | Prepared;
	send(prepared: Prepared, itemIndex: number): Promise<ItemResult>;
}

/**
 * The item loop every node shares.
 *
 * 1. Every item is prepared (validated) before any is sent. Without Continue On
 *    Fail one bad item stops the node before a single message went out, so
 *    fixing the input and re-running never sends a message twice.
 * 2. Prepared items are sent with at most `concurrency` in flight. Without
 *    Continue On Fail the first vendor error stops new items from starting
 *    (those in flight finish) and is thrown with a note of how many items were
 *    already delivered. With it, a failed item becomes `{ error }` — which n8n
 *    routes to the error output when that is enabled — and the rest still go out.
 *
 * Output keeps input order, with `pairedItem` pointing at the input item.
 */
export async function processItems<Prepared>(
	ctx: IExecuteFunctions,
	operation: ItemOperation<Prepared>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const fail = (itemIndex: number, error: unknown) => {
		results[itemIndex] = [{ json: { error: errorMessage(error, itemIndex) }, pairedItem: { item: itemIndex } }];
	};

	const prepared: Array<{ itemIndex: number; value: Prepared }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ itemIndex, value: await operation.prepare(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(ctx, error, itemIndex);
			fail(itemIndex, error);
		}
	}

	let next = 0;
	let delivered = 0;
	const failure: { first?: { itemIndex: number; error: unknown } } = {};
	const worker = async () => {
		while (next < prepared.length && failure.first === undefined) {
			const { itemIndex, value } = prepared[next++];
			try {
				const result = await operation.send(value, itemIndex);
				const list = Array.isArray(result) ? result : [result];
				results[itemIndex] = list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
				delivered++;
			} catch (error) {
				if (continueOnFail) fail(itemIndex, error);
				else if (isEarlier(failure.first, itemIndex)) failure.first = { itemIndex, error };
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, prepared.length));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failure.first !== undefined) {
		const error = asNodeError(ctx, failure.first.error, failure.first.itemIndex);
		if (delivered > 0) {
			const note = `${delivered} other item${delivered === 1 ? ' was' : 's were'} already sent before this error; running the node again sends ${delivered === 1 ? 'it' : 'them'} again. Turn on Continue On Fail (Settings → On Error) to send every good item and get the failed ones back as errors.`;
			error.description = [error.description, note].filter(Boolean).join(' ');
		}
		throw error;
	}
	return results.flat();
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof Error && 'node' in error) return error as NodeOperationError;
	return new NodeOperationError(ctx.getNode(), atItem(errorMessage(error, itemIndex), itemIndex), { itemIndex });
}

function isEarlier(current: { itemIndex: number } | undefined, itemIndex: number): boolean {
	return current === undefined || itemIndex < current.itemIndex;
}

function errorMessage(error: unknown, itemIndex: number): string {
	if (error instanceof Error) return error.message;
	return atItem(String(error), itemIndex);
}

/**
 * One operation of a node: `prepare` checks an item and builds its request
 * without network access; `send` makes the call within the node's timeout.
 */
export interface Operation<Prepared> {
	prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<Prepared> | Prepared;
	send(ctx: IExecuteFunctions, prepared: Prepared, itemIndex: number, timeoutMs: number): Promise<ItemResult>;
}

/** Erases an operation's request type so operations of one node can share a table. */
export function operation<Prepared>(op: Operation<Prepared>): Operation<unknown> {
	return op as unknown as Operation<unknown>;
}

/**
 * What a node's `execute` does: picks the operation from the node's table,
 * reads the shared options (Parallel Requests, Timeout) and runs every input
 * item through processItems.
 */
export async function runOperation(
	ctx: IExecuteFunctions,
	operations: Record<string, Operation<unknown>>,
	key: string,
): Promise<INodeExecutionData[][]> {
	const op = operations[key];
	if (!op) throw new NodeOperationError(ctx.getNode(), `The operation "${key}" is not supported.`);
	const options = readRequestOptions(ctx);
	const output = await processItems(
		ctx,
		{
			prepare: async (itemIndex) => await op.prepare(ctx, itemIndex),
			send: async (prepared, itemIndex) => await op.send(ctx, prepared, itemIndex, options.timeoutMs),
		},
		options.parallelRequests,
	);
	return [output];
}
