import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { bearerAuth } from './common';
import { ednaBaseUrlProperty, ednaConnectionTest } from './edna';

// The connection test is a function the edna Chat Center node hands n8n
// (ednaChatCenterBearerApiTest below, named by the node's `testedBy`): it reads
// edna's answer within a deadline and a size cap, which a declarative `test`
// cannot (credentials/testing.ts).
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
}

/** The connection test of this credential, run by the nodes that list it (testedBy: a declarative test could not bound the answer). */
export const ednaChatCenterBearerApiTest = ednaConnectionTest(
	new EdnaChatCenterBearerApi(),
	'edna rejected the integrator token (401). It may have expired: log in again and paste the new token.',
);
