import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../shared/errors';
import { asTrimmedString, compact } from '../../shared/validation';
import { attachmentFields } from '../attachments';
import { channelTypeField, readChannelType, readContent, textField } from '../fields';
import { ednaBaseUrl, type EdnaPrepared } from '../transport';
import type {
	EdnaClientApplicationDescriptor,
	EdnaSendToDeviceBody,
} from '../types';

const show = { resource: ['message'], operation: ['sendToDevice'] };

export const sendToDeviceFields: INodeProperties[] = [
	channelTypeField(show, 'Channel of the device'),
	{
		displayName: 'Device Address',
		name: 'deviceAddress',
		type: 'string',
		default: '',
		required: true,
		placeholder: '89000000000',
		displayOptions: { show },
		description:
			'Address of the device on the chosen channel: a phone number for WhatsApp or Viber, a push token for a mobile app',
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
				description: 'Identifier (appMarker) of the application on the device, for mobile apps',
			},
			{
				displayName: 'External Client ID',
				name: 'clientId',
				type: 'string',
				default: '',
				description: 'External ID of a signed-in client (clientId)',
			},
			{
				displayName: 'Unauthorized Client ID',
				name: 'unauthorizedClientId',
				type: 'string',
				default: '',
				description: 'External ID of a client who has not signed in (unauthorizedClientId)',
			},
		],
	},
];

/** Reads and checks one item's parameters; sends nothing. */
export async function prepareSendToDevice(ctx: IExecuteFunctions, itemIndex: number): Promise<EdnaPrepared> {
	const node = ctx.getNode();
	const channelType = readChannelType(ctx, itemIndex);
	const deviceAddress = asTrimmedString(ctx.getNodeParameter('deviceAddress', itemIndex, ''));
	if (deviceAddress === '') {
		throw inputError(node, itemIndex, 'Device Address is empty: give the device edna should message.');
	}
	const { text, attachments } = readContent(ctx, itemIndex);
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const descriptor = compact({
		channelType,
		clientId: asTrimmedString(additional.clientId),
		unauthorizedClientId: asTrimmedString(additional.unauthorizedClientId),
		deviceAddress,
		appMarker: asTrimmedString(additional.appMarker),
	}) as unknown as EdnaClientApplicationDescriptor;

	const request: EdnaSendToDeviceBody = {
		...(text !== undefined ? { text } : {}),
		attachments,
		clientApplicationDescriptor: descriptor,
	};
	return {
		baseUrl: await ednaBaseUrl(ctx, itemIndex),
		path: '/api/v1/messages/outgoing-to-device',
		body: request as unknown as IDataObject,
	};
}
