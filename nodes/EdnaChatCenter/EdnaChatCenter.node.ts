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
import { find as findClients } from './actions/client/find';
import { replyAsChatbot } from './actions/message/replyAsChatbot';
import { sendAndWait } from './actions/message/sendAndWait';
import { sendToClient } from './actions/message/sendToClient';
import { sendToDevice } from './actions/message/sendToDevice';
import { sendToThread } from './actions/message/sendToThread';
import { get as getThread } from './actions/thread/get';
import { EDNA_CREDENTIAL_TESTS } from './transport';

type Operations = {
	client: 'find';
	message: 'replyAsChatbot' | 'sendAndWait' | 'sendToClient' | 'sendToDevice' | 'sendToThread';
	thread: 'get';
};

const OPERATIONS = {
	'message:sendToClient': sendToClient,
	'message:sendToDevice': sendToDevice,
	'message:sendToThread': sendToThread,
	'client:find': findClients,
	'thread:get': getThread,
	'message:replyAsChatbot': replyAsChatbot,
	'message:sendAndWait': sendAndWait,
} satisfies OperationTable<Operations>;

export class EdnaChatCenterV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'edna Chat Center',
		name: 'ednaChatCenter',
		icon: ICONS.edna,
		group: ['output'],
		description: 'Send messages to customers through edna Chat Center',
		version: 1,
		subtitle: operationSubtitle(OPERATIONS),
		defaults: { name: 'edna Chat Center' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		// Names and tests written out: n8n's verification of community nodes reads them here, as text
		// (the tests are EDNA_CREDENTIAL_TESTS; test/shared/credential-test.test.js checks they match).
		credentials: [
			{
				name: 'ednaChatCenterBearerApi',
				required: true,
				testedBy: 'ednaChatCenterBearerApiTest',
				displayOptions: { show: { authentication: ['token'] } },
			},
			{
				name: 'ednaChatCenterLoginApi',
				required: true,
				testedBy: 'ednaChatCenterLoginApiTest',
				displayOptions: { show: { authentication: ['login'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Integrator Token',
						value: 'token',
						description: 'A token you pasted from edna; paste a new one when it expires',
					},
					{
						name: 'Login and Password',
						value: 'login',
						description: 'The node logs in to edna itself and renews the token when it expires',
					},
				],
				// Workflows saved before this field existed signed in with a pasted token.
				default: 'token',
				description: 'How the node signs in to edna Chat Center; each choice has its own kind of credential',
			},
			...operationProperties<Operations>(
				{
					client: { name: 'Client', defaultOperation: 'find' },
					message: { name: 'Message', defaultOperation: 'sendToClient' },
					thread: { name: 'Thread', defaultOperation: 'get' },
				},
				'message',
				OPERATIONS,
			),
			withoutSendAndWait(requestOptionsField([], 1)),
		],
	};

	methods = { credentialTest: EDNA_CREDENTIAL_TESTS };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, OPERATIONS);
	}

	/** The links of Send and Wait for Response, while the execution waits. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this);
	}
}

/**
 * Version 2 of the edna Chat Center node: version 1's operations and fields, with
 * Parallel Requests defaulting to 16 instead of 4 (nodes/shared/options.ts).
 * Workflows saved with version 1 keep sending 4 at a time.
 */
export class EdnaChatCenterV2 extends EdnaChatCenterV1 {
	description: INodeTypeDescription = nextVersionDescription(new EdnaChatCenterV1().description, 2);
}

/** The edna Chat Center node: every version a saved workflow may use (see NodeVersions). */
export class EdnaChatCenter extends NodeVersions {
	constructor() {
		super({ 1: new EdnaChatCenterV1(), 2: new EdnaChatCenterV2() });
	}
}
