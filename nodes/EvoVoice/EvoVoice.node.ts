import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operation, runOperation } from '../shared/items';
import { requestOptionsField } from '../shared/options';
import { getAllFields, prepareGetAll } from './actions/getAll';
import { prepareSend, send, sendFields } from './actions/send';
import { fetchMessages } from './paging';
import { EVOVOICE_CREDENTIAL } from './transport';

const OPERATIONS = {
	getAll: operation({ prepare: prepareGetAll, send: fetchMessages }),
	send: operation({ prepare: prepareSend, send }),
};

export class EvoVoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EvoVoice',
		name: 'evoVoice',
		icon: { light: 'file:../../icons/evovoice.svg', dark: 'file:../../icons/evovoice.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "getAll" ? "Get Many Messages" : "Send Message"}}',
		description: 'Send text messages to customers and read messages through EvoVoice',
		defaults: { name: 'EvoVoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: EVOVOICE_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
				default: 'message',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{
						name: 'Get Many',
						value: 'getAll',
						description: 'Get many messages, filtered by account, customer, endpoint, conversation or date',
						action: 'Get many messages',
					},
					{
						name: 'Send',
						value: 'send',
						description: 'Send a text message to a phone number or in an existing session',
						action: 'Send a message',
					},
				],
				default: 'send',
			},
			...sendFields,
			...getAllFields,
			requestOptionsField(),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, OPERATIONS, this.getNodeParameter('operation', 0) as string);
	}
}
