import { sleep } from 'n8n-workflow';

import type { RequestContext } from './context';
import { isExecution } from './context';
import { DEFAULTS, readRequestOptions } from './options';

/** How long start times are kept: a second before the oldest request that may still be answered. */
const KEPT_MS = 1000 + DEFAULTS.maxTimeoutSeconds * 1000;
/** A turn taken at most this late keeps the pace's grid; a later one starts the grid again from now. */
const LATE_MS = 2;

/**
 * Pacing shared by every request of one node execution.
 *
 * When a vendor answers 429 with Retry-After, every request of the node
 * waits until then — not only the one that got the 429 — since the others
 * would hit the same limit. From then on the node sends no faster than the
 * rate that was accepted in the second before the 429 (a little under it), so
 * it does not run into the limit again at once. Max Requests per Second, when
 * set, caps the rate from the start.
 */
export class Pacer {
	private pausedUntil = 0;
	private intervalMs: number;
	private nextSlot = 0;
	/**
	 * Start times of recent requests, kept for as long as one may take: the
	 * ones sent in the second before a refused request are the rate the vendor
	 * let through.
	 */
	private readonly started: number[] = [];

	constructor(
		maxPerSecond: number,
		/** How long, in all, one request may wait out 429 answers. */
		readonly rateLimitWaitMs: number,
		private readonly cancelled?: AbortSignal,
	) {
		this.intervalMs = maxPerSecond > 0 ? 1000 / maxPerSecond : 0;
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
	async turn(): Promise<number> {
		for (;;) {
			const now = Date.now();
			const due = Math.max(this.pausedUntil, this.nextSlot);
			if (due <= now) {
				this.nextSlot = (now - due <= LATE_MS ? due : now) + this.intervalMs;
				this.started.push(now);
				while (this.started[0] < now - KEPT_MS) this.started.shift();
				return now;
			}
			await this.wait(Math.ceil(due - now));
		}
	}

	/**
	 * The vendor said 429: pause every request for `retryAfterMs` (or a
	 * second), and slow down to a little under the rate it let through in the
	 * second before the refused request was sent: 2% under, and at least one
	 * request a second less. Measured
	 * against a 50 requests/s limit in real n8n (BENCHMARKS.md), 10% under cost
	 * 4 of the 40 seconds 2,000 messages need at best, while this margin still
	 * meets no second 429; if one comes, the rate is measured again from there.
	 */
	rateLimited(retryAfterMs: number | undefined, startedAt: number): void {
		const now = Date.now();
		this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? 1000));
		// The requests sent in the second before the refused one, counted by when they were sent and
		// not by their answers: with 16 requests in flight, up to 15 the vendor already took have not
		// answered yet when the 429 comes, and counting answers set the pace that much under the
		// limit (34 instead of 49 a second against a limit of 50, in the benchmark).
		const recent = this.started.filter((t) => t >= startedAt - 1000 && t < startedAt).length;
		const tolerated = Math.max(1, Math.min(recent - 1, recent * 0.98));
		this.intervalMs = Math.max(this.intervalMs, 1000 / tolerated);
		this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
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
