'use strict';

// The pacer of nodes/shared/pacing.ts on n8n's clock, faked: what rate it keeps
// to after the vendor's 429s. (test/shared/pacing.test.js runs it against the
// sandbox's rate limit through real workflows.)
const { Pacer } = require('../../dist/nodes/shared/pacing');

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

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

/** 50 requests accepted in one second (one every 20 ms), then the 429s of one burst, arriving `gapMs` apart. */
async function limitedBurst(burst, gapMs) {
	const pacer = new Pacer(0, 300_000);
	for (let t = 0; t < 1000; t += 20) {
		jest.setSystemTime(t);
		pacer.acceptedAt(t);
	}
	for (let i = 0; i < burst; i++) {
		jest.setSystemTime(1000 + i * gapMs);
		pacer.rateLimited(1000, 990); // every request of the burst was sent before its first 429 arrived
	}
	const starts = await nextStarts(pacer, 3);
	return { pausedUntil: starts[0], intervalMs: starts[1] - starts[0] };
}

describe('Pacer after a 429', () => {
	test('pauses until the latest Retry-After, then keeps 2% under the rate accepted in the second before', async () => {
		const { pausedUntil, intervalMs } = await limitedBurst(1, 0);
		expect(pausedUntil).toBe(2000);
		expect(intervalMs).toBeCloseTo(1000 / 49, 0);
	});

	test('the 429s of one burst (16 requests in flight) measure the rate once, not lower with each one that arrives later', async () => {
		const { pausedUntil, intervalMs } = await limitedBurst(16, 20);
		expect(pausedUntil).toBe(1000 + 15 * 20 + 1000);
		expect(intervalMs).toBeCloseTo(1000 / 49, 0);
	});

	test('a 429 for a request sent after that measures again', async () => {
		const pacer = new Pacer(0, 300_000);
		for (let t = 0; t < 1000; t += 20) {
			jest.setSystemTime(t);
			pacer.acceptedAt(t);
		}
		jest.setSystemTime(1000);
		pacer.rateLimited(1000, 990);
		for (let t = 2000; t < 3000; t += 25) {
			jest.setSystemTime(t);
			pacer.acceptedAt(t);
		}
		jest.setSystemTime(3000);
		pacer.rateLimited(1000, 2990);
		const [first, second] = await nextStarts(pacer, 2);
		expect(first).toBe(4000);
		expect(second - first).toBeCloseTo(1000 / 39, 0);
	});
});
