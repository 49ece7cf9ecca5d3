import { sleep } from 'n8n-workflow';

import type { RequestContext } from './context';
import { isExecution } from './context';
import { DEFAULTS, readRequestOptions } from './options';

/** How long start times are kept: a second before the oldest request that may still be answered. */
const KEPT_MS = 1000 + DEFAULTS.maxTimeoutSeconds * 1000;
/** A turn taken at most this late keeps the pace's grid; a later one starts the grid again from now. */
const LATE_MS = 2;
/** The pace set from a measurement: this share of the rate the vendor accepted. */
const UNDER_LIMIT = 0.98;
/** After the pace was set from the vendor's limit, it is held this long before it rises again. */
const HOLD_MS = 5000;
/** Then it rises by this share of itself (at least STEP_MIN a second) for each second without a 429. */
const STEP = 0.05;
const STEP_MIN = 1;

/** One request's turn: when it started, in what order, and what the vendor made of it. */
export interface Turn {
	readonly at: number;
	readonly seq: number;
	/** Started while the node was faster than the last limit it found (probing beyond it). */
	readonly probing: boolean;
	refused?: boolean;
}

/**
 * Pacing shared by every request of one node execution, AIMD-like: it finds
 * the vendor's rate limit, keeps just under it, and speeds up again step by
 * step when the vendor stops refusing (docs/behaviour.md, "Rate limits").
 *
 * - A vendor at its limit refuses every request until its window has room
 *   again, so two requests refused in a row (by the order they were sent) are
 *   the limit: every request waits until the Retry-After, and the pace is set
 *   to a little under the rate the vendor accepted in the second before.
 * - A 429 between accepted requests is not the limit (a per-conversation
 *   throttle, one busy server of several): only that request waits and is
 *   sent again. The others keep their pace, unless the node is faster than
 *   the last limit it found: then it went a little over the limit again, and
 *   the pace is set anew from the measurement, without a pause.
 * - After HOLD_MS at a found pace, each second without a 429 raises it by
 *   STEP, as TCP opens its window again after a loss.
 *
 * Max Requests per Second, when set, caps the rate from the start.
 */
export class Pacer {
	private pausedUntil = 0;
	private readonly capMs: number;
	/** The rate found from the vendor's 429s (requests a second), or undefined while none was found. */
	private found: number | undefined;
	/** The rate the last 429 set, which a faster pace is probing beyond. */
	private setTo = Infinity;
	private intervalMs: number;
	private nextSlot = 0;
	private seq = 0;
	/** When the pace may next rise, and whether a 429 came since the last rise. */
	private riseAt = 0;
	/**
	 * Recent turns, in the order they were taken, kept for as long as a request
	 * may take: the ones in the second before a refused request are the rate the
	 * vendor let through.
	 */
	private readonly turns: Turn[] = [];

	constructor(
		maxPerSecond: number,
		/** How long, in all, one request may wait out 429 answers. */
		readonly rateLimitWaitMs: number,
		private readonly cancelled?: AbortSignal,
	) {
		this.capMs = maxPerSecond > 0 ? 1000 / maxPerSecond : 0;
		this.intervalMs = this.capMs;
	}

	/** The requests a second the node keeps to now (Infinity: no pace). */
	get rate(): number {
		return this.intervalMs > 0 ? 1000 / this.intervalMs : Infinity;
	}

	/**
	 * Waits for this request's turn: after any pause, and one interval after
	 * the previous request. A turn is taken when it comes, not booked ahead:
	 * requests whose turns passed while n8n's thread was busy (a garbage
	 * collection, a burst of answers) do not then all go at once, which would
	 * crowd more into one second than the pace allows and meet the vendor's
	 * limit again. Turns stay on their grid (no drift from timers that fire a
	 * millisecond late) unless one is later than LATE_MS.
	 */
	async turn(): Promise<Turn> {
		for (;;) {
			const now = Date.now();
			const due = Math.max(this.pausedUntil, this.nextSlot);
			if (due <= now) {
				this.nextSlot = (now - due <= LATE_MS ? due : now) + this.intervalMs;
				const turn: Turn = { at: now, seq: this.seq++, probing: this.rate > this.setTo };
				this.turns.push(turn);
				while (this.turns[0].at < now - KEPT_MS) this.turns.shift();
				return turn;
			}
			await this.wait(Math.ceil(due - now));
		}
	}

	/** The vendor took the request (any answer but 429): the pace may rise. */
	accepted(): void {
		if (this.found === undefined) return;
		const now = Date.now();
		if (now < this.riseAt) return;
		this.riseAt = now + 1000;
		const rate = this.rate;
		this.setPace(rate + Math.max(STEP_MIN, rate * STEP));
	}

	/**
	 * The vendor answered 429 to `turn`, which waits `retryAfterMs` before it
	 * is sent again. Whether the other requests wait and slow down depends on
	 * whether this was the vendor's limit (see the class comment).
	 */
	refused(turn: Turn, retryAfterMs: number): void {
		turn.refused = true;
		const now = Date.now();
		const inARow = this.neighbour(turn, -1)?.refused === true || this.neighbour(turn, 1)?.refused === true;
		const { probing } = turn;
		if (!inARow && !probing) return;
		// Faster than the limit it found, the node only went a little over it: slowing down is enough.
		if (inARow && !probing) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
		// The rate the vendor accepted: requests sent in the second up to the refused one — those sent
		// in the same millisecond included, which 16 requests started together all are — less those it
		// refused. Counted by when they were sent, not by their answers: with 16 requests in flight, up
		// to 15 the vendor already took have not answered when the 429 comes.
		let sent = 0;
		let refused = 0;
		for (const t of this.turns) {
			if (t.at < turn.at - 1000 || t.at > turn.at) continue;
			sent++;
			if (t.refused) refused++;
		}
		const tolerated = Math.max(1, sent - refused);
		// Each 429 of one episode measures again as more refusals come in: the lowest measurement holds.
		this.found = Math.min(this.rate, tolerated * UNDER_LIMIT);
		this.setTo = this.found;
		this.setPace(this.found);
		this.riseAt = Math.max(this.riseAt, now + HOLD_MS, this.pausedUntil + HOLD_MS);
		this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
	}

	private setPace(perSecond: number): void {
		this.intervalMs = Math.max(this.capMs, 1000 / perSecond);
	}

	/** The turn taken just before (-1) or after (+1) `turn`, if it is still kept. */
	private neighbour(turn: Turn, offset: number): Turn | undefined {
		if (!this.turns.length) return undefined;
		return this.turns[turn.seq + offset - this.turns[0].seq];
	}

	/** Sleeps, but gives up as soon as the execution is cancelled. */
	async wait(ms: number): Promise<void> {
		if (ms <= 0) return;
		const signal = this.cancelled;
		if (!signal) return await sleep(ms);
		if (signal.aborted) throw new Error('The execution was cancelled');
		let onAbort: () => void = () => undefined;
		const aborted = new Promise<never>((_resolve, reject) => {
			onAbort = () => reject(new Error('The execution was cancelled'));
			signal.addEventListener('abort', onAbort, { once: true });
		});
		try {
			await Promise.race([sleep(ms), aborted]);
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	}
}

const pacers = new WeakMap<RequestContext, Pacer>();

/** The pacer of this node execution. */
export function pacerFor(ctx: RequestContext): Pacer {
	let pacer = pacers.get(ctx);
	if (!pacer) {
		// A trigger has no Options collection: it paces with the defaults.
		const execution = isExecution(ctx);
		const cancelled = execution && typeof ctx.getExecutionCancelSignal === 'function' ? ctx.getExecutionCancelSignal() : undefined;
		const { maxRequestsPerSecond, rateLimitWaitMs } = execution
			? readRequestOptions(ctx)
			: { maxRequestsPerSecond: DEFAULTS.maxRequestsPerSecond, rateLimitWaitMs: DEFAULTS.rateLimitWaitSeconds * 1000 };
		pacer = new Pacer(maxRequestsPerSecond, rateLimitWaitMs, cancelled);
		pacers.set(ctx, pacer);
	}
	return pacer;
}
