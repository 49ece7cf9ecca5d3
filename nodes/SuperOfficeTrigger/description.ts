import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { SUPEROFFICE_CREDENTIALS, SUPEROFFICE_CREDENTIAL_TESTS } from '../SuperOffice/transport';

/** The SuperOffice node's sign-in choice, for the trigger: the same credentials. */
export const TRIGGER_CREDENTIALS: INodeCredentialDescription[] = (['basic', 'soTicket', 'bearer'] as const).map((key) => ({
	name: SUPEROFFICE_CREDENTIALS[key],
	required: true,
	testedBy: `${SUPEROFFICE_CREDENTIALS[key]}Test` satisfies keyof typeof SUPEROFFICE_CREDENTIAL_TESTS,
	displayOptions: { show: { authentication: [key] } },
}));

export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Basic Auth (Onsite)', value: 'basic', description: 'User name and password; SuperOffice Onsite only' },
		{ name: 'Bearer Token (Online)', value: 'bearer', description: 'A SuperID access token; SuperOffice Online' },
		{
			name: 'SoTicket',
			value: 'soTicket',
			description: 'A ticket (7T:…), with the application token on SuperOffice Online; Online and Onsite',
		},
	],
	default: 'soTicket',
	description: 'How the trigger signs in to SuperOffice; each choice has its own kind of credential',
};

/** SuperOffice's chat events (https://github.com/SuperOfficeDocs/superoffice-docs/blob/main/docs/en/automation/webhook/reference/chat-events.md). */
export const CHAT_EVENTS = [
	{ name: 'Chat Session Changed', value: 'chatsession.changed', description: 'A chat session changed state' },
	{ name: 'Chat Session Created', value: 'chatsession.created', description: 'A new chat session started' },
	{ name: 'New Chat Message', value: 'chatsession.message', description: 'A message was added to a chat session' },
];
