import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { NodeContext } from './memory';
import { nodeMemory } from './memory';
import { hasSavedStaticData } from './staticData';

/**
 * "Have I started this event already?" — the one answer every trigger uses.
 *
 * What n8n 2.41.1 does with a trigger's static data, read in its source
 * (packages/cli webhooks/live-webhooks.js, webhook-helpers.js,
 * workflow-runner.js; n8n-workflow observable-object.js) and measured in a
 * real `n8n start` (docs/behaviour.md, "How triggers start each event once"):
 * - every webhook call loads the workflow, static data included, from the
 *   database, so concurrent calls each see the state as it was before any of
 *   them: a check-then-record in static data alone lets a burst of
 *   redeliveries through;
 * - static data changed in webhook() is saved only when n8n answers the
 *   request before it starts the run (the node answered itself, or it
 *   started nothing). When n8n answers after the execution exists (response
 *   mode onReceived, as its own Webhook node does), starting the run builds
 *   a second Workflow over the same object, which clears n8n-workflow's
 *   "changed" flag, and the change is dropped;
 * - an execution loads static data afresh when it starts and saves it, whole,
 *   when it ends, if a node changed it.
 *
 * So the ledger lives in two places:
 * - this process's memory: check and record with no `await` between them,
 *   exact for any number of concurrent calls that one n8n process serves;
 * - the node's static data, saved by the execution the event started (the
 *   trigger's execute() calls recordStarted; not on a queue-mode worker,
 *   staticData.ts) and by calls that start nothing, so a redelivery after a
 *   restart is still recognised.
 * Each is bounded: an event is remembered for REMEMBER_MS, and at most
 * REMEMBERED_EVENTS events per trigger node (the oldest are forgotten first).
 */

/** How long an event is remembered: longer than any vendor's redelivery window we know of. */
export const REMEMBER_MS = 24 * 60 * 60 * 1000;

/** The most events one trigger node remembers (in memory and in static data). */
export const REMEMBERED_EVENTS = 5000;

/** Where the ledger is kept in the node's static data. */
const STATIC_KEY = 'startedEvents';

/**
 * One trigger node's memory in this process: event digest → when it was first
 * seen (ms), and the events whose delivery is still being worked on (fetching
 * what the event carries), with what a redelivery waits for: whether that
 * delivery started the workflow (true) or failed and let the event go (false).
 */
interface Memory {
	seen: Map<string, number>;
	working: Map<string, { outcome: Promise<boolean>; settle: (started: boolean) => void }>;
}

function memoryOf(ctx: NodeContext): Memory {
	return nodeMemory(ctx, 'events', () => ({ seen: new Map<string, number>(), working: new Map() }));
}

/** A short, fixed-size stand-in for a key: 96 bits of its SHA-256, so static data stays small. */
export function digestOf(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 16);
}

/** The ledger as saved in static data: digest → seconds since 1970. Older lists of plain keys count as seen now. */
function persisted(staticData: IDataObject, now: number): Map<string, number> {
	const saved = staticData[STATIC_KEY];
	const entries = new Map<string, number>();
	if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
		for (const [digest, seconds] of Object.entries(saved as IDataObject)) {
			if (typeof seconds === 'number') entries.set(digest, seconds * 1000);
		}
	}
	// Version 1 of the triggers kept the last 1,000 keys themselves in `seenEvents`.
	if (Array.isArray(staticData.seenEvents)) for (const key of staticData.seenEvents) entries.set(digestOf(String(key)), now);
	return entries;
}

/** Drops what is too old, then the oldest beyond REMEMBERED_EVENTS. */
function prune(seen: Map<string, number>, now: number): void {
	for (const [digest, at] of seen) if (now - at > REMEMBER_MS) seen.delete(digest);
	if (seen.size <= REMEMBERED_EVENTS) return;
	const newest = [...seen].sort((a, b) => b[1] - a[1]).slice(0, REMEMBERED_EVENTS);
	seen.clear();
	for (const [digest, at] of newest) seen.set(digest, at);
}

/** Adds what static data holds to this process's memory (a restart starts with an empty memory). */
function absorb({ seen }: Memory, staticData: IDataObject, now: number): void {
	for (const [digest, at] of persisted(staticData, now)) {
		if (now - at > REMEMBER_MS) continue;
		const known = seen.get(digest);
		if (known === undefined || at < known) seen.set(digest, at);
	}
	if (seen.size > REMEMBERED_EVENTS * 1.25) prune(seen, now);
}

/**
 * Writes the memory into static data (a new object, so n8n notices the
 * change), leaving out events still being worked on: one that then fails must
 * not come back from static data as already started.
 */
function writeBack({ seen, working }: Memory, staticData: IDataObject, now: number): void {
	prune(seen, now);
	const saved: IDataObject = {};
	for (const [digest, at] of seen) if (!working.has(digest)) saved[digest] = Math.floor(at / 1000);
	staticData[STATIC_KEY] = saved;
	if ('seenEvents' in staticData) delete staticData.seenEvents;
}

/**
 * Runs `work` for the first delivery of `key` this trigger node sees, and
 * resolves with its result (what webhook() answers n8n); a redelivery resolves
 * with undefined and starts nothing.
 * - The check and the record happen with no `await` between them, so of any
 *   number of concurrent deliveries of one event that this n8n process
 *   receives, exactly one runs `work`.
 * - A redelivery that arrives while `work` is still running waits for it: if
 *   `work` fails (the vendor gets an error and will retry), the event is let go
 *   and the waiting redelivery takes it over — never started twice, never lost.
 * - A redelivery starts nothing, so n8n saves static data after it: the ledger
 *   is saved then if the saved one lacks this event (its execution has not
 *   ended yet), so a restart still knows it.
 */
export async function onFirstDelivery(
	ctx: IWebhookFunctions,
	key: string,
	work: () => Promise<IWebhookResponseData> | IWebhookResponseData,
): Promise<IWebhookResponseData | undefined> {
	const memory = memoryOf(ctx);
	const digest = digestOf(key);
	const staticData = ctx.getWorkflowStaticData('node');
	for (;;) {
		const now = Date.now();
		absorb(memory, staticData, now);
		if (!memory.seen.has(digest)) break;
		const working = memory.working.get(digest);
		if (working && !(await working.outcome)) continue;
		if (!persisted(staticData, now).has(digest)) writeBack(memory, staticData, now);
		return undefined;
	}
	memory.seen.set(digest, Date.now());
	let settle: (started: boolean) => void = () => undefined;
	const outcome = new Promise<boolean>((resolve) => (settle = resolve));
	memory.working.set(digest, { outcome, settle });
	let finished: IWebhookResponseData | undefined;
	try {
		finished = await work();
		return finished;
	} finally {
		memory.working.delete(digest);
		if (!finished) memory.seen.delete(digest);
		// A call that starts no execution (the event went elsewhere, e.g. to a
		// waiting Send and Wait) is saved by n8n as it answers: save the event now.
		else if (!finished.workflowData) writeBack(memory, staticData, Date.now());
		settle(finished !== undefined);
	}
}

/**
 * Saves in the node's static data that these events started a workflow. Called
 * by the trigger's execute(), the first node of the execution the event started:
 * n8n saves the execution's static data when it ends. Not on a queue-mode
 * worker, which has not got the saved static data (staticData.ts): there the
 * webhook processor's memory, and what it saves when it answers a redelivery,
 * are the ledger.
 */
export function recordStarted(ctx: IExecuteFunctions, keys: string[]): void {
	// A queue-mode worker's execution: writing would wipe the workflow's static data (staticData.ts).
	if (!hasSavedStaticData(ctx)) return;
	const now = Date.now();
	const memory = memoryOf(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	absorb(memory, staticData, now);
	for (const key of keys) {
		const digest = digestOf(key);
		if (!memory.seen.has(digest)) memory.seen.set(digest, now);
	}
	const saved = persisted(staticData, now);
	const unsaved = [...memory.seen.keys()].some((digest) => !saved.has(digest) && !memory.working.has(digest));
	if (unsaved || 'seenEvents' in staticData) writeBack(memory, staticData, now);
}
