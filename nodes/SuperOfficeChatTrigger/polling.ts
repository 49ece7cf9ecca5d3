import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { expectList } from '../shared/answers';
import { inTurn } from '../shared/inTurn';
import { vendorRequest } from '../shared/transport';
import { messagesAfter } from '../SuperOfficeTrigger/messages';
import { triggerConnection } from '../SuperOfficeTrigger/registration';

export { messagesAfter };

/*
 * Why one request per session. SuperOffice has no call that lists new chat
 * messages across sessions (looked for in github.com/SuperOfficeDocs/superoffice-docs):
 * - REST: GET ChatSession/{id}/Messages?after= takes one session
 *   (docs/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_GetChatMessages.md);
 *   nothing else under …/rest/ChatSession/ or …/rest/ChatTopic/ returns messages.
 * - Agents API: POST Agents/Chat/GetChatMessages takes one ChatSessionId and After
 *   (docs/en/api/reference/restful/agent/Chat_Agent/v1ChatAgent_GetChatMessages.md).
 * - Archive providers (GET /api/v1/archive/{provider}): there is no ChatMessage
 *   provider in docs/en/api/archive-providers/reference/; ChatSession
 *   (chatsession.md) and the ChatConversation selection providers
 *   (chatconversation*.md) have one row per session, with the first and last
 *   message's text and no message ID, so no "ChatMessageId > cursor" filter.
 *
 * Why no session is skipped. The ChatSession entity
 * (…/rest/ChatSession/v1ChatSessionEntity_ChatSessionsForUser.md,
 * docs/en/database/tables/chat-session.md) has no ID of its last message, only
 * its text (LastMessage) and a time (WhenIdle), and an ended session can get
 * messages again: the customer may re-activate a Finished session, which shows
 * only when they write (docs/en/automation/chatbot/sessions.md, "Post-chat
 * form"), and ReopenedByCustomer is one of the special message types
 * (docs/en/automation/chatbot/reference.md). Nothing in a listed session says
 * for certain that it has no message after the cursor, so every listed session
 * is read; the polls are bounded instead (SESSIONS_IN_FLIGHT, the budget).
 */

/**
 * Session reads in flight at once. SuperOffice documents no rate limit; four
 * keep a poll's load on the tenant modest while 300 sessions take 75 round
 * trips instead of 300 (a 429 still slows every read of the poll, pacing.ts).
 */
export const SESSIONS_IN_FLIGHT = 4;

/** The chat sessions the credential's user is a member of. */
export async function chatSessions(ctx: IPollFunctions): Promise<IDataObject[]> {
	const connection = await triggerConnection(ctx);
	const answer = await vendorRequest(ctx, connection, { method: 'GET', path: '/api/v1/ChatSession/ForCurrentUser', itemIndex: 0 });
	return expectList(ctx, connection, 0, answer, 'the chat sessions').filter((s) => typeof s.ChatSessionId === 'number');
}

/**
 * Where the trigger stands, kept in the node's static data:
 * - `sessions`: per listed session, the last ChatMessageId handed on (its
 *   cursor). Only sessions ForCurrentUser still lists are kept.
 * - `newSessionsAfter`: where a session without a cursor starts — one listed
 *   for the first time, or one that is listed again after it was forgotten.
 *   Set at activation to the newest message activation read, and raised to
 *   the cursor of every session that is forgotten. ChatMessageIds are one
 *   sequence for every session, so a session that comes back never hands on
 *   a message again, and nothing older than the activation starts the
 *   workflow. A session that comes back also skips what it got while it was
 *   not listed, up to that ID: the price of not keeping forgotten sessions.
 * - `nextSessionId`: where the next poll starts reading, so that the sessions
 *   a poll did not reach within its budget are read first by the next one.
 */
export interface PollState {
	sessions: Record<string, number>;
	newSessionsAfter: number;
	nextSessionId?: number;
}

/** The state in static data, or undefined before the first poll after activation. */
export function readState(staticData: IDataObject): PollState | undefined {
	const { sessions, newSessionsAfter, nextSessionId } = staticData;
	if (!sessions || typeof sessions !== 'object' || Array.isArray(sessions)) return undefined;
	const cursors: Record<string, number> = {};
	for (const [id, cursor] of Object.entries(sessions)) if (typeof cursor === 'number') cursors[id] = cursor;
	return {
		sessions: cursors,
		// Saved before newSessionsAfter existed: a session seen for the first time starts from its first message.
		newSessionsAfter: typeof newSessionsAfter === 'number' ? newSessionsAfter : 0,
		nextSessionId: typeof nextSessionId === 'number' ? nextSessionId : undefined,
	};
}

/**
 * Stores the state with top-level assignments: n8n saves static data only when
 * it noticed a change, and it does not notice one inside an object it loaded.
 */
export function writeState(staticData: IDataObject, state: PollState): void {
	staticData.sessions = { ...state.sessions };
	staticData.newSessionsAfter = state.newSessionsAfter;
	if (state.nextSessionId === undefined) delete staticData.nextSessionId;
	else staticData.nextSessionId = state.nextSessionId;
}

/** The session IDs in the order a poll reads them: ascending from the first at or after `from`, then round again from the lowest. */
export function rotation(ids: number[], from: number | undefined): number[] {
	const sorted = [...ids].sort((a, b) => a - b);
	const start = from === undefined ? 0 : sorted.findIndex((id) => id >= from);
	return start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
}

/** One session read: its messages after `after`, oldest first. */
export interface SessionMessages {
	id: number;
	after: number;
	messages: IDataObject[];
}

/** One session SuperOffice failed for, with its error. */
export interface SessionFailure {
	id: number;
	after: number;
	error: unknown;
}

export type SessionRead = SessionMessages | SessionFailure;

export function isFailure(read: SessionRead): read is SessionFailure {
	return 'error' in read;
}

/**
 * Reads the messages of `sessions` in the order given, SESSIONS_IN_FLIGHT at
 * a time, each after its own cursor. A session SuperOffice fails for comes
 * back as its error; the others are not held up by it. n8n abandons a poll
 * that outlasts its budget (IPollFunctions.getPollBudgetMs), so no read
 * starts once half of it is spent, as EvoVoice's trigger does — except the
 * first SESSIONS_IN_FLIGHT, so that every poll gets on. Resolves with the
 * reads that started, in the order given; the rest are the next poll's.
 */
export async function readSessions(
	ctx: IPollFunctions,
	sessions: Array<{ id: number; after: number }>,
	pollStartedAt: number,
): Promise<SessionRead[]> {
	const budgetMs = ctx.getPollBudgetMs() / 2;
	const reads: SessionRead[] = [];
	const started = await inTurn(
		sessions.length,
		SESSIONS_IN_FLIGHT,
		async (n) => {
			const { id, after } = sessions[n];
			try {
				reads[n] = { id, after, messages: await messagesAfter(ctx, id, after) };
			} catch (error) {
				reads[n] = { id, after, error };
			}
		},
		(n) => n < SESSIONS_IN_FLIGHT || Date.now() - pollStartedAt < budgetMs,
	);
	return reads.slice(0, started);
}
