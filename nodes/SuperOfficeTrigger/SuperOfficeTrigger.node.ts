import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ICONS } from '../shared/icons';
import { delivered, firstDelivery, headerOf, hmacBase64, rawBodyOf, refuse, sameSecret } from '../shared/incoming';
import { CHAT_EVENTS, TRIGGER_CREDENTIALS, authenticationField } from './description';
import { newSessionMessages } from './messages';
import { checkRegistration, createRegistration, knownSecrets, removeRegistration } from './registration';

/**
 * Registers a SuperOffice webhook for chat events on activation and removes
 * it on deactivation. Deliveries are signed (X-SuperOffice-Signature, base64
 * HMAC-SHA256 of the raw body with the registration's secret:
 * https://github.com/SuperOfficeDocs/superoffice-docs/blob/main/docs/en/automation/webhook/security.md),
 * the registration's test event is answered and ignored
 * (…/webhook/reference/test-event.md), and SuperOffice's retries of a
 * delivery (same EventId) start nothing the second time.
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
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'On activation the trigger registers a webhook in SuperOffice and removes it on deactivation. SuperOffice only delivers to an HTTPS address with a valid certificate and needs the webhook licence; without them, use the SuperOffice node\'s Get Many chat messages on a schedule.',
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

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkRegistration(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createRegistration(this, this.getNodeParameter('events', []) as string[]);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeRegistration(this);
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
		const staticData = this.getWorkflowStaticData('node');
		const eventId = typeof body.EventId === 'string' ? body.EventId : undefined;
		if (eventId !== undefined && delivered(staticData, eventId)) return { webhookResponse: { received: true, duplicate: true } };
		const wanted = this.getNodeParameter('events', []) as string[];
		if (!wanted.includes(event)) return { webhookResponse: { received: true } };
		const json: IDataObject = {
			event,
			chatSessionId: body.PrimaryKey,
			eventId: body.EventId,
			timestamp: body.Timestamp,
			changedByAssociateId: body.ChangedByAssociateId,
			fieldValues: body.FieldValues ?? {},
			changes: body.Changes ?? [],
			contextIdentifier: body.ContextIdentifier,
			webhookName: body.WebhookName,
		};
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (options.fetchMessages === true && typeof body.PrimaryKey === 'number' && body.PrimaryKey > 0) {
			json.messages = await newSessionMessages(this, staticData, body.PrimaryKey);
		}
		// Remembered only now: a delivery that failed above gets a 500, and SuperOffice's retry starts the workflow.
		if (eventId !== undefined) firstDelivery(staticData, eventId);
		return { workflowData: [[{ json }]] };
	}
}
