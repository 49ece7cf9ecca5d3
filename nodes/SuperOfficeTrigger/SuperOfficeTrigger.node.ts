import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { superOfficeConversation } from '../SuperOffice/actions/chatMessage/sendAndWait';
import { SUPEROFFICE_CREDENTIAL_TESTS } from '../SuperOffice/transport';
import { ICONS } from '../shared/icons';
import { handOnChatAnswer, waitsInChat } from '../shared/sendAndWait/chat';
import { headerOf, hmacBase64, rawBodyOf, refuse, sameSecret, settledParameter } from '../shared/incoming';
import { onFirstDelivery, recordStarted } from '../shared/ledger';
import { markSavedStaticData } from '../shared/staticData';
import { CHAT_EVENTS, TRIGGER_CREDENTIALS, authenticationField } from './description';
import { dropPositions, hasEnded, newSessionMessages, recordPositions, sessionEnded, startPositions } from './messages';
import { checkRegistration, createRegistration, knownSecrets, removeRegistration } from './registration';

/**
 * How old a signed delivery may be. SuperOffice makes three attempts within
 * about five seconds and then drops the event; a retry carries the same
 * EventId and Timestamp (…/webhook/notification.md, "Error Handling for
 * Webhooks"). Fifteen minutes leaves room for SuperOffice's queue; an older
 * delivery is a replay. A Timestamp more than CLOCK_AHEAD_MS ahead is refused too.
 */
export const REPLAY_WINDOW_MS = 15 * 60 * 1000;
export const CLOCK_AHEAD_MS = 5 * 60 * 1000;

/** The workflow data of one delivery: the event and, with Fetch New Messages, the session's new messages. */
async function startFor(ctx: IWebhookFunctions, body: IDataObject, event: string): Promise<IWebhookResponseData> {
	const chatSessionId = body.PrimaryKey;
	const json: IDataObject = {
		event,
		chatSessionId,
		eventId: body.EventId,
		timestamp: body.Timestamp,
		changedByAssociateId: body.ChangedByAssociateId,
		fieldValues: body.FieldValues ?? {},
		changes: body.Changes ?? [],
		contextIdentifier: body.ContextIdentifier,
		webhookName: body.WebhookName,
	};
	const validSession = typeof chatSessionId === 'number' && chatSessionId > 0;
	if (validSession && event === 'chatsession.changed' && hasEnded(json.fieldValues)) sessionEnded(ctx, chatSessionId);
	const fetchMessages = ((settledParameter(ctx, 'options', {}) ?? {}) as IDataObject).fetchMessages === true;
	const conversation = superOfficeConversation(chatSessionId);
	// A Send and Wait question of this workflow waiting in this session: the customer's next message answers it.
	const answersInChat = validSession && event === 'chatsession.message' && waitsInChat(ctx, conversation);
	if (!validSession || (!fetchMessages && !answersInChat)) return { workflowData: [[{ json }]] };
	let messages = await newSessionMessages(ctx, chatSessionId);
	const answer = answersInChat ? messages.find((m) => m.Type === 'ToUser') : undefined;
	if (answer && (await handOnChatAnswer(ctx, conversation, { text: String(answer.Message ?? ''), messageId: answer.ChatMessageId as number }))) {
		recordPositions(ctx, [{ event, chatSessionId, messages }]);
		messages = messages.filter((m) => m !== answer);
		if (!messages.some((m) => m.Type === 'ToUser')) return { webhookResponse: { received: true, answered: true } };
	}
	if (fetchMessages) json.messages = messages;
	return { workflowData: [[{ json }]] };
}

/** Why a delivery's Timestamp is refused, or undefined when it is fresh. */
function staleTimestamp(timestamp: unknown, now: number): string | undefined {
	const time = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
	if (Number.isNaN(time)) return 'The delivery has no valid Timestamp.';
	if (now - time > REPLAY_WINDOW_MS) return `The delivery is older than ${REPLAY_WINDOW_MS / 60000} minutes (Timestamp ${String(timestamp)}): a replay.`;
	if (time - now > CLOCK_AHEAD_MS) return `The delivery's Timestamp ${String(timestamp)} is in the future.`;
	return undefined;
}
/**
 * Registers a SuperOffice webhook for chat events on activation and removes
 * it on deactivation. Deliveries are signed (X-SuperOffice-Signature, base64
 * HMAC-SHA256 of the raw body with the registration's secret:
 * https://github.com/SuperOfficeDocs/superoffice-docs/blob/main/docs/en/automation/webhook/security.md),
 * the registration's test event is answered and ignored
 * (…/webhook/reference/test-event.md), and SuperOffice's retries of a
 * delivery (same EventId) start nothing the second time (shared/ledger.ts).
 */
export class SuperOfficeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SuperOffice Trigger',
		name: 'superOfficeTrigger',
		icon: ICONS.superOffice,
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a SuperOffice chat session starts, changes or gets a message',
		defaults: { name: 'SuperOffice Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: TRIGGER_CREDENTIALS,
		// n8n answers 200 once the execution is stored (onReceived), with an empty
		// body: SuperOffice reads nothing but the status.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
		properties: [
			{
				displayName:
					'On activation the trigger registers a webhook in SuperOffice and removes it on deactivation. SuperOffice only delivers to an HTTPS address with a valid certificate and needs the webhook licence; without them, use the SuperOffice Chat Polling Trigger.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			authenticationField,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: CHAT_EVENTS,
				default: ['chatsession.message'],
				required: true,
				description: 'Which chat events start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'What the trigger adds to each event',
				options: [
					{
						displayName: 'Fetch New Messages',
						name: 'fetchMessages',
						type: 'boolean',
						default: false,
						description:
							"Whether to add the session's messages that are new since the last event (GET /api/v1/ChatSession/{ID}/Messages?after=) to the output as \"messages\"",
					},
				],
			},
		],
	};

	methods = { credentialTest: SUPEROFFICE_CREDENTIAL_TESTS };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				markSavedStaticData(this);
				return await checkRegistration(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const created = await createRegistration(this, this.getNodeParameter('events', []) as string[]);
				if (created && this.getMode() !== 'manual') startPositions(this);
				return created;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const removed = await removeRegistration(this);
				if (this.getMode() !== 'manual') dropPositions(this);
				return removed;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// SuperOffice sends the test event while it registers the webhook, before
		// the node has stored the secret: it only needs 200 OK, and starts nothing.
		if (String(headerOf(this, 'X-Hook-Test')).toLowerCase() === 'true') return { webhookResponse: { received: true } };
		const raw = await rawBodyOf(this);
		const signature = headerOf(this, 'X-SuperOffice-Signature');
		if (!knownSecrets(this).some((secret) => sameSecret(signature, hmacBase64(secret, raw)))) {
			return refuse(this, 403, 'The X-SuperOffice-Signature header does not match the body.');
		}
		const body = this.getBodyData();
		const event = String(body.Event ?? '');
		if (event === 'test') return { webhookResponse: { received: true } };
		const stale = staleTimestamp(body.Timestamp, Date.now());
		if (stale) return refuse(this, 403, stale);
		const wanted = settledParameter(this, 'events', []) as string[];
		if (!wanted.includes(event)) return { webhookResponse: { received: true } };
		const eventId = typeof body.EventId === 'string' ? body.EventId : undefined;
		const start = async (): Promise<IWebhookResponseData> => await startFor(this, body, event);
		if (eventId === undefined) return await start();
		// A retry that arrives while this delivery still fetches messages waits
		// for it; if the fetch fails (500), the retry takes the event over.
		return (await onFirstDelivery(this, eventId, start)) ?? { webhookResponse: { received: true, duplicate: true } };
	}

	/**
	 * The first step of the execution an event started: the event goes on
	 * unchanged; the trigger's static data records its EventId and where each
	 * chat session now stands, and n8n saves it when the execution ends, so a
	 * redelivery after a restart starts nothing and no message comes twice.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const events = items.map((item) => item.json);
		const eventIds = events.map((event) => event.eventId).filter((id): id is string => typeof id === 'string');
		if (eventIds.length) recordStarted(this, eventIds);
		recordPositions(this, events);
		return [items];
	}
}
