import { Slots } from './slots';

/**
 * Runs `task(0)` … `task(count - 1)`, starting them in that order with at
 * most `slots` (a number, or the execution's Parallel Requests) running at
 * once: the next index starts as soon as a slot is free. Before each start
 * `mayStart(index)` is asked; once it says no, no further task starts (the
 * running ones finish). Resolves, when every started task has settled, with
 * how many started — tasks `0 … started - 1`.
 *
 * Tasks catch their own errors: the item loop turns them into an item's
 * error, a polling trigger into a report on one chat session.
 */
export async function inTurn(
	count: number,
	slots: number | Slots,
	task: (index: number) => Promise<void>,
	mayStart: (index: number) => boolean = () => true,
): Promise<number> {
	const pool = typeof slots === 'number' ? new Slots(Math.min(slots, count)) : slots;
	const running: Array<Promise<void>> = [];
	let started = 0;
	const run = async (index: number) => {
		try {
			await task(index);
		} finally {
			pool.give();
		}
	};
	while (started < count) {
		if (!pool.tryTake()) await pool.take();
		if (!mayStart(started)) {
			pool.give();
			break;
		}
		running.push(run(started++));
	}
	await Promise.all(running);
	return started;
}
