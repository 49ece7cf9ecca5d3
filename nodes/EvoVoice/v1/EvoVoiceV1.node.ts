import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ICONS } from '../../shared/icons';
import type { OperationTable } from '../../shared/operation';
import { operationProperties, operationSubtitle, runOperation } from '../../shared/operation';
import { requestOptionsField } from '../../shared/options';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS, answerWebhook, withoutSendAndWait } from '../../shared/sendAndWait/webhook';
import { getAll as getManyConversations } from '../actions/conversation/getAll';
import { getAll as getManyEndpoints } from '../actions/endpoint/getAll';
import { getAll } from '../actions/message/getAll';
import { send } from '../actions/message/send';
import { sendAndWait } from '../actions/message/sendAndWait';
import { getAll as getManySessions } from '../actions/session/getAll';
import { searchEndpoints, searchSessions } from '../listSearch';
import { EVOVOICE_CREDENTIAL, EVOVOICE_CREDENTIAL_TEST } from '../transport';

type Operations = { conversation: 'getAll'; endpoint: 'getAll'; message: 'getAll' | 'send' | 'sendAndWait'; session: 'getAll' };

const OPERATIONS = {
	'message:send': send,
	'message:sendAndWait': sendAndWait,
	'message:getAll': getAll,
	'conversation:getAll': getManyConversations,
	'endpoint:getAll': getManyEndpoints,
	'session:getAll': getManySessions,
} satisfies OperationTable<Operations>;

export class EvoVoiceV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EvoVoice',
		name: 'evoVoice',
		icon: ICONS.evoVoice,
		group: ['output'],
		description: 'Send text messages to customers and read messages through EvoVoice',
		version: 1,
		subtitle: operationSubtitle(OPERATIONS),
		defaults: { name: 'EvoVoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		credentials: [{ name: EVOVOICE_CREDENTIAL, required: true, testedBy: 'evoVoiceBasicApiTest' satisfies keyof typeof EVOVOICE_CREDENTIAL_TEST }],
		properties: [
			...operationProperties<Operations>(
				{
					conversation: { name: 'Conversation', defaultOperation: 'getAll' },
					endpoint: { name: 'Endpoint', defaultOperation: 'getAll' },
					message: { name: 'Message', defaultOperation: 'send' },
					session: { name: 'Session', defaultOperation: 'getAll' },
				},
				'message',
				OPERATIONS,
			),
			withoutSendAndWait(requestOptionsField([], 1)),
		],
	};

	methods = { listSearch: { searchEndpoints, searchSessions }, credentialTest: EVOVOICE_CREDENTIAL_TEST };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, OPERATIONS);
	}

	/** The links of Send and Wait for Response, while the execution waits. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this);
	}
}
