import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { atItem, deliveryOf } from './errors';
import { inTurn } from './inTurn';
import { Slots, useSlots } from './slots';

/** What one input item produces: one output object, or several (Get Many). */
export type ItemResult = IDataObject | IDataObject[];

/** An item that passed its checks, ready to go to the vendor within `timeoutMs` per request. */
export type Send = (timeoutMs: number) => Promise<ItemResult>;

/** Checks one item and builds its request without touching the network. */
export type Prepare = (itemIndex: number) => Promise<Send>;

/**
 * The item loop every node shares.
 *
 * 1. Without Continue On Fail, every item is prepared (validated) before any
 *    is sent: one bad item stops the node before a single message went out,
 *    so fixing the input and re-running never sends a message twice. With
 *    Continue On Fail a bad item stops nothing (it comes back as an error
 *    item), so items are checked while earlier ones are sent: the first
 *    message goes out at once, and the checking of later items (n8n
 *    evaluating their expressions) fills the time spent waiting for the
 *    vendor's answers (checkWhileSending).
 * 2. Prepared items are sent with at most `concurrency` in flight (an item
 *    waiting out a 429 gives its place to the next one meanwhile: slots.ts). Without
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

	let delivered = 0;
	const succeed = (itemIndex: number, result: ItemResult) => {
		const list = Array.isArray(result) ? result : [result];
		results[itemIndex] = list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		delivered++;
	};
	const slots = (count: number) => useSlots(ctx, new Slots(Math.min(Math.floor(concurrency) || 1, count)));

	if (continueOnFail) {
		await checkWhileSending(items.length, prepare, slots(items.length), async (itemIndex, send) => {
			try {
				succeed(itemIndex, await (await send)(timeoutMs));
			} catch (error) {
				fail(itemIndex, error);
			}
		});
		return results.flat();
	}

	const prepared: Array<{ itemIndex: number; send: Send }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ itemIndex, send: await prepare(itemIndex) });
		} catch (error) {
			throw asNodeError(ctx, error, itemIndex);
		}
	}

	const failure: { first?: { itemIndex: number; error: unknown } } = {};
	await inTurn(
		prepared.length,
		slots(prepared.length),
		async (n) => {
			const { itemIndex, send } = prepared[n];
			try {
				succeed(itemIndex, await send(timeoutMs));
			} catch (error) {
				if (isEarlier(failure.first, itemIndex)) failure.first = { itemIndex, error };
			}
		},
		() => failure.first === undefined,
	);

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

/**
 * How many items the checking may run ahead of the sending, per request in
 * flight, and how long one slice of it may hold n8n's thread. Measured in
 * real n8n (BENCHMARKS.md, 2,000 items, 3 rounds): 8 and 5 ms against 2 and
 * 2 ms sent 2,000 messages to a vendor answering at once in 2.95 s instead of
 * 3.24 s and to one answering in 20 ms as fast (4.38 s against 4.36 s); 16
 * and 10 ms were no faster at once and slower at 20 ms (4.63 s).
 */
export const AHEAD_PER_REQUEST = 8;
const SLICE_MS = 5;

/**
 * Continue On Fail's loop: items start in order, each taking its prepared
 * request — or its error — as soon as one of the Parallel Requests `slots`
 * is free. Meanwhile the items next in line are checked ahead, in slices of
 * at most SLICE_MS between which n8n's thread first handles whatever answers
 * came in: the checking (mostly n8n evaluating expressions) fills the time
 * spent waiting for the vendor instead of adding to it. It runs at most
 * AHEAD_PER_REQUEST × slots items ahead; an item that starts before it was
 * checked ahead is checked then.
 */
async function checkWhileSending(
	count: number,
	prepare: Prepare,
	slots: Slots,
	handle: (itemIndex: number, send: Promise<Send>) => Promise<void>,
): Promise<void> {
	const ahead = new Map<number, Promise<Send>>();
	let next = 0; // the next item to start
	let checked = 0; // the next item the checking ahead takes
	let finished = false;
	let wake: (() => void) | undefined;
	const roomMade = () => {
		wake?.();
		wake = undefined;
	};
	const take = (itemIndex: number): Promise<Send> => {
		const early = ahead.get(itemIndex);
		ahead.delete(itemIndex);
		roomMade();
		return early ?? prepare(itemIndex);
	};
	const checkAhead = async () => {
		const most = slots.size * AHEAD_PER_REQUEST;
		while (!finished) {
			await sleep(0);
			checked = Math.max(checked, next);
			const sliceEnd = Date.now() + SLICE_MS;
			while (checked < count && checked - next < most && Date.now() < sliceEnd) {
				const itemIndex = checked++;
				const send = prepare(itemIndex);
				send.catch(() => undefined); // handled when the item starts
				ahead.set(itemIndex, send);
			}
			if (checked >= count) return;
			if (checked - next >= most) await new Promise<void>((resolve) => (wake = resolve));
		}
	};
	const checking = checkAhead();
	await inTurn(count, slots, async (itemIndex) => {
		next = itemIndex + 1;
		await handle(itemIndex, take(itemIndex));
	});
	finished = true;
	roomMade();
	await checking;
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
