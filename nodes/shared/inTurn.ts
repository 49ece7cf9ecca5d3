/**
 * Runs `task(0)` … `task(count - 1)` in that order with at most
 * `concurrency` running at once: each of `concurrency` workers takes the
 * next index as soon as its previous task has settled. Before each start
 * `mayStart(index)` is asked; once it says no, no further task starts (the
 * running ones finish). Resolves, when every started task has settled, with
 * how many started — tasks `0 … started - 1`.
 *
 * Tasks catch their own errors: the item loop turns them into an item's
 * error, a polling trigger into a report on one chat session.
 */
export async function inTurn(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<void>,
	mayStart: (index: number) => boolean = () => true,
): Promise<number> {
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < count) {
			if (!mayStart(next)) {
				stopped = true;
				return;
			}
			await task(next++);
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return next;
}
