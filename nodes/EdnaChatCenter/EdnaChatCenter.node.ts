import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { processItems } from '../shared/items';
import { readRequestOptions, requestOptionsField } from '../shared/options';
import { prepareSendToClient, sendToClientFields } from './actions/sendToClient';
import { prepareSendToDevice, sendToDeviceFields } from './actions/sendToDevice';
import { EDNA_CREDENTIAL, ednaSend } from './transport';

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
		const operation = this.getNodeParameter('operation', 0) as string;
		const options = readRequestOptions(this);
		const prepare =
			operation === 'sendToDevice' ? prepareSendToDevice : operation === 'sendToClient' ? prepareSendToClient : undefined;
		if (!prepare) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported.`);
		}
		const output = await processItems(
			this,
			{
				prepare: async (itemIndex) => await prepare(this, itemIndex),
				send: async (prepared, itemIndex) => await ednaSend(this, prepared, itemIndex, options.timeoutMs),
			},
			options.parallelRequests,
		);
		return [output];
	}
}
