import type { RequestContext } from './context';

/**
 * The Parallel Requests of one node execution: at most `size` items are being
 * sent at once. An item takes a slot before it starts and gives it back when
 * it is done — or while it waits out a 429 (`away`): a refused request then
 * does not keep the next item from going out, so an isolated 429 among
 * hundreds of accepted requests costs that request its wait, not everyone's
 * (docs/behaviour.md, "Rate limits"). An item coming back from its wait takes
 * the next free slot before items not yet started.
 *
 * With one slot items go out strictly in input order: a refused item keeps
 * its slot while it waits.
 */
export class Slots {
	readonly size: number;
	private free: number;
	private readonly returning: Array<() => void> = [];
	private readonly waiting: Array<() => void> = [];

	constructor(size: number) {
		this.size = Math.max(1, Math.floor(size) || 1);
		this.free = this.size;
	}

	/** Waits for a free slot, behind every item that asked before and every item coming back. */
	async take(): Promise<void> {
		await this.enter(this.waiting);
	}

	/** Takes a free slot if there is one, without waiting (a slot free now has nobody waiting for it). */
	tryTake(): boolean {
		if (this.free === 0) return false;
		this.free--;
		return true;
	}

	/** Gives a slot back: to an item coming back from its wait first, then to the next one waiting to start. */
	give(): void {
		const next = this.returning.shift() ?? this.waiting.shift();
		if (next) next();
		else this.free++;
	}

	/** Runs `wait` without holding a slot (with more than one), then takes one again. */
	async away<T>(wait: () => Promise<T>): Promise<T> {
		if (this.size === 1) return await wait();
		this.give();
		try {
			return await wait();
		} finally {
			await this.enter(this.returning);
		}
	}

	private enter(queue: Array<() => void>): Promise<void> {
		// A given-back slot goes straight to a waiter, so a free one means nobody waits.
		if (this.tryTake()) return Promise.resolve();
		return new Promise<void>((resolve) => queue.push(resolve));
	}
}

const slotsOf = new WeakMap<RequestContext, Slots>();

/** Makes `slots` the Parallel Requests of the node execution `ctx` for the requests it sends. */
export function useSlots(ctx: RequestContext, slots: Slots): Slots {
	slotsOf.set(ctx, slots);
	return slots;
}

/**
 * Waits without holding a Parallel Requests slot when the request belongs to
 * an item loop (an action node's execution); otherwise (a trigger, a picker)
 * just waits.
 */
export async function awayFromSlot<T>(ctx: RequestContext, wait: () => Promise<T>): Promise<T> {
	const slots = slotsOf.get(ctx);
	return slots ? await slots.away(wait) : await wait();
}
