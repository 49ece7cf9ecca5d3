import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { NodeContext } from './memory';
import { nodeMemory } from './memory';

/**
 * "Have I started this event already?" — the one answer every trigger uses.
 *
 * What n8n 2.41.1 does with a trigger's static data, read in its source
 * (packages/cli webhooks/live-webhooks.js, webhook-helpers.js,
 * workflow-runner.js; n8n-workflow observable-object.js) and measured in a
 * real `n8n start` (docs/triggers-exactly-once.md):
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
 *   trigger's execute() calls recordStarted) and by calls that start nothing,
 *   so a redelivery after a restart is still recognised.
 * Each is bounded: an event is remembered for REMEMBER_MS, and at most
 * REMEMBERED_EVENTS events per trigger node (the oldest are forgotten first).
 */

/** How long an event is remembered: longer than any vendor's redelivery window we know of. */
export const REMEMBER_MS = 24 * 60 * 60 * 1000;

/** The most events one trigger node remembers (in memory and in static data). */
export const REMEMBERED_EVENTS = 5000;

/** Where the ledger is kept in the node's static data. */
const STATIC_KEY = 'startedEvents';

/** One trigger node's memory in this process: event digest → when it was first seen (ms). */
type Memory = Map<string, number>;

function memoryOf(ctx: NodeContext): Memory {
	return nodeMemory(ctx, 'events', () => new Map<string, number>());
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
function prune(memory: Memory, now: number): void {
	for (const [digest, at] of memory) if (now - at > REMEMBER_MS) memory.delete(digest);
	if (memory.size <= REMEMBERED_EVENTS) return;
	const newest = [...memory].sort((a, b) => b[1] - a[1]).slice(0, REMEMBERED_EVENTS);
	memory.clear();
	for (const [digest, at] of newest) memory.set(digest, at);
}

/** Adds what static data holds to this process's memory (a restart starts with an empty memory). */
function absorb(memory: Memory, staticData: IDataObject, now: number): boolean {
	let added = false;
	for (const [digest, at] of persisted(staticData, now)) {
		if (now - at > REMEMBER_MS) continue;
		const known = memory.get(digest);
		if (known === undefined || at < known) {
			memory.set(digest, at);
			added = true;
		}
	}
	if (memory.size > REMEMBERED_EVENTS * 1.25) prune(memory, now);
	return added;
}

/** Writes the memory into static data (a new object, so n8n notices the change). */
function writeBack(memory: Memory, staticData: IDataObject, now: number): void {
	prune(memory, now);
	const saved: IDataObject = {};
	for (const [digest, at] of memory) saved[digest] = Math.floor(at / 1000);
	staticData[STATIC_KEY] = saved;
	if ('seenEvents' in staticData) delete staticData.seenEvents;
}

/**
 * True the first time this trigger node sees `key`, false for a redelivery.
 * Synchronous on purpose: the check and the record happen with no `await`
 * between them, so of any number of concurrent calls with the same key in
 * this n8n process exactly one gets true.
 */
export function claimEvent(ctx: IWebhookFunctions, key: string): boolean {
	const now = Date.now();
	const memory = memoryOf(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	absorb(memory, staticData, now);
	const digest = digestOf(key);
	if (memory.has(digest)) {
		// A redelivery: the call starts nothing, so n8n saves static data after it.
		// Save the ledger then if the saved one has not got this event yet
		// (its execution has not ended): a restart must still know it.
		if (!persisted(staticData, now).has(digest)) writeBack(memory, staticData, now);
		return false;
	}
	memory.set(digest, now);
	return true;
}

/** Forgets `key` again: the call that claimed it failed, and the vendor's retry must be able to start the workflow. */
export function releaseEvent(ctx: IWebhookFunctions, key: string): void {
	memoryOf(ctx).delete(digestOf(key));
}

/**
 * Saves in the node's static data that these events started a workflow. Called
 * by the trigger's execute(), the first node of the execution the event started:
 * n8n saves the execution's static data when it ends, in whichever process ran it
 * (a queue-mode worker too).
 */
export function recordStarted(ctx: IExecuteFunctions, keys: string[]): void {
	const now = Date.now();
	const memory = memoryOf(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	absorb(memory, staticData, now);
	for (const key of keys) {
		const digest = digestOf(key);
		if (!memory.has(digest)) memory.set(digest, now);
	}
	const saved = persisted(staticData, now);
	if ([...memory.keys()].some((digest) => !saved.has(digest)) || 'seenEvents' in staticData) writeBack(memory, staticData, now);
}
