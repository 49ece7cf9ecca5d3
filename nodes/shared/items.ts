import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { atItem, deliveryOf } from './errors';

/** What one input item produces: one output object, or several (Get Many). */
export type ItemResult = IDataObject | IDataObject[];

/** An item that passed its checks, ready to go to the vendor within `timeoutMs` per request. */
export type Send = (timeoutMs: number) => Promise<ItemResult>;

/** Checks one item and builds its request without touching the network. */
export type Prepare = (itemIndex: number) => Promise<Send>;

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
export async function processItems(
	ctx: IExecuteFunctions,
	prepare: Prepare,
	{ concurrency, timeoutMs }: { concurrency: number; timeoutMs: number },
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	const fail = (itemIndex: number, error: unknown) => {
		// Only error, message and details: n8n moves such items to the error output when it is on.
		const json = { error: errorMessage(error, itemIndex), details: { delivery: deliveryOf(error) } };
		results[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
	};

	const prepared: Array<{ itemIndex: number; send: Send }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ itemIndex, send: await prepare(itemIndex) });
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
			const { itemIndex, send } = prepared[next++];
			try {
				const result = await send(timeoutMs);
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

/** n8n's own errors (NodeOperationError, NodeApiError) pass through; anything else is wrapped with the item index. */
function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): { message: string; description?: string | null } & Error {
	if (error instanceof Error && 'node' in error) return error;
	return new NodeOperationError(ctx.getNode(), atItem(errorMessage(error, itemIndex), itemIndex), { itemIndex });
}

function isEarlier(current: { itemIndex: number } | undefined, itemIndex: number): boolean {
	return current === undefined || itemIndex < current.itemIndex;
}

function errorMessage(error: unknown, itemIndex: number): string {
	if (error instanceof Error) return error.message;
	return atItem(String(error), itemIndex);
}
