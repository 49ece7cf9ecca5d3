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
import * as n8nWorkflow from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ednaConversation } from '../EdnaChatCenter/actions/message/sendAndWait';
import { ICONS } from '../shared/icons';
import { handOnChatAnswer } from '../shared/sendAndWait/chat';
import { headerOf, refuse, sameSecret, settledParameter } from '../shared/incoming';
import { onFirstDelivery, recordStarted } from '../shared/ledger';
import { markSavedStaticData } from '../shared/staticData';
import { EDNA_EVENTS, deliveryKey, missingField, readEvent } from './events';

/**
 * 202 Accepted is edna's answer for a bot that replies later through
 * POST /api/v1/chatbot; a 200 would have to carry the answer itself
 * (https://docs.edna.ru/kb/vebhuk-message/). n8n takes a webhook's status only
 * as an expression; declared with n8n-workflow's fromFunction (n8n 2.41 and
 * later), n8n resolves it without its expression engine, so the webhook call
 * needs no expression isolate (with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true,
 * none is created at all). An older n8n gets the plain expression.
 */
const ACCEPTED =
	typeof n8nWorkflow.fromFunction === 'function' && typeof n8nWorkflow.webhookDescriptionFields === 'function'
		? n8nWorkflow.webhookDescriptionFields({ responseCode: n8nWorkflow.fromFunction(() => 202) })
		: { responseCode: '={{202}}' };

/** The header an edna admin can set on the chatbot's webhook instead of putting the secret in the URL. */
export const SECRET_HEADER = 'X-Webhook-Secret';

/**
 * edna Chat Center delivers chat events to the one webhook URL an admin sets
 * in the chatbot's settings (Bot Connect: docs.edna.io, "Bot Connect API
 * description", "Information edna Chat Center passes to the chatbot",
 * "INIT_CHAT webhook"). edna has no API to register that URL and documents no
 * signature, so the node registers nothing and checks an optional shared
 * secret instead.
 */
export class EdnaChatCenterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'edna Chat Center Trigger',
		name: 'ednaChatCenterTrigger',
		icon: ICONS.edna,
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + ($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a customer writes to your edna Chat Center chatbot',
		defaults: { name: 'edna Chat Center Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// n8n sends ACCEPTED once the execution is stored (onReceived), so a burst
		// n8n cannot take in is pushed back to edna instead of acknowledged and lost.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', ...ACCEPTED, responseData: 'noData', path: 'webhook' }],
		properties: [
			{
				displayName:
					'In edna Chat Center, open the chatbot settings and paste the Production URL from Webhook URLs above as the chatbot\'s webhook address (add ?secret=<your Shared Secret> at its end if you set one below). edna keeps one URL per chatbot: the test URL only receives events while you listen for a test event, and pasting it replaces the production one.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EDNA_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
				default: ['MESSAGE'],
				required: true,
				description: 'Which chat events start the workflow; other events are answered and ignored',
			},
			{
				displayName: 'Shared Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: `Recommended. When set, edna's request must carry it as ?secret= at the end of the URL or in the ${SECRET_HEADER} header; a request without it gets 401, one with a wrong secret 403, and neither starts the workflow.`,
			},
		],
	};

	// edna has no API to register a chatbot's webhook (an admin pastes the URL),
	// so there is nothing to check, create or remove on edna's side.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				markSavedStaticData(this);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const secret = String(settledParameter(this, 'secret', ''));
		if (secret) {
			const query = this.getQueryData() as IDataObject;
			const given = typeof query.secret === 'string' ? query.secret : headerOf(this, SECRET_HEADER);
			if (given === undefined || given === '') return refuse(this, 401, 'This webhook needs its shared secret.');
			if (!sameSecret(given, secret)) return refuse(this, 403, 'The shared secret does not match.');
		}
		const event = readEvent(this.getBodyData());
		if (!event) return refuse(this, 400, 'The body is not an edna Chat Center event.');
		const missing = missingField(event);
		if (missing) return refuse(this, 400, `The ${String(event.event)} event has no "${missing}", which edna always sends with it.`);
		const wanted = settledParameter(this, 'events', ['MESSAGE']) as string[];
		if (!wanted.includes(String(event.event))) return { webhookResponse: { received: true } };
		const started: IWebhookResponseData = { workflowData: [[{ json: event }]] };
		// A message that answers a Send and Wait question of this workflow goes to the waiting execution instead.
		const start = async () =>
			event.event === 'MESSAGE' && (await handOnChatAnswer(this, ednaConversation(event.threadsClientId), { text: String(event.text ?? ''), messageId: event.questionId as number }))
				? { webhookResponse: { received: true, answered: true } }
				: started;
		const key = deliveryKey(event);
		if (key === undefined) return await start();
		return (await onFirstDelivery(this, key, start)) ?? { webhookResponse: { received: true, duplicate: true } };
	}

	/**
	 * The first step of the execution an event started: the event goes on
	 * unchanged, and the trigger's static data records that it started a
	 * workflow (saved by n8n when the execution ends), so edna's redelivery is
	 * recognised after a restart too.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const keys = items.map((item) => deliveryKey(item.json)).filter((key): key is string => key !== undefined);
		if (keys.length) recordStarted(this, keys);
		return [items];
	}
}
