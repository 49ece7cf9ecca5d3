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
import { getAll } from '../actions/message/getAll';
import { send } from '../actions/message/send';
import { EVOVOICE_CREDENTIAL } from '../transport';

type Operations = { message: 'getAll' | 'send' };

const OPERATIONS = {
	'message:send': send,
	'message:getAll': getAll,
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
		credentials: [{ name: EVOVOICE_CREDENTIAL, required: true }],
		properties: [
			...operationProperties<Operations>({ message: { name: 'Message', defaultOperation: 'send' } }, 'message', OPERATIONS),
			requestOptionsField(),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, OPERATIONS);
	}
}
