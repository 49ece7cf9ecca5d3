import type {
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { bearerAuth } from './common';
import { superOfficeBaseUrlProperty, superOfficeConnectionTest } from './superoffice';

/** SuperOffice Online with a SuperID access token (Authorization: Bearer 8A:…). */
export class SuperOfficeBearerApi implements ICredentialType {
	name = 'superOfficeBearerApi';

	displayName = 'SuperOffice Bearer Token API';

	icon: Icon = { light: 'file:../icons/superoffice.svg', dark: 'file:../icons/superoffice.dark.svg' };

	documentationUrl = 'https://docs.superoffice.com/en/api/authentication/online/api.html';

	properties: INodeProperties[] = [
		superOfficeBaseUrlProperty(
			'https://online.superoffice.com/Cust12345',
			'Online tenant as you open it in the browser, for example https://online.superoffice.com/Cust12345 (with your own customer ID)',
		),
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '8A:Cust12345.…',
			description:
				'SuperID access token of your SuperOffice Online app, with or without a leading "Bearer ". Access tokens expire after an hour; paste a new one when the node reports HTTP 401.',
		},
	];

	authenticate = bearerAuth('accessToken');
}

/** The connection test of this credential, run by the nodes that list it (testedBy: it reads the answer within 10 s and 10 MB). */
export const superOfficeBearerApiTest = superOfficeConnectionTest(new SuperOfficeBearerApi(), {
	401: 'SuperOffice rejected the access token (401). Access tokens expire after an hour: get a new one and paste it.',
	403: 'SuperOffice accepted the token but its user may not use the Web API (403). Check the user\'s licence and role.',
	404: 'No SuperOffice Web API was found at this Base URL (404). Use the address you open SuperOffice at, such as https://online.superoffice.com/Cust12345.',
});
