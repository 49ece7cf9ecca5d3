import type { ICredentialTestFunction, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import type { Signer } from './testing';
import { connectionTest } from './testing';

/** What a SuperOffice credential's test says to a 401, 403 or 404: each credential has its own advice. */
export interface SuperOfficeTestMessages {
	401: string;
	403: string;
	404: string;
}

/** The request of every SuperOffice credential's test: GET User/currentPrincipal only reads who is signed in, on Online and Onsite alike. */
const CURRENT_PRINCIPAL = '/api/v1/User/currentPrincipal';
const REDIRECTS = [301, 302, 303, 307, 308];

/**
 * The Base URL as the OAuth2 credential's declarative test uses it: trimmed,
 * without trailing slashes or a pasted /api/v1 — the normalisation the nodes
 * apply (nodes/shared/baseUrl.ts), written as an n8n expression.
 */
const OAUTH2_TEST_BASE_URL = '={{String($credentials.baseUrl).trim().replace(/\\/+$/, "").replace(/\\/api\\/v1$/i, "").replace(/\\/+$/, "")}}';

const redirected = (status: number) =>
	`SuperOffice answered with a redirect (HTTP ${status}). The test does not follow it, so the credential is never sent to another address: put the address SuperOffice redirects to in the Base URL (often https:// instead of http://).`;

/**
 * The test of the SuperOffice credentials the package signs itself (Basic,
 * SoTicket, Bearer), run by the nodes that list them (credentials/testing.ts):
 * within 10 seconds and 10 MB, with a sentence for an address that does not
 * answer, and a 200 counts only when it carries the signed-in user — a
 * website that answers every address with its home page is not SuperOffice.
 */
export function superOfficeConnectionTest(credential: Signer, messages: SuperOfficeTestMessages): ICredentialTestFunction {
	return connectionTest(credential, {
		vendor: 'SuperOffice',
		method: 'GET',
		path: CURRENT_PRINCIPAL,
		baseUrlSuffix: /\/api\/v1$/i,
		judge(body, statusCode) {
			if (statusCode === 401 || statusCode === 403 || statusCode === 404) return messages[statusCode];
			if (REDIRECTS.includes(statusCode)) return redirected(statusCode);
			if (statusCode >= 200 && statusCode < 300) {
				const principal = body && typeof body === 'object' && 'AssociateId' in body;
				return principal
					? undefined
					: 'The Base URL did not answer as SuperOffice does (no signed-in user in its answer): it may be a website. Use the address you open SuperOffice at.';
			}
			return `SuperOffice answered the test with HTTP ${statusCode}; check the Base URL in the credential or try again later.`;
		},
	});
}

/**
 * The test of the SuperOffice OAuth2 credential, which n8n signs itself (and
 * refreshes). It has to stay a declarative test: for an OAuth2 credential
 * without one, n8n only checks that a token is stored. It judges only the
 * HTTP status, so n8n is told to leave the answer unread (`encoding:
 * 'stream'`): a 200 MB answer was read whole before.
 */
export function superOfficeCurrentPrincipalTest(messages: SuperOfficeTestMessages): ICredentialTestRequest {
	return {
		request: {
			baseURL: OAUTH2_TEST_BASE_URL,
			url: CURRENT_PRINCIPAL,
			method: 'GET',
			json: true,
			disableFollowRedirect: true,
			encoding: 'stream',
		},
		rules: [
			...([401, 403, 404] as const).map((value) => ({
				type: 'responseCode' as const,
				properties: { value, message: messages[value] },
			})),
			...REDIRECTS.map((value) => ({
				type: 'responseCode' as const,
				properties: { value, message: redirected(value) },
			})),
		],
	};
}

/**
 * The Base URL field of a SuperOffice credential: the address users open
 * SuperOffice at (`where` says which). The node adds /api/v1 itself.
 */
export function superOfficeBaseUrlProperty(placeholder: string, where: string): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		placeholder,
		required: true,
		description: `Address of your SuperOffice ${where}. The node adds /api/v1 itself; a pasted /api/v1 is ignored.`,
	};
}
