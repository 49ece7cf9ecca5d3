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
import { add } from './actions/chatMessage/add';
import { getAll } from './actions/chatMessage/getAll';
import { sendAndWait } from './actions/chatMessage/sendAndWait';
import { create as createChatSession } from './actions/chatSession/create';
import { get } from './actions/chatSession/get';
import { getAll as getManyChatSessions } from './actions/chatSession/getAll';
import { getTranscript } from './actions/chatSession/getTranscript';
import { transfer } from './actions/chatSession/transfer';
import { getAll as getManyChatTopics } from './actions/chatTopic/getAll';
import { isOpen } from './actions/chatTopic/isOpen';
import { headerOptionFields } from './headers';
import { searchChatSessions, searchChatTopics } from './listSearch';
import { SUPEROFFICE_CREDENTIAL_TESTS } from './transport';

type Operations = {
	chatMessage: 'add' | 'getAll' | 'sendAndWait';
	chatSession: 'create' | 'get' | 'getAll' | 'getTranscript' | 'transfer';
	chatTopic: 'getAll' | 'isOpen';
};

const OPERATIONS = {
	'chatMessage:add': add,
	'chatMessage:getAll': getAll,
	'chatMessage:sendAndWait': sendAndWait,
	'chatSession:get': get,
	'chatSession:create': createChatSession,
	'chatSession:getAll': getManyChatSessions,
	'chatSession:getTranscript': getTranscript,
	'chatSession:transfer': transfer,
	'chatTopic:getAll': getManyChatTopics,
	'chatTopic:isOpen': isOpen,
} satisfies OperationTable<Operations>;

export class SuperOfficeV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SuperOffice',
		name: 'superOffice',
		icon: ICONS.superOffice,
		group: ['output'],
		description: 'Write to and read SuperOffice chat sessions',
		version: 1,
		subtitle: operationSubtitle(OPERATIONS),
		defaults: { name: 'SuperOffice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		// Names and tests written out: n8n's verification of community nodes reads them here, as text
		// (the tests are SUPEROFFICE_CREDENTIAL_TESTS; test/shared/credential-test.test.js checks they match).
		// OAuth2 keeps a declarative test: n8n signs its requests itself.
		credentials: [
			{
				name: 'superOfficeBasicApi',
				required: true,
				testedBy: 'superOfficeBasicApiTest',
				displayOptions: { show: { authentication: ['basic'] } },
			},
			{
				name: 'superOfficeSoTicketApi',
				required: true,
				testedBy: 'superOfficeSoTicketApiTest',
				displayOptions: { show: { authentication: ['soTicket'] } },
			},
			{
				name: 'superOfficeBearerApi',
				required: true,
				testedBy: 'superOfficeBearerApiTest',
				displayOptions: { show: { authentication: ['bearer'] } },
			},
			{
				name: 'superOfficeOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['superId'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Basic Auth (Onsite)',
						value: 'basic',
						description: 'User name and password; SuperOffice Onsite only',
					},
					{
						name: 'Bearer Token (Online)',
						value: 'bearer',
						description: 'A SuperID access token; SuperOffice Online',
					},
					{
						name: 'OAuth2 With SuperID (Online)',
						value: 'superId',
						description: 'Sign in once with SuperID; n8n renews the access token itself. SuperOffice Online.',
					},
					{
						name: 'SoTicket',
						value: 'soTicket',
						description: 'A ticket (7T:…), with the application token on SuperOffice Online; Online and Onsite',
					},
				],
				default: 'soTicket',
				description: 'How the node signs in to SuperOffice; each choice has its own kind of credential',
			},
			...operationProperties<Operations>(
				{
					chatMessage: { name: 'Chat Message', defaultOperation: 'add' },
					chatSession: { name: 'Chat Session', defaultOperation: 'get' },
					chatTopic: { name: 'Chat Topic', defaultOperation: 'getAll' },
				},
				'chatMessage',
				OPERATIONS,
			),
			withoutSendAndWait(requestOptionsField(headerOptionFields, 1)),
		],
	};

	methods = { listSearch: { searchChatSessions, searchChatTopics }, credentialTest: SUPEROFFICE_CREDENTIAL_TESTS };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, OPERATIONS);
	}

	/** The links of Send and Wait for Response, while the execution waits. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this);
	}
}

/**
 * Version 2 of the SuperOffice node: version 1's operations and fields, with
 * Parallel Requests defaulting to 16 instead of 4 (nodes/shared/options.ts).
 * Workflows saved with version 1 keep sending 4 at a time.
 */
export class SuperOfficeV2 extends SuperOfficeV1 {
	description: INodeTypeDescription = nextVersionDescription(new SuperOfficeV1().description, 2);
}

/** The SuperOffice node: every version a saved workflow may use (see NodeVersions). */
export class SuperOffice extends NodeVersions {
	constructor() {
		super({ 1: new SuperOfficeV1(), 2: new SuperOfficeV2() });
	}
}
