import type {
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, bearerAuth } from './common';

export class EdnaChatCenterBearerApi implements ICredentialType {
	name = 'ednaChatCenterBearerApi';

	displayName = 'Edna Chat Center API';

	icon: Icon = { light: 'file:../icons/edna.svg', dark: 'file:../icons/edna.dark.svg' };

	documentationUrl = 'https://docs.edna.io/kb/login-request';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://yourcompany.edna.io',
			required: true,
			description:
				'Address of your edna Chat Center installation, without /api (for example https://yourcompany.edna.io or https://yourcompany.threads.im)',
		},
		{
			displayName: 'Integrator Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Token returned by POST /api/auth/login for a user with the INTEGRATOR, OPERATOR or SUPERVISOR role. Paste it with or without the leading "Bearer ".',
		},
	];

	authenticate = bearerAuth('token');

	// edna documents no read-only endpoint a token can call. The test sends an
	// empty send request instead: edna checks the token first (401/403 for a bad
	// one) and then rejects the empty body with 400, so nothing can be delivered.
	// A 400 therefore means "token accepted". n8n's tester hands the rules only
	// the response body, so they read the HTTP status from the `status` field of
	// the Spring error body edna answers with.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(),
			url: '/api/v1/messages/outgoing-from-myself',
			method: 'POST',
			body: {},
			json: true,
			ignoreHttpStatusErrors: true,
			// A redirect is not followed, so the token never goes to another address.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 401,
					message: 'edna rejected the integrator token (401). It may have expired: log in again and paste the new token.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 403,
					message: 'edna accepted the token but its user may not send messages (403): it needs the INTEGRATOR, OPERATOR or SUPERVISOR role.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 404,
					message: 'No edna Chat Center API was found at this Base URL (404). Use the address of your installation, without /api.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 500,
					message: 'edna answered with a server error (500). Try again later.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 502,
					message: 'A proxy in front of edna could not reach it (502). Check the Base URL or try again later.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 503,
					message: 'edna is unavailable right now (503). Try again later.',
				},
			},
			{
				// Every edna answer to the empty send carries a status; a web page or a redirect does not.
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: undefined,
					message:
						'The Base URL did not answer as edna Chat Center does: it may be a website, or redirect elsewhere (the test does not follow redirects, so the token is never sent to another address). Use the address of your edna installation, without /api.',
				},
			},
		],
	};
}
