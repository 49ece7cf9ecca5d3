import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { superOfficeBaseUrlProperty, superOfficeCurrentPrincipalTest } from './superoffice';

/**
 * SuperID's sign-in address per environment: https://{env}.superoffice.com/login/common/oauth/…
 * (https://docs.superoffice.com/en/api/authentication/online/sign-in-user/auth-code-flow.html). Stage signs
 * in at qaonline (SuperOffice's environment matrix and tenant addresses,
 * https://docs.superoffice.com/en/developer-portal/getting-started/app-envir.html).
 */
const superIdUrl = (path: string) => `=https://{{$self["environment"]}}.superoffice.com/login/common/oauth/${path}`;

/**
 * SuperOffice Online signed in with SuperID: OAuth2 authorization code with
 * PKCE (docs.superoffice.com/en/api/authentication/online/sign-in-user/auth-code-flow.html).
 * n8n keeps the tokens and refreshes the access token (it lasts an hour) with
 * the refresh token, which SuperID keeps valid as long as the tenant's consent.
 * The node's requests carry `Authorization: Bearer <access token>`; SuperOffice
 * asks for SO-AppToken only with tickets, not with access tokens
 * (docs.superoffice.com/en/api/authentication/online/api.html).
 */
export class SuperOfficeOAuth2Api implements ICredentialType {
	name = 'superOfficeOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'SuperOffice OAuth2 API';

	icon: Icon = { light: 'file:../icons/superoffice.svg', dark: 'file:../icons/superoffice.dark.svg' };

	documentationUrl = 'https://docs.superoffice.com/en/api/authentication/online/sign-in-user/auth-code-flow.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Development (sod)', value: 'sod', description: 'sod.superoffice.com, for apps in development' },
				{ name: 'Production (online)', value: 'online', description: 'online.superoffice.com, where customers work' },
				{ name: 'Stage (qaonline)', value: 'qaonline', description: 'Qaonline.superoffice.com, for apps being certified' },
			],
			default: 'online',
			description: 'The SuperOffice Online environment your app is registered in; SuperID signs you in there',
		},
		superOfficeBaseUrlProperty(
			'https://online.superoffice.com/Cust12345',
			'Online tenant as you open it in the browser, for example https://online.superoffice.com/Cust12345 (with your own customer ID; sod.superoffice.com or qaonline.superoffice.com for those environments)',
		),
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Application ID SuperOffice gave your app when you registered it (Developer Portal → your app)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "Your app's Client Secret (Application Token) from the same page of SuperOffice's Developer Portal",
		},
		// SuperID's authorization code flow with PKCE; scope openid is the only one SuperOffice knows.
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'pkce' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: superIdUrl('authorize') },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: superIdUrl('tokens') },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'openid' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// SuperID's token endpoint takes client_id and client_secret in the form body.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];

	test = superOfficeCurrentPrincipalTest({
		401: 'SuperOffice rejected the access token (401) and n8n could not refresh it. Sign in again with "Connect my account".',
		403: 'SuperOffice accepted the token but its user may not use the Web API (403). Check the user\'s licence and role.',
		404: 'No SuperOffice Web API was found at this Base URL (404). Use the address you open SuperOffice at, such as https://online.superoffice.com/Cust12345.',
	});
}
