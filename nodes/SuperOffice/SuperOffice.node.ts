import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operation, runOperation } from '../shared/items';
import { requestOptionsField } from '../shared/options';
import { addChatMessageFields, prepareAddChatMessage } from './actions/addChatMessage';
import { getChatMessagesFields, prepareGetChatMessages } from './actions/getChatMessages';
import { getChatSessionFields, prepareGetChatSession } from './actions/getChatSession';
import { headerOptionFields } from './headers';
import { SUPEROFFICE_CREDENTIALS, superOfficeSend } from './transport';

const OPERATIONS = {
	'chatMessage:add': operation({ prepare: prepareAddChatMessage, send: superOfficeSend }),
	'chatMessage:getAll': operation({ prepare: prepareGetChatMessages, send: superOfficeSend }),
	'chatSession:get': operation({ prepare: prepareGetChatSession, send: superOfficeSend }),
};

export class SuperOffice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SuperOffice',
		name: 'superOffice',
		icon: { light: 'file:../../icons/superoffice.svg', dark: 'file:../../icons/superoffice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{$parameter["resource"] === "chatSession" ? "Get Chat Session" : $parameter["operation"] === "getAll" ? "Get Chat Messages" : "Add Chat Message"}}',
		description: 'Write to and read SuperOffice chat sessions',
		defaults: { name: 'SuperOffice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: SUPEROFFICE_CREDENTIALS.basic,
				required: true,
				displayOptions: { show: { authentication: ['basic'] } },
			},
			{
				name: SUPEROFFICE_CREDENTIALS.soTicket,
				required: true,
				displayOptions: { show: { authentication: ['soTicket'] } },
			},
			{
				name: SUPEROFFICE_CREDENTIALS.bearer,
				required: true,
				displayOptions: { show: { authentication: ['bearer'] } },
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
						name: 'SoTicket',
						value: 'soTicket',
						description: 'A ticket (7T:…), with the application token on SuperOffice Online; Online and Onsite',
					},
				],
				default: 'soTicket',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Chat Message', value: 'chatMessage' },
					{ name: 'Chat Session', value: 'chatSession' },
				],
				default: 'chatMessage',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['chatMessage'] } },
				options: [
					{
						name: 'Add',
						value: 'add',
						description: 'Add a message to a chat session, for example to answer the customer',
						action: 'Add a chat message',
					},
					{
						name: 'Get Many',
						value: 'getAll',
						description: 'Get the messages of a chat session, or only those after a given message',
						action: 'Get many chat messages',
					},
				],
				default: 'add',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['chatSession'] } },
				options: [
					{
						name: 'Get',
						value: 'get',
						description: 'Get a chat session with its customer, status and times',
						action: 'Get a chat session',
					},
				],
				default: 'get',
			},
			...addChatMessageFields,
			...getChatMessagesFields,
			...getChatSessionFields,
			requestOptionsField(headerOptionFields),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		return await runOperation(this, OPERATIONS, `${resource}:${operation}`);
	}
}
