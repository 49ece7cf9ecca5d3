import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../shared/errors';
import { asPositiveInteger, asTrimmedString, compact } from '../../shared/validation';
import { attachmentFields } from '../attachments';
import { channelTypeField, readChannelType, readContent, textField } from '../fields';
import { ednaBaseUrl, type EdnaPrepared } from '../transport';
import type { EdnaSendToClientBody } from '../types';

const show = { resource: ['message'], operation: ['sendToClient'] };

export const sendToClientFields: INodeProperties[] = [
	{
		displayName: 'Identify Client By',
		name: 'clientIdType',
		type: 'options',
		displayOptions: { show },
		options: [
			{
				name: 'External Client ID',
				value: 'clientId',
				description: "Your system's ID for the client (clientId); usual for signed-in clients",
			},
			{
				name: 'Internal Client ID',
				value: 'threadsClientId',
				description: 'The numeric ID edna itself gives the client (threadsClientId); works for any client',
			},
		],
		default: 'clientId',
	},
	{
		displayName: 'External Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, clientIdType: ['clientId'] } },
		description: 'The external client ID known to edna (clientId)',
	},
	{
		displayName: 'Internal Client ID',
		name: 'threadsClientId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12345',
		displayOptions: { show: { ...show, clientIdType: ['threadsClientId'] } },
		description: 'The numeric ID edna itself gives the client (threadsClientId)',
	},
	{
		displayName: 'Agent Login',
		name: 'login',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show },
		description: 'Login of the agent on whose behalf the message is sent',
	},
	channelTypeField(show, 'Channel the client is reached on'),
	{
		displayName: 'Agent Status',
		name: 'status',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Outgoing', value: 'OUTGOING', description: 'The agent is busy with outgoing messages' },
			{ name: 'Ready', value: 'READY', description: 'The agent is ready to take chats' },
		],
		default: 'READY',
		description: "The agent's status after sending",
	},
	textField(show),
	...attachmentFields(show),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'App Marker',
				name: 'appMarker',
				type: 'string',
				default: '',
				description: 'Identifier (appMarker) of the client application to send to',
			},
		],
	},
];

/** Reads and checks one item's parameters; sends nothing. */
export async function prepareSendToClient(ctx: IExecuteFunctions, itemIndex: number): Promise<EdnaPrepared> {
	const node = ctx.getNode();
	const idType = ctx.getNodeParameter('clientIdType', itemIndex) as string;
	const body: Partial<EdnaSendToClientBody> = {};
	if (idType === 'threadsClientId') {
		const raw = ctx.getNodeParameter('threadsClientId', itemIndex, '');
		if (asTrimmedString(raw) === '') {
			throw inputError(node, itemIndex, 'Internal Client ID is empty: give the client edna should message.');
		}
		const id = asPositiveInteger(raw);
		if (id === undefined) {
			throw inputError(
				node,
				itemIndex,
				`Internal Client ID must be edna's numeric client ID, not "${asTrimmedString(raw).slice(0, 40)}".`,
			);
		}
		body.threadsClientId = id;
	} else {
		const clientId = asTrimmedString(ctx.getNodeParameter('clientId', itemIndex, ''));
		if (clientId === '') {
			throw inputError(node, itemIndex, 'External Client ID is empty: give the client edna should message.');
		}
		body.clientId = clientId;
	}

	const login = asTrimmedString(ctx.getNodeParameter('login', itemIndex, ''));
	if (login === '') throw inputError(node, itemIndex, 'Agent Login is empty: give the login of the sending agent.');

	const status = asTrimmedString(ctx.getNodeParameter('status', itemIndex, 'READY')).toUpperCase();
	if (status !== 'READY' && status !== 'OUTGOING') {
		throw inputError(node, itemIndex, `Agent Status must be READY or OUTGOING, not "${status}".`);
	}
	const channelType = readChannelType(ctx, itemIndex);
	const { text, attachments } = readContent(ctx, itemIndex);
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const request: EdnaSendToClientBody = compact({
		...body,
		login,
		channelType,
		status,
		appMarker: asTrimmedString(additional.appMarker),
		text,
		attachments,
	}) as unknown as EdnaSendToClientBody;
	request.attachments = attachments;

	return {
		baseUrl: await ednaBaseUrl(ctx, itemIndex),
		path: '/api/v1/messages/outgoing-from-myself',
		body: request as unknown as IDataObject,
	};
}
