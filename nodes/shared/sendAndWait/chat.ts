import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { WAIT_INDEFINITELY, sleep } from 'n8n-workflow';

import type { ReadParameter } from './form';
import type { Question } from './question';
import { approvalLabels, readResponseType } from './question';
import { resume } from './resume';
import { hasSavedStaticData } from '../staticData';

/**
 * Answers typed in the chat: the customer's next message in the conversation
 * the question went to answers it, besides the links.
 *
 * How a message reaches the waiting execution, and why this way (read in
 * n8n 2.41.1 and the vendors' docs; docs/send-and-wait.md):
 * - A node can only be called again while its execution waits through its
 *   restart webhook, at the execution's resume address, and nothing of the
 *   node runs in between (no timer, no poll).
 * - The vendors deliver a customer's messages to one address per
 *   integration, which is the vendor's trigger in n8n: edna to the chatbot's
 *   webhook URL an admin sets (no API to register one), EvoVoice to nobody
 *   (it is polled), SuperOffice to a webhook registered through its API —
 *   which cannot be pointed at the resume address: SuperOffice sends a test
 *   event while it registers and keeps the webhook only if that is answered
 *   200 (automation/webhook/register.md), while n8n answers 409 for an
 *   execution that is still running (waiting-webhooks.js), and the Send and
 *   Wait node runs until the execution waits.
 * So the vendor's trigger in the same workflow hands the message on: the
 * Send and Wait node notes the conversation and a signed address of its own
 * (`?answer=chat`, never sent to anyone) in the workflow's static data and
 * in this process's memory; the trigger, before it starts a workflow for a
 * customer's message, looks the conversation up and POSTs the message to
 * that address. n8n checks the signature; the node takes the message as the
 * answer when it is one (an approval's label or a yes/no word; any text for
 * Free Text), and the trigger then starts nothing. Nothing is registered at
 * the vendor for the wait, so nothing stays there when it ends.
 */

/** Where the waiting conversations are kept in the workflow's static data ('global', shared by all its nodes). */
const STATIC_KEY = 'sendAndWaitChats';
/** The most conversations one workflow keeps waiting in the chat; the oldest notes go first. */
export const MAX_WAITING_CHATS = 1000;
/** How often the trigger asks again while n8n still runs the execution (it answers 409 until the execution waits). */
const BUSY_ATTEMPTS = 10;
const BUSY_PAUSE_MS = 300;

/** One conversation waiting for an answer in the chat. */
interface ChatWait {
	/** The signed address the trigger posts the message to. */
	url: string;
	/** When the wait ends by itself (ms since 1970), or 0 when it does not. */
	until: number;
	/** When the question was sent (ms). */
	at: number;
}

type ChatWaits = Record<string, ChatWait>;

/** This process's notes, per workflow: exact for the trigger of the same n8n process, whatever static data another execution saved. */
const memory = new Map<string, Map<string, ChatWait>>();

type Context = IExecuteFunctions | IWebhookFunctions | IPollFunctions;

function memoryOf(ctx: Context): Map<string, ChatWait> {
	const key = String(ctx.getWorkflow().id);
	if (!memory.has(key)) memory.set(key, new Map());
	return memory.get(key) as Map<string, ChatWait>;
}

function isChatWait(value: unknown): value is ChatWait {
	if (!value || typeof value !== 'object') return false;
	const { url, until, at } = value as IDataObject;
	return typeof url === 'string' && typeof until === 'number' && typeof at === 'number';
}

function savedWaits(ctx: Context): ChatWaits {
	const saved = ctx.getWorkflowStaticData('global')[STATIC_KEY];
	const waits: ChatWaits = {};
	if (saved && typeof saved === 'object') for (const [key, value] of Object.entries(saved)) if (isChatWait(value)) waits[key] = value;
	return waits;
}

const isOver = (wait: ChatWait, now: number) => wait.until !== 0 && wait.until <= now;

/** Saves `waits` (a new object, so that n8n notices the change), without ended waits and beyond the most kept. */
function saveWaits(ctx: Context, waits: ChatWaits, now: number): void {
	const kept = Object.entries(waits)
		.filter(([, wait]) => !isOver(wait, now))
		.sort((a, b) => b[1].at - a[1].at)
		.slice(0, MAX_WAITING_CHATS);
	ctx.getWorkflowStaticData('global')[STATIC_KEY] = Object.fromEntries(kept);
}

/** The field that turns it on, with what the vendor's trigger needs; shown for Approval and Free Text. */
export function answerInChatField(description: string, show: IDataObject = {}): INodeProperties {
	return {
		displayName: 'Accept Answers in the Chat',
		name: 'answerInChat',
		type: 'boolean',
		default: false,
		description,
		displayOptions: { show: { ...show, responseType: ['approval', 'freeText'] } },
	};
}

/**
 * After the question went out (operation.ts afterSend): notes the
 * conversation when the node takes answers in the chat. A newer question in
 * the same conversation replaces an older one's note.
 */
export function expectChatAnswer(ctx: IExecuteFunctions, question: Question, conversation: string | undefined, waitTill: Date): void {
	if (!conversation || question.responseType === 'customForm' || ctx.getNodeParameter('answerInChat', 0, false) !== true) return;
	const now = Date.now();
	const wait: ChatWait = {
		url: ctx.getSignedResumeUrl({ answer: 'chat', conversation }),
		until: waitTill.getTime() === WAIT_INDEFINITELY.getTime() ? 0 : waitTill.getTime(),
		at: now,
	};
	memoryOf(ctx).set(conversation, wait);
	// Not on a queue-mode worker, whose static data is empty: saving it would wipe the workflow's (staticData.ts).
	if (hasSavedStaticData(ctx)) saveWaits(ctx, { ...savedWaits(ctx), [conversation]: wait }, now);
}

/** The newest note for `conversation` in memory or static data, unless its wait has ended. */
function findWait(ctx: Context, conversation: string, now: number): ChatWait | undefined {
	const candidates = [memoryOf(ctx).get(conversation), savedWaits(ctx)[conversation]].filter((wait): wait is ChatWait => wait !== undefined);
	const newest = candidates.sort((a, b) => b.at - a.at)[0];
	return newest && !isOver(newest, now) ? newest : undefined;
}

/** Whether a question in `conversation` waits for an answer in the chat (cheap: no request). */
export function waitsInChat(ctx: IWebhookFunctions | IPollFunctions, conversation: string): boolean {
	return findWait(ctx, conversation, Date.now()) !== undefined;
}

/** Forgets the note for `conversation`, if it is still `wait` (a newer question keeps its own). */
function forget(ctx: Context, conversation: string, wait: ChatWait): void {
	const mine = memoryOf(ctx);
	if (mine.get(conversation)?.url === wait.url) mine.delete(conversation);
	const waits = savedWaits(ctx);
	if (waits[conversation]?.url !== wait.url) return;
	delete waits[conversation];
	saveWaits(ctx, waits, Date.now());
}

/** What the customer wrote, as the trigger hands it on. */
export interface ChatMessage {
	text: string;
	/** The vendor's ID of the message, for the output. */
	messageId?: string | number;
}

/**
 * For a vendor's trigger, before it starts a workflow for a customer's
 * message: hands the message to the execution waiting for an answer in
 * `conversation`, if there is one. True when that execution took it as the
 * answer (the trigger then starts nothing for it); false when nothing waits,
 * the message is no answer (the question waits on and the workflow starts
 * as usual), or the wait has ended meanwhile (the note goes).
 */
export async function handOnChatAnswer(ctx: IWebhookFunctions | IPollFunctions, conversation: string, message: ChatMessage): Promise<boolean> {
	const wait = findWait(ctx, conversation, Date.now());
	if (!wait) return false;
	let outcome: unknown;
	let status = 0;
	for (let attempt = 1; attempt <= BUSY_ATTEMPTS; attempt++) {
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'POST',
				url: wait.url,
				body: { conversation, text: message.text, messageId: message.messageId },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			})) as { statusCode: number; body: unknown };
			status = response.statusCode;
			outcome = response.body && typeof response.body === 'object' ? (response.body as IDataObject).n8nSendAndWait : undefined;
		} catch (error) {
			// n8n could not be reached at its own address: the message starts the workflow as usual, and the question waits on.
			ctx.logger.warn(`Send and Wait: could not hand a chat message on to the waiting execution (${error instanceof Error ? error.message : String(error)})`);
			return false;
		}
		// 409: n8n still runs the execution that just asked (it waits once the run has ended), or runs it again already.
		if (status !== 409 || attempt === BUSY_ATTEMPTS) break;
		await sleep(BUSY_PAUSE_MS);
	}
	if (outcome === 'taken') {
		forget(ctx, conversation, wait);
		return true;
	}
	if (outcome !== 'notAnAnswer') forget(ctx, conversation, wait);
	return false;
}

/** For a poll trigger: the messages left after handing each one on that answers a waiting question, in order. */
export async function handOnChatAnswers<T>(
	ctx: IPollFunctions | IWebhookFunctions,
	messages: T[],
	read: (message: T) => { conversation: string; message: ChatMessage } | undefined,
): Promise<T[]> {
	const left: T[] = [];
	for (const message of messages) {
		const answer = read(message);
		if (answer && waitsInChat(ctx, answer.conversation) && (await handOnChatAnswer(ctx, answer.conversation, answer.message))) continue;
		left.push(message);
	}
	return left;
}

/** Words that answer an approval besides its labels (case and punctuation aside). */
const YES = new Set(['yes', 'y', 'ok', 'okay', 'approve', 'approved', 'confirm', 'confirmed', 'accept', 'agreed', '👍']);
const NO = new Set(['no', 'n', 'decline', 'declined', 'disapprove', 'reject', 'cancel', '👎']);

function normalized(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\u{1F44D}\u{1F44E}]+/gu, ' ')
		.trim();
}

/** What a chat message answers an approval with: true, false, or undefined when it is neither. */
export function approvalOf(text: string, labels: { double: boolean; approve: string; disapprove: string }): boolean | undefined {
	const said = normalized(text);
	if (said === '') return undefined;
	if (said === normalized(labels.approve) || YES.has(said)) return true;
	if (labels.double && (said === normalized(labels.disapprove) || NO.has(said))) return false;
	return undefined;
}

/**
 * The waiting node's side (webhook.ts extension): a POST to the `answer=chat`
 * address, from the vendor's trigger. The address is signed by n8n with the
 * conversation in it, so only the conversation the question went to answers.
 */
export async function chatAnswerWebhook(ctx: IWebhookFunctions): Promise<IWebhookResponseData | undefined> {
	const request = ctx.getRequestObject();
	const query = (request.query ?? {}) as IDataObject;
	if (query.answer !== 'chat') return undefined;
	const reply = (status: number, outcome: string): IWebhookResponseData => {
		ctx.getResponseObject().status(status).json({ n8nSendAndWait: outcome });
		return { noWebhookResponse: true };
	};
	if (request.method !== 'POST') return reply(405, 'notAnAnswer');
	const body = ctx.getBodyData();
	if (typeof query.conversation !== 'string' || body.conversation !== query.conversation) return reply(400, 'otherConversation');
	const text = typeof body.text === 'string' ? body.text : '';
	const read: ReadParameter = (name, fallback) => ctx.getNodeParameter(name, fallback as string);
	const chat = { text, messageId: body.messageId ?? null };
	const responseType = readResponseType(read);
	let data: IDataObject;
	if (responseType === 'approval') {
		const approved = approvalOf(text, approvalLabels(read));
		if (approved === undefined) return reply(200, 'notAnAnswer');
		data = { approved };
	} else if (responseType === 'freeText' && text.trim() !== '') {
		data = { text };
	} else {
		return reply(200, 'notAnAnswer');
	}
	return { ...resume({ ...data, chat }, false), webhookResponse: { n8nSendAndWait: 'taken' } };
}
