import type { IDataObject } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { additionalFieldsField } from '../../../shared/options';
import { asTrimmedString, readWholeNumber, shownValue } from '../../../shared/validation';
import { appMarkerField, channelTypeField, contentFields, readChannelType, readContent } from '../../content';
import { ednaPost } from '../../transport';
import type { EdnaSendToClientBody, EdnaSendToClientResponse } from '../../types';

/** POST /api/v1/messages/outgoing-from-myself: an agent writes to a client edna already knows. */
export const sendToClient = defineOperation({
	resource: 'message',
	operation: 'sendToClient',
	name: 'Send to Client',
	description: 'Send a message to an existing client as an agent',
	action: 'Send a message to a client',
	fields: [
		{
			displayName: 'Identify Client By',
			name: 'clientIdType',
			type: 'options',
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
			description: "Which of the client's IDs you give: your system's (External Client ID) or edna's own (Internal Client ID)",
		},
		{
			displayName: 'External Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { clientIdType: ['clientId'] } },
			description: 'The external client ID known to edna (clientId)',
		},
		{
			displayName: 'Internal Client ID',
			name: 'threadsClientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '12345',
			displayOptions: { show: { clientIdType: ['threadsClientId'] } },
			description: 'The numeric ID edna itself gives the client (threadsClientId)',
		},
		{
			displayName: 'Agent Login',
			name: 'login',
			type: 'string',
			default: '',
			required: true,
			description: 'Login of the agent on whose behalf the message is sent',
		},
		channelTypeField('Channel the client is reached on'),
		{
			displayName: 'Agent Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Outgoing', value: 'OUTGOING', description: 'The agent is busy with outgoing messages' },
				{ name: 'Ready', value: 'READY', description: 'The agent is ready to take chats' },
			],
			default: 'READY',
			description: "The agent's status after sending",
		},
		...contentFields(),
		additionalFieldsField([appMarkerField('Identifier (appMarker) of the client application to send to')]),
	],

	async prepare(ctx, itemIndex) {
		const node = ctx.getNode();
		const idType = ctx.getNodeParameter('clientIdType', itemIndex) as string;
		let client: Pick<EdnaSendToClientBody, 'clientId' | 'threadsClientId'>;
		if (idType === 'threadsClientId') {
			const raw = ctx.getNodeParameter('threadsClientId', itemIndex, '');
			if (asTrimmedString(raw) === '') {
				throw inputError(node, itemIndex, 'Internal Client ID is empty: give the client edna should message.');
			}
			const id = readWholeNumber(raw, 1);
			if (id === undefined) {
				throw inputError(node, itemIndex, `Internal Client ID must be edna's numeric client ID, not "${shownValue(raw)}".`);
			}
			client = { threadsClientId: id };
		} else {
			const clientId = asTrimmedString(ctx.getNodeParameter('clientId', itemIndex, ''));
			if (clientId === '') {
				throw inputError(node, itemIndex, 'External Client ID is empty: give the client edna should message.');
			}
			client = { clientId };
		}

		const login = asTrimmedString(ctx.getNodeParameter('login', itemIndex, ''));
		if (login === '') throw inputError(node, itemIndex, 'Agent Login is empty: give the login of the sending agent.');

		const status = asTrimmedString(ctx.getNodeParameter('status', itemIndex, 'READY')).toUpperCase();
		if (status !== 'READY' && status !== 'OUTGOING') {
			throw inputError(node, itemIndex, `Agent Status must be READY or OUTGOING, not "${shownValue(status)}".`);
		}
		const channelType = readChannelType(ctx, itemIndex);
		const { text, attachments } = readContent(ctx, itemIndex);
		const appMarker = asTrimmedString((ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject).appMarker);

		const body: EdnaSendToClientBody = {
			...client,
			login,
			channelType,
			status,
			...(appMarker !== '' ? { appMarker } : {}),
			...(text !== undefined ? { text } : {}),
			attachments,
		};
		return await ednaPost<EdnaSendToClientResponse>(ctx, itemIndex, '/api/v1/messages/outgoing-from-myself', body);
	},
});
