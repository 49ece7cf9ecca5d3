import type { IDataObject } from 'n8n-workflow';

/**
 * The chat events edna Chat Center passes to a chatbot (docs.edna.io: "Bot
 * Connect API description", "Information edna Chat Center passes to the
 * chatbot", "INIT_CHAT webhook").
 */
export const EDNA_EVENTS = [
	{ name: 'Chat Started', value: 'INIT_CHAT', description: 'A customer opened a chat with the chatbot (edna event INIT_CHAT)' },
	{ name: 'Customer Message', value: 'MESSAGE', description: 'A customer wrote to the chatbot (edna event MESSAGE)' },
	{ name: 'Web View Closed', value: 'WEBVIEW_CLOSED', description: 'A customer closed a web view the chatbot had opened (edna event WEBVIEW_CLOSED)' },
];

/** The fields a workflow maps most, first; everything else edna sent follows unchanged. */
const FIRST_FIELDS = [
	'text',
	'clientId',
	'threadsClientId',
	'sessionId',
	'questionId',
	'questionIndex',
	'channelInfo',
	'attachments',
] as const;

/**
 * The event as the node outputs it: `event` (edna's `action`: MESSAGE, INIT_CHAT, …), the
 * fields a workflow maps most, `receivedAt` (edna's, or when n8n received
 * it), then the rest of what edna sent. undefined when the body is no event.
 */
export function readEvent(body: unknown): IDataObject | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const raw = body as IDataObject;
	// edna names the event in `action` (https://docs.edna.io/kb/information-edna-chat-center-passes-to-with-chatbot/).
	const type = raw.action;
	if (typeof type !== 'string') return undefined;
	const event: IDataObject = { event: type.toUpperCase() };
	for (const field of FIRST_FIELDS) if (raw[field] !== undefined) event[field] = raw[field];
	if (typeof raw.receivedAt === 'string') event.receivedAt = raw.receivedAt;
	else if (event.event !== 'MESSAGE') event.receivedAt = new Date().toISOString();
	for (const [field, value] of Object.entries(raw)) if (!(field in event) && field !== 'action') event[field] = value;
	return event;
}

/**
 * What a customer message must carry, by edna's Bot Connect docs
 * ("Information edna Chat Center passes to the chatbot": text, channelInfo and
 * receivedAt are required in MESSAGE). A body without one is not edna's.
 */
const REQUIRED_IN_MESSAGE = ['text', 'channelInfo', 'receivedAt'] as const;

/** The first required field `event` lacks, if any. */
export function missingField(event: IDataObject): string | undefined {
	if (event.event !== 'MESSAGE') return undefined;
	return REQUIRED_IN_MESSAGE.find((field) => event[field] === undefined || event[field] === null);
}

/**
 * What identifies one delivery, so that a redelivered event starts nothing:
 * the event type, the session and the message or question it carries.
 * undefined when edna sent nothing that identifies it.
 */
export function deliveryKey(event: IDataObject): string | undefined {
	// questionId is edna's ID of the client's message; INIT_CHAT and WEBVIEW_CLOSED carry none, so they are not deduplicated.
	const id = event.questionId;
	if (typeof id !== 'string' && typeof id !== 'number') return undefined;
	return `${String(event.event)}:${String(event.sessionId ?? event.threadsClientId ?? '')}:${String(id)}`;
}
