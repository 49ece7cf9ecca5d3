import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { atItem } from './errors';

/** What one input item produces: one output object, or several (Get Many). */
export type ItemResult = IDataObject | IDataObject[];

/**
 * The item loop every node shares: runs `handle` for each input item with at
 * most `concurrency` items in flight, keeps the output in input order with
 * `pairedItem` set, and applies Continue On Fail.
 *
 * Without Continue On Fail the first error stops new items from starting
 * (items already in flight finish, so none is abandoned half-sent) and the
 * error is thrown once all have settled. With it, a failed item becomes
 * `{ error }` — which n8n routes to the error output when that is enabled —
 * and every other item still goes out.
 */
export async function processItems(
	ctx: IExecuteFunctions,
	handle: (itemIndex: number) => Promise<ItemResult>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = ctx.continueOnFail();
	let next = 0;
	const failure: { first?: { itemIndex: number; error: unknown } } = {};

	const worker = async () => {
		while (next < items.length && failure.first === undefined) {
			const itemIndex = next++;
			try {
				const result = await handle(itemIndex);
				const list = Array.isArray(result) ? result : [result];
				results[itemIndex] = list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
			} catch (error) {
				if (continueOnFail) {
					results[itemIndex] = [
						{ json: { error: errorMessage(error, itemIndex) }, pairedItem: { item: itemIndex } },
					];
				} else if (isEarlier(failure.first, itemIndex)) {
					failure.first = { itemIndex, error };
				}
			}
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failure.first !== undefined) {
		const { error, itemIndex } = failure.first;
		if (error instanceof Error && 'node' in error) throw error;
		throw new NodeOperationError(ctx.getNode(), atItem(errorMessage(error, itemIndex), itemIndex), {
			itemIndex,
		});
	}
	return results.flat();
}

function errorMessage(error: unknown, itemIndex: number): string {
	if (error instanceof Error) return error.message;
	return atItem(String(error), itemIndex);
}

function isEarlier(current: { itemIndex: number } | undefined, itemIndex: number): boolean {
	return current === undefined || itemIndex < current.itemIndex;
}
