import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ICONS } from '../../shared/icons';
import type { OperationTable } from '../../shared/operation';
import { operationProperties, operationSubtitle, runOperation } from '../../shared/operation';
import { requestOptionsField } from '../../shared/options';
import { replyAsChatbot } from '../actions/message/replyAsChatbot';
import { sendToClient } from '../actions/message/sendToClient';
import { sendToDevice } from '../actions/message/sendToDevice';
import { EDNA_CREDENTIAL } from '../transport';

type Operations = { message: 'replyAsChatbot' | 'sendToClient' | 'sendToDevice' };

const OPERATIONS = {
	'message:sendToClient': sendToClient,
	'message:sendToDevice': sendToDevice,
	'message:replyAsChatbot': replyAsChatbot,
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
		credentials: [{ name: EDNA_CREDENTIAL, required: true }],
		properties: [
			...operationProperties<Operations>({ message: { name: 'Message', defaultOperation: 'sendToClient' } }, 'message', OPERATIONS),
			requestOptionsField(),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, OPERATIONS);
	}
}
