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
 * refuses 5 ms later with Retry-After: 1; returns the start times of the two requests after that.
 */
async function refusedAfter(pacer, from, to, everyMs) {
	await send(pacer, from, to, everyMs);
	jest.setSystemTime(to + 5);
	pacer.rateLimited(1000, to);
	return await nextStarts(pacer, 2);
}

describe('Pacer after a 429', () => {
	// None of these requests has answered when the 429 comes (16 in flight against a slow vendor):
	// they count all the same, by when they were sent.
	test('pauses until Retry-After, then keeps 2% under the rate sent in the second before the refused request', async () => {
		const [first, second] = await refusedAfter(new Pacer(0, 300_000), 0, 1000, 20); // 50 a second
		expect(first).toBe(2005);
		expect(second - first).toBeCloseTo(1000 / 49, 0);
	});

	test('a later 429 measures again from the requests sent before it', async () => {
		const pacer = new Pacer(0, 300_000);
		await refusedAfter(pacer, 0, 1000, 20);
		// After the pause; the vendor's limit has dropped to 40 a second.
		const [first, second] = await refusedAfter(pacer, 2046, 3046, 25);
		expect(first).toBe(4051);
		expect(second - first).toBeCloseTo(1000 / 39, 0);
	});

	test('Max Requests per Second paces from the first request', async () => {
		const pacer = new Pacer(10, 300_000);
		const starts = await nextStarts(pacer, 3);
		expect(starts).toEqual([0, 100, 200]);
	});
});
