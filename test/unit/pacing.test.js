'use strict';

// The pacer of nodes/shared/pacing.ts on a faked clock: what it makes of the
// vendor's 429s, and how the pace recovers. (test/shared/pacing.test.js runs
// it against the sandbox's rate limit through real workflows.)
const { Pacer } = require('../../dist/nodes/shared/pacing');

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

/** Takes `count` turns at the current time (requests started together), or one every `everyMs` from `from`. */
async function send(pacer, count, { from = Date.now(), everyMs = 0 } = {}) {
	const turns = [];
	for (let i = 0; i < count; i++) {
		jest.setSystemTime(from + i * everyMs);
		turns.push(await pacer.turn());
	}
	return turns;
}

/** The start times the pacer gives the next `count` requests, each answered (accepted) as it starts. */
async function nextStarts(pacer, count) {
	const starts = [];
	for (let i = 0; i < count; i++) {
		const turn = pacer.turn();
		await jest.runOnlyPendingTimersAsync();
		starts.push((await turn).at);
		pacer.accepted();
	}
	return starts;
}

/** The mean time between consecutive starts: turns fall on whole milliseconds, the pace's grid need not. */
const averageGap = (starts) => (starts[starts.length - 1] - starts[0]) / (starts.length - 1);

describe('Pacer: the vendor’s limit', () => {
	test('16 started in the same millisecond, the last 6 refused: pause until Retry-After, then 98% of the 10 it took', async () => {
		// The rate is measured from the second up to the refused request, simultaneous starts included
		// (counting only those before it found 0 and fell to one a second), less the ones refused.
		const pacer = new Pacer(0, 300_000);
		const turns = await send(pacer, 16);
		jest.setSystemTime(5);
		for (const turn of turns.slice(10)) pacer.refused(turn, 1000);
		expect(pacer.rate).toBeCloseTo(9.8, 5);
		const starts = await nextStarts(pacer, 11);
		expect(starts[0]).toBe(1005);
		expect(averageGap(starts)).toBeCloseTo(1000 / 9.8, 0);
	});

	test('a 429 between accepted requests is not the limit: the others neither wait nor slow down', async () => {
		const pacer = new Pacer(0, 300_000);
		const turns = await send(pacer, 30, { everyMs: 10 });
		jest.setSystemTime(300);
		pacer.refused(turns[9], 1000);
		pacer.refused(turns[19], 1000);
		expect(pacer.rate).toBe(Infinity);
		expect((await pacer.turn()).at).toBe(300);
	});

	test('refused in a row, whatever order their 429s come in', async () => {
		const pacer = new Pacer(0, 300_000);
		const turns = await send(pacer, 20, { everyMs: 20 }); // 50 a second
		jest.setSystemTime(400);
		pacer.refused(turns[19], 1000);
		expect(pacer.rate).toBe(Infinity);
		pacer.refused(turns[18], 1000);
		// 20 sent in the second up to the refused one, 2 of them refused.
		expect(pacer.rate).toBeCloseTo(18 * 0.98, 5);
	});
});

describe('Pacer: recovery', () => {
	/** A pacer that found a limit of 10 a second (9.8) at time 0 and was paused for a second. */
	async function limited() {
		const pacer = new Pacer(0, 300_000);
		const turns = await send(pacer, 16);
		for (const turn of turns.slice(10)) pacer.refused(turn, 1000);
		return pacer;
	}

	test('held for 5 s after the pause, then 5% faster (at least one request a second) for each second the vendor refuses nothing', async () => {
		const pacer = await limited();
		jest.setSystemTime(5999);
		pacer.accepted();
		expect(pacer.rate).toBeCloseTo(9.8, 5);
		jest.setSystemTime(6000);
		pacer.accepted();
		expect(pacer.rate).toBeCloseTo(10.8, 5);
		jest.setSystemTime(6500);
		pacer.accepted();
		expect(pacer.rate).toBeCloseTo(10.8, 5);
		for (let t = 7000; t <= 30_000; t += 1000) {
			jest.setSystemTime(t);
			pacer.accepted();
		}
		// From 10.8: +1 a second until 20, then +5% a second.
		expect(pacer.rate).toBeGreaterThan(25);
	});

	test('429s while faster than the limit it found (probing), even in a row, set the pace again without pausing the others', async () => {
		const pacer = await limited();
		jest.setSystemTime(6000);
		pacer.accepted(); // 10.8 a second
		const turns = await send(pacer, 12, { from: 6000, everyMs: 93 });
		jest.setSystemTime(7100);
		pacer.refused(turns[10], 1000);
		pacer.refused(turns[11], 1000);
		// 11 sent in the second up to the last one, 2 of them refused: 9 taken.
		expect(pacer.rate).toBeCloseTo(9 * 0.98, 5);
		const [next] = await nextStarts(pacer, 1);
		expect(next).toBeLessThan(7300);
		// Held again before the next rise.
		jest.setSystemTime(9000);
		pacer.accepted();
		expect(pacer.rate).toBeCloseTo(9 * 0.98, 5);
	});

	test('Max Requests per Second paces from the first request, and the pace never rises above it', async () => {
		const pacer = new Pacer(10, 300_000);
		expect(await nextStarts(pacer, 3)).toEqual([0, 100, 200]);
		const turns = await send(pacer, 2, { from: 300, everyMs: 100 });
		pacer.refused(turns[0], 100);
		pacer.refused(turns[1], 100);
		for (let t = 10_000; t <= 60_000; t += 1000) {
			jest.setSystemTime(t);
			pacer.accepted();
		}
		expect(pacer.rate).toBeCloseTo(10, 5);
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
		// Which of the three waiting requests goes first is up to the timers; they go one interval apart.
		const starts = (await Promise.all(turns)).map((turn) => turn.at).sort((a, b) => a - b);
		expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(45);
		expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(45);
	});
});
