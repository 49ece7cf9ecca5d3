import type { IDataObject } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { additionalFieldsField } from '../../../shared/options';
import { asTrimmedString } from '../../../shared/validation';
import { appMarkerField, channelTypeField, contentFields, readChannelType, readContent } from '../../content';
import { ednaPost } from '../../transport';
import type { EdnaClientApplicationDescriptor, EdnaSendToDeviceBody, EdnaSendToDeviceResponse } from '../../types';

/** POST /api/v1/messages/outgoing-to-device: a message to a device address, such as a WhatsApp number. */
export const sendToDevice = defineOperation({
	resource: 'message',
	operation: 'sendToDevice',
	name: 'Send to Device',
	description: 'Send a message to a specific device, such as a WhatsApp number',
	action: 'Send a message to a device',
	fields: [
		channelTypeField('Channel of the device'),
		{
			displayName: 'Device Address',
			name: 'deviceAddress',
			type: 'string',
			default: '',
			required: true,
			placeholder: '89000000000',
			description:
				'Address of the device on the chosen channel: a phone number for WhatsApp or Viber, a push token for a mobile app',
		},
		...contentFields(),
		additionalFieldsField([
			appMarkerField('Identifier (appMarker) of the application on the device, for mobile apps'),
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
		]),
	],

	async prepare(ctx, itemIndex) {
		const channelType = readChannelType(ctx, itemIndex);
		const deviceAddress = asTrimmedString(ctx.getNodeParameter('deviceAddress', itemIndex, ''));
		if (deviceAddress === '') {
			throw inputError(ctx.getNode(), itemIndex, 'Device Address is empty: give the device edna should message.');
		}
		const { text, attachments } = readContent(ctx, itemIndex);
		const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

		const descriptor: EdnaClientApplicationDescriptor = { channelType, deviceAddress };
		for (const key of ['clientId', 'unauthorizedClientId', 'appMarker'] as const) {
			const value = asTrimmedString(additional[key]);
			if (value !== '') descriptor[key] = value;
		}
		const body: EdnaSendToDeviceBody = {
			...(text !== undefined ? { text } : {}),
			attachments,
			clientApplicationDescriptor: descriptor,
		};
		return await ednaPost<EdnaSendToDeviceResponse>(ctx, itemIndex, '/api/v1/messages/outgoing-to-device', body);
	},
});
