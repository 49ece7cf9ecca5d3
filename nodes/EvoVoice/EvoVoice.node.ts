import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ICONS } from '../shared/icons';
import type { OperationTable } from '../shared/operation';
import { operationProperties, operationSubtitle, runOperation } from '../shared/operation';
import { requestOptionsField } from '../shared/options';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS, answerWebhook, withoutSendAndWait } from '../shared/sendAndWait/webhook';
import { NodeVersions, nextVersionDescription } from '../shared/versions';
import { getAll as getManyConversations } from './actions/conversation/getAll';
import { getAll as getManyEndpoints } from './actions/endpoint/getAll';
import { getAll } from './actions/message/getAll';
import { send } from './actions/message/send';
import { sendAndWait } from './actions/message/sendAndWait';
import { getAll as getManySessions } from './actions/session/getAll';
import { searchEndpoints, searchSessions } from './listSearch';
import { EVOVOICE_CREDENTIAL_TEST } from './transport';

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
		// Name and test written out: n8n's verification of community nodes reads them here, as text.
		credentials: [{ name: 'evoVoiceBasicApi', required: true, testedBy: 'evoVoiceBasicApiTest' }],
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

/**
 * Version 2 of the EvoVoice node: version 1's operations and fields, with
 * Parallel Requests defaulting to 16 instead of 4 (nodes/shared/options.ts).
 * Workflows saved with version 1 keep sending 4 at a time.
 */
export class EvoVoiceV2 extends EvoVoiceV1 {
	description: INodeTypeDescription = nextVersionDescription(new EvoVoiceV1().description, 2);
}

/** The EvoVoice node: every version a saved workflow may use (see NodeVersions). */
export class EvoVoice extends NodeVersions {
	constructor() {
		super({ 1: new EvoVoiceV1(), 2: new EvoVoiceV2() });
	}
}
