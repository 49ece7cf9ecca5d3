import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operation, runOperation } from '../shared/items';
import { requestOptionsField } from '../shared/options';
import { prepareSendToClient, sendToClientFields } from './actions/sendToClient';
import { prepareSendToDevice, sendToDeviceFields } from './actions/sendToDevice';
import { EDNA_CREDENTIAL, ednaSend } from './transport';

const OPERATIONS = {
	sendToClient: operation({ prepare: prepareSendToClient, send: ednaSend }),
	sendToDevice: operation({ prepare: prepareSendToDevice, send: ednaSend }),
};

export class EdnaChatCenter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'edna Chat Center',
		name: 'ednaChatCenter',
		icon: { light: 'file:../../icons/edna.svg', dark: 'file:../../icons/edna.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "sendToDevice" ? "Send to Device" : "Send to Client"}}',
		description: 'Send messages to customers through edna Chat Center',
		defaults: { name: 'edna Chat Center' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: EDNA_CREDENTIAL, required: true }],
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
						name: 'Send to Client',
						value: 'sendToClient',
						description: 'Send a message to an existing client as an agent',
						action: 'Send a message to a client',
					},
					{
						name: 'Send to Device',
						value: 'sendToDevice',
						description: 'Send a message to a specific device, such as a WhatsApp number',
						action: 'Send a message to a device',
					},
				],
				default: 'sendToClient',
			},
			...sendToClientFields,
			...sendToDeviceFields,
			requestOptionsField(),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, OPERATIONS, this.getNodeParameter('operation', 0) as string);
	}
}
