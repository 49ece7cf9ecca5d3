import type { IDataObject, IExecuteFunctions, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { expectList } from '../shared/answers';
import { isExecution } from '../shared/context';
import type { NodeContext } from '../shared/memory';
import { forgetNodeMemory, nodeMemory, oneAtATime } from '../shared/memory';
import { hasSavedStaticData } from '../shared/staticData';
import { vendorRequest } from '../shared/transport';
import { triggerConnection } from './registration';

/**
 * A session's messages with a ChatMessageId above `after`, oldest first
 * (GET /api/v1/ChatSession/{id}/Messages?after=). ChatMessageIds only grow,
 * so `after` is an exact cursor.
 */
export async function messagesAfter(
	ctx: IWebhookFunctions | IPollFunctions,
	chatSessionId: number,
	after: number,
): Promise<IDataObject[]> {
	const connection = await triggerConnection(ctx);
	const answer = await vendorRequest(ctx, connection, {
		method: 'GET',
		path: `/api/v1/ChatSession/${chatSessionId}/Messages`,
		qs: { after },
		itemIndex: 0,
	});
	return expectList(ctx, connection, 0, answer, 'the chat messages')
		.filter((m) => typeof m.ChatMessageId === 'number' && m.ChatMessageId > after)
		.sort((a, b) => (a.ChatMessageId as number) - (b.ChatMessageId as number));
}

/**
 * Where the SuperOffice Trigger stands in each chat session: the last
 * ChatMessageId it handed on and when (ms). Kept in this process's memory
 * (exact for concurrent events, see oneAtATime) and in static data as
 * `sessions` (saved by the execution each event starts, see recordPositions),
 * with:
 * - `activatedAt`: when the webhook was registered; in a session the trigger
 *   has no position for, a message posted after it (less CLOCK_SKEW_MS,
 *   since SuperOffice's clock is not n8n's) is new;
 * - `forgottenUpTo`: the highest ChatMessageId of the sessions it forgot. A
 *   session forgotten and then written in again goes on after it:
 *   ChatMessageIds are one sequence for all sessions, so nothing it handed on
 *   comes again.
 */
interface Position {
	after: number;
	at: number;
}

interface Positions {
	sessions: Map<number, Position>;
	forgottenUpTo: number;
}

/** A session without events for this long is forgotten. */
export const QUIET_SESSION_MS = 7 * 24 * 60 * 60 * 1000;

/** How far SuperOffice's clock may be behind n8n's. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * A chat session's status once it has ended, as chatsession.changed carries it
 * in FieldValues (reference/chat-events.md; the status codes list 7 and 9 as
 * ended). A reopened session is not lost: see forgottenUpTo.
 */
const ENDED_STATUSES = new Set(['7', '9', 'closed', 'deleted', 'finished']);

/** Whether a chatsession.changed event's field values say the session has ended. */
export function hasEnded(fieldValues: unknown): boolean {
	if (!fieldValues || typeof fieldValues !== 'object') return false;
	const values = fieldValues as IDataObject;
	const status = values.status ?? values.Status;
	return status !== undefined && ENDED_STATUSES.has(String(status).toLowerCase());
}

const MEMORY = 'chatSessions';

function memoryOf(ctx: NodeContext): Positions {
	return nodeMemory(ctx, MEMORY, () => ({ sessions: new Map<number, Position>(), forgottenUpTo: 0 }));
}

/** Adds the saved positions to memory, keeping the further one of each session. */
function absorb(positions: Positions, staticData: IDataObject, now: number): void {
	const saved = staticData.sessions;
	if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
		for (const [key, value] of Object.entries(saved as IDataObject)) {
			const id = Number(key);
			// Version 1 kept the ChatMessageId alone.
			const after = typeof value === 'number' ? value : Number((value as IDataObject | null)?.after);
			const at = typeof value === 'object' && value !== null ? Number((value as IDataObject).at) * 1000 : now;
			if (!Number.isFinite(id) || !Number.isFinite(after)) continue;
			const known = positions.sessions.get(id);
			if (!known || known.after < after) positions.sessions.set(id, { after, at: Number.isFinite(at) ? at : now });
		}
	}
	const forgotten = Number(staticData.forgottenUpTo);
	if (Number.isFinite(forgotten) && forgotten > positions.forgottenUpTo) positions.forgottenUpTo = forgotten;
}

/** Forgets one session, remembering where it stood in forgottenUpTo. */
function forget(positions: Positions, id: number): void {
	const position = positions.sessions.get(id);
	if (!position) return;
	positions.forgottenUpTo = Math.max(positions.forgottenUpTo, position.after);
	positions.sessions.delete(id);
}

function writeBack(positions: Positions, staticData: IDataObject, now: number): void {
	for (const [id, position] of positions.sessions) if (now - position.at > QUIET_SESSION_MS) forget(positions, id);
	const saved: IDataObject = {};
	for (const [id, { after, at }] of positions.sessions) saved[id] = { after, at: Math.floor(at / 1000) };
	staticData.sessions = saved;
	staticData.forgottenUpTo = positions.forgottenUpTo;
}

function postedAt(message: IDataObject): number {
	const time = Date.parse(String(message.WhenPosted ?? ''));
	return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * The messages of a chat session after the last one this node handed on,
 * oldest first, and the session's position moves past them. Two events of
 * one session take turns, so each message goes out once; for a session
 * without a position, every message posted since activation is new.
 */
export async function newSessionMessages(ctx: IWebhookFunctions, chatSessionId: number): Promise<IDataObject[]> {
	return await oneAtATime(ctx, `session:${chatSessionId}`, async () => {
		const now = Date.now();
		const staticData = ctx.getWorkflowStaticData('node');
		const positions = memoryOf(ctx);
		absorb(positions, staticData, now);
		const known = positions.sessions.get(chatSessionId);
		const listed = await messagesAfter(ctx, chatSessionId, known ? known.after : positions.forgottenUpTo);
		let fresh = listed;
		if (!known) {
			const activatedAt = Date.parse(String(staticData.activatedAt ?? ''));
			// A trigger saved before activatedAt was kept hands on the newest message only, as it used to.
			fresh = Number.isNaN(activatedAt) ? listed.slice(-1) : listed.filter((m) => postedAt(m) >= activatedAt - CLOCK_SKEW_MS);
		}
		const last = listed.length ? (listed[listed.length - 1].ChatMessageId as number) : known?.after;
		if (last !== undefined) positions.sessions.set(chatSessionId, { after: last, at: now });
		return fresh;
	});
}

/** Forgets a session that has ended. */
export function sessionEnded(ctx: IWebhookFunctions, chatSessionId: number): void {
	forget(memoryOf(ctx), chatSessionId);
}

/**
 * Saves in static data where each session stands after the events of this
 * execution (from the messages they carry, so a queue-mode worker, which has
 * not seen the webhook call, saves the same), merged with this process's memory;
 * or after a webhook call that starts no execution (a message handed on to a
 * waiting Send and Wait), which n8n saves as it answers.
 */
export function recordPositions(ctx: IExecuteFunctions | IWebhookFunctions, events: IDataObject[]): void {
	// A queue-mode worker's execution: writing would wipe the workflow's static data (staticData.ts).
	if (isExecution(ctx) && !hasSavedStaticData(ctx)) return;
	const now = Date.now();
	const staticData = ctx.getWorkflowStaticData('node');
	const positions = memoryOf(ctx);
	absorb(positions, staticData, now);
	for (const event of events) {
		const id = Number(event.chatSessionId);
		if (!Number.isFinite(id)) continue;
		if (event.event === 'chatsession.changed' && hasEnded(event.fieldValues)) {
			forget(positions, id);
			continue;
		}
		const messages = Array.isArray(event.messages) ? (event.messages as IDataObject[]) : [];
		const ids = messages.map((m) => Number(m.ChatMessageId)).filter(Number.isFinite);
		if (!ids.length) continue;
		const after = Math.max(...ids);
		const known = positions.sessions.get(id);
		if (!known || known.after < after) positions.sessions.set(id, { after, at: now });
	}
	writeBack(positions, staticData, now);
}

/** A new activation: positions start afresh, from now. */
export function startPositions(ctx: IHookFunctions): void {
	forgetNodeMemory(ctx, MEMORY);
	const staticData = ctx.getWorkflowStaticData('node');
	staticData.activatedAt = new Date().toISOString();
	delete staticData.sessions;
	delete staticData.forgottenUpTo;
}

/** Deactivation: the positions go (a later activation starts from its own moment). */
export function dropPositions(ctx: IHookFunctions): void {
	forgetNodeMemory(ctx, MEMORY);
	const staticData = ctx.getWorkflowStaticData('node');
	for (const key of ['sessions', 'forgottenUpTo', 'activatedAt']) delete staticData[key];
}
