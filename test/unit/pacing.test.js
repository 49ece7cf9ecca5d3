'use strict';

// The pacer of nodes/shared/pacing.ts on a faked clock: what rate it keeps to
// after the vendor's 429s. (test/shared/pacing.test.js runs it against the
// sandbox's rate limit through real workflows.)
const { Pacer } = require('../../dist/nodes/shared/pacing');

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

/** Sends (takes a turn for) one request every `everyMs` from `from` to before `to`. */
async function send(pacer, from, to, everyMs) {
	for (let t = from; t < to; t += everyMs) {
		jest.setSystemTime(t);
		await pacer.turn();
	}
}

/** The start times the pacer gives the next `count` requests. */
async function nextStarts(pacer, count) {
	const starts = [];
	for (let i = 0; i < count; i++) {
		const turn = pacer.turn();
		await jest.runOnlyPendingTimersAsync();
		starts.push(await turn);
	}
	return starts;
}

/**
 * Requests sent every `everyMs` from `from` to before `to`, the last of which (sent at `to`) the vendor
 * refuses 5 ms later with Retry-After: 1; returns the start times of the `count` requests after that.
 */
async function refusedAfter(pacer, from, to, everyMs, count = 2) {
	await send(pacer, from, to, everyMs);
	jest.setSystemTime(to + 5);
	pacer.rateLimited(1000, to);
	return await nextStarts(pacer, count);
}

/** The mean time between consecutive starts: turns fall on whole milliseconds, the pace's grid need not. */
const averageGap = (starts) => (starts[starts.length - 1] - starts[0]) / (starts.length - 1);

describe('Pacer after a 429', () => {
	// None of these requests has answered when the 429 comes (16 in flight against a slow vendor):
	// they count all the same, by when they were sent.
	test('pauses until Retry-After, then keeps 2% under the rate sent in the second before the refused request', async () => {
		const [first, ...later] = await refusedAfter(new Pacer(0, 300_000), 0, 1000, 20, 50); // 50 a second
		expect(first).toBe(2005);
		expect(averageGap([first, ...later])).toBeCloseTo(1000 / 49, 1);
	});

	test('a later 429 measures again from the requests sent before it', async () => {
		const pacer = new Pacer(0, 300_000);
		await refusedAfter(pacer, 0, 1000, 20);
		// After the pause; the vendor's limit has dropped to 40 a second.
		const [first, ...later] = await refusedAfter(pacer, 2046, 3046, 25, 40);
		expect(first).toBe(4051);
		expect(averageGap([first, ...later])).toBeCloseTo(1000 / 39, 1);
	});

	test('Max Requests per Second paces from the first request', async () => {
		const pacer = new Pacer(10, 300_000);
		const starts = await nextStarts(pacer, 3);
		expect(starts).toEqual([0, 100, 200]);
	});
});

describe('Pacer turns', () => {
	test('turns that passed while n8n was busy are taken one by one, not all at once', async () => {
		// Real time: n8n's thread is kept busy (a garbage collection, a burst of answers) while three
		// requests wait for their turns. Booked ahead, all three would go the moment it is free again,
		// three requests in no time against a vendor's per-second limit.
		jest.useRealTimers();
		const pacer = new Pacer(20, 300_000); // one every 50 ms
		await pacer.turn();
		const turns = [pacer.turn(), pacer.turn(), pacer.turn()];
		const busyUntil = Date.now() + 250;
		while (Date.now() < busyUntil) {
			// busy
		}
		const starts = await Promise.all(turns);
		expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(45);
		expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(45);
	});
});
