import type { ICredentialTestFunction, INodeProperties } from 'n8n-workflow';

import type { Signer } from './testing';
import { connectionTest } from './testing';

/** The Base URL field of every edna credential. */
export const ednaBaseUrlProperty: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: '',
	placeholder: 'https://yourcompany.edna.io',
	required: true,
	description:
		'Address of your edna Chat Center installation, without /api (for example https://yourcompany.edna.io or https://yourcompany.threads.im)',
};

/**
 * The connection test of every edna credential (see connectionTest). edna
 * documents no read-only endpoint a token can call, so the test sends an
 * empty send request: edna checks the token first (401/403 for a bad one)
 * and then rejects the empty body with 400, so nothing can be delivered. A
 * 400 therefore means "token accepted". The test reads the HTTP status from
 * the `status` field of the Spring error body edna answers with: a web page,
 * a proxy's error or a redirect has none, and is not edna.
 */
export function ednaConnectionTest(credential: Signer, unauthorized: string): ICredentialTestFunction {
	const byStatus = new Map<unknown, string>([
		[401, unauthorized],
		[403, 'edna accepted the token but its user may not send messages (403): it needs the INTEGRATOR, OPERATOR or SUPERVISOR role.'],
		[404, 'No edna Chat Center API was found at this Base URL (404). Use the address of your installation, without /api.'],
		[500, 'edna answered with a server error (500). Try again later.'],
		[502, 'A proxy in front of edna could not reach it (502). Check the Base URL or try again later.'],
		[503, 'edna is unavailable right now (503). Try again later.'],
		// Every edna answer to the empty send carries a status; a web page or a redirect does not.
		[
			undefined,
			'The Base URL did not answer as edna Chat Center does: it may be a website, or redirect elsewhere (the test does not follow redirects, so the token is never sent to another address). Use the address of your edna installation, without /api.',
		],
	]);
	return connectionTest(credential, {
		vendor: 'edna Chat Center',
		method: 'POST',
		path: '/api/v1/messages/outgoing-from-myself',
		body: {},
		judge: (body) => byStatus.get(body && typeof body === 'object' ? (body as Record<string, unknown>).status : undefined),
	});
}
