import type {
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, basicAuth } from './common';

export class EvoVoiceBasicApi implements ICredentialType {
	name = 'evoVoiceBasicApi';

	displayName = 'EvoVoice API';

	icon: Icon = { light: 'file:../icons/evovoice.svg', dark: 'file:../icons/evovoice.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-customer-messaging/n8n-nodes-customer-messaging/blob/main/docs/evovoice.md#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://evovoice.io',
			placeholder: 'https://evovoice.io',
			required: true,
			description:
				'Address of the EvoVoice API: https://evovoice.io, or https://team.evovoice.io for the staging site',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'Email address you sign in to EvoVoice with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Password of that EvoVoice user',
		},
	];

	// EvoVoice has no API keys: API clients send the user's email and password
	// as HTTP Basic on every request. `auth` is how n8n declares Basic, so n8n
	// builds the header itself and never shows it.
	authenticate = basicAuth('email', 'password');

	// GET /auth/status tells who is signed in. It can answer 200 with
	// isAuthenticated: false, so the test reads the flag, not only the status.
	// Errors come back as ServiceStack bodies, read here rather than as HTTP
	// statuses because n8n's test rules must be all of one kind; ServiceStack's
	// HttpError.Unauthorized/Forbidden set errorCode to the status name. Any
	// answer without the flag (a web page, a proxy error) is not EvoVoice.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(),
			url: '/auth/status',
			method: 'GET',
			json: true,
			ignoreHttpStatusErrors: true,
			// A redirect is not followed, so the password never goes to another address.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'responseStatus.errorCode',
					value: 'Unauthorized',
					message:
						'EvoVoice did not accept this email and password (401). Use the ones you sign in to EvoVoice with, on the same site as the Base URL.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'responseStatus.errorCode',
					value: 'Forbidden',
					message: 'EvoVoice refused this user access to the API (403). Ask an EvoVoice administrator to check the user.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'isAuthenticated',
					value: false,
					message:
						'EvoVoice answered, but says this user is not signed in (isAuthenticated: false). The user may be disabled or locked; check it in EvoVoice or use another user.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'isAuthenticated',
					value: undefined,
					message:
						'EvoVoice did not confirm a signed-in user. Check the email and password, and that the Base URL is https://evovoice.io (or https://team.evovoice.io for staging) without a path; if all are right, EvoVoice may be having trouble, so try again later.',
				},
			},
		],
	};
}
