import type {
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { basicAuth } from './common';
import { superOfficeBaseUrlProperty, superOfficeConnectionTest } from './superoffice';

/**
 * SuperOffice Onsite with a user name and password (Authorization: Basic).
 * SuperOffice Online does not take Basic: it answers 401, and the node's error
 * says to use the SoTicket or Bearer credential instead.
 */
export class SuperOfficeBasicApi implements ICredentialType {
	name = 'superOfficeBasicApi';

	displayName = 'SuperOffice Basic Auth API';

	icon: Icon = { light: 'file:../icons/superoffice.svg', dark: 'file:../icons/superoffice.dark.svg' };

	documentationUrl = 'https://docs.superoffice.com/en/api/authentication/onsite/index.html';

	properties: INodeProperties[] = [
		superOfficeBaseUrlProperty(
			'https://crm.example.com/SuperOffice',
			'Onsite installation as you open it in the browser, for example https://crm.example.com/SuperOffice',
		),
		{
			displayName: 'User Name',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'SuperOffice user name (the login name) of the user the node acts as',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "That user's SuperOffice password",
		},
	];

	// n8n turns `auth` into "Authorization: Basic base64(user:password)".
	authenticate = basicAuth('username', 'password');
}

/** The connection test of this credential, run by the nodes that list it (testedBy: it reads the answer within 10 s and 10 MB). */
export const superOfficeBasicApiTest = superOfficeConnectionTest(new SuperOfficeBasicApi(), {
	401: 'SuperOffice rejected the user name or password (401). Basic sign-in only works on SuperOffice Onsite; for SuperOffice Online use the SoTicket or Bearer credential.',
	403: 'SuperOffice accepted the sign-in but the user may not use the Web API (403). Check the user\'s licence and role.',
	404: 'No SuperOffice Web API was found at this Base URL (404). Use the address you open SuperOffice at, such as https://crm.example.com/SuperOffice.',
});
