import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { bearerAuth } from './common';
import { ednaBaseUrlProperty, ednaCredentialTest } from './edna';

export class EdnaChatCenterBearerApi implements ICredentialType {
	name = 'ednaChatCenterBearerApi';

	displayName = 'Edna Chat Center API';

	icon: Icon = { light: 'file:../icons/edna.svg', dark: 'file:../icons/edna.dark.svg' };

	documentationUrl = 'https://docs.edna.io/kb/login-request';

	properties: INodeProperties[] = [
		ednaBaseUrlProperty,
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

	test = ednaCredentialTest(
		'edna rejected the integrator token (401). It may have expired: log in again and paste the new token.',
	);
}
