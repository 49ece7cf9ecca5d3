import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { basicAuth } from './common';
import { connectionTest } from './testing';

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
}

// GET /auth/status tells who is signed in. It can answer 200 with
// isAuthenticated: false, so the test reads the flag, not only the status.
// Errors come back as ServiceStack bodies, whose errorCode
// HttpError.Unauthorized/Forbidden set to the status name. Any answer
// without the flag (a web page, a proxy error) is not EvoVoice.
const SENTENCES = {
	Unauthorized:
		'EvoVoice did not accept this email and password (401). Use the ones you sign in to EvoVoice with, on the same site as the Base URL.',
	Forbidden: 'EvoVoice refused this user access to the API (403). Ask an EvoVoice administrator to check the user.',
	notSignedIn:
		'EvoVoice answered, but says this user is not signed in (isAuthenticated: false). The user may be disabled or locked; check it in EvoVoice or use another user.',
	notEvoVoice:
		'EvoVoice did not confirm a signed-in user. Check the email and password, and that the Base URL is https://evovoice.io (or https://team.evovoice.io for staging) without a path; if all are right, EvoVoice may be having trouble, so try again later.',
};

/** The connection test of this credential, run by the nodes that list it (testedBy: a declarative test could not bound the answer). */
export const evoVoiceBasicApiTest = connectionTest(new EvoVoiceBasicApi(), {
	vendor: 'EvoVoice',
	method: 'GET',
	path: '/auth/status',
	judge(body) {
		const answer = body && typeof body === 'object' ? (body as { responseStatus?: { errorCode?: unknown }; isAuthenticated?: unknown }) : {};
		const errorCode = answer.responseStatus?.errorCode;
		if (errorCode === 'Unauthorized' || errorCode === 'Forbidden') return SENTENCES[errorCode];
		if (answer.isAuthenticated === false) return SENTENCES.notSignedIn;
		if (answer.isAuthenticated === undefined) return SENTENCES.notEvoVoice;
		return undefined;
	},
});
