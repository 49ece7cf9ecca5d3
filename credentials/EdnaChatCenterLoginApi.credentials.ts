import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import type { Answer } from '../nodes/shared/exchange';
import { boundedRequest, limitsWithin } from '../nodes/shared/exchange';
import { bearerAuth, CREDENTIAL_TEST_SECONDS, secretText } from './common';
import { ednaBaseUrlProperty, ednaConnectionTest } from './edna';
import { CredentialRenewalError, loginTimeoutMs, renewOnce } from './renewal';
import { unansweredSentence } from './testing';

/** An answer of edna's login endpoint: its HTTP status and body. */
interface EdnaLoginAnswer {
	statusCode: number;
	body: unknown;
}

function field(body: unknown, name: string): unknown {
	return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

/** edna's own reason in a Spring error body, if it gave a short one. */
function reason(body: unknown): string {
	const message = field(body, 'message') ?? field(body, 'error');
	const text = typeof message === 'string' ? message.trim() : typeof body === 'string' ? body.trim() : '';
	return text && !text.startsWith('<') && text.length <= 200 ? `: ${text.replace(/\.$/, '')}` : '';
}

/**
 * Logs in with the credential's Login and Password (POST /api/auth/login,
 * https://docs.edna.io/kb/login-request) and returns the session token for
 * the credential's expirable field. Concurrent requests share one login (see
 * renewOnce). The token is kept as edna gives it: the Authorization header
 * drops a leading "Bearer " edna may include.
 *
 * The login is bounded like the node's own requests (nodes/shared/exchange.ts):
 * within the node's Timeout (a credential test's deadline when no node sent
 * it), and an answer of at most 10 MB. Whatever goes wrong, nothing was sent
 * yet, and the sentence says so.
 */
async function ednaLogin(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<ICredentialDataDecryptedObject> {
	return await renewOnce(credentials, async () => {
		const baseUrl = secretText(credentials.baseUrl).replace(/\/+$/, '');
		const timeoutMs = loginTimeoutMs(credentials) ?? CREDENTIAL_TEST_SECONDS * 1000;
		let answer: Answer;
		try {
			answer = await boundedRequest(
				async (options) => await this.helpers.httpRequest(options),
				{
					method: 'POST',
					url: `${baseUrl}/api/auth/login`,
					body: { login: secretText(credentials.login), password: String(credentials.password ?? '') },
					json: true,
					// The password never goes to an address edna's server points at.
					disableFollowRedirect: true,
				},
				limitsWithin(timeoutMs),
			);
		} catch (error) {
			throw new CredentialRenewalError(loginSentences(credentials).unanswered(error, timeoutMs));
		}
		const token = field(answer.body, 'token');
		if (answer.statusCode >= 200 && answer.statusCode < 300 && typeof token === 'string' && token.trim() !== '') {
			return { sessionToken: token.trim() };
		}
		throw new CredentialRenewalError(loginSentences(credentials).refused(answer));
	});
}

/**
 * The sentences of a failed login. A node's login (one that knows the node's
 * Timeout) adds that nothing was sent: no message went out for the item.
 */
function loginSentences(credentials: ICredentialDataDecryptedObject) {
	const unsent = loginTimeoutMs(credentials) !== undefined ? ', so nothing was sent' : '';
	return {
		/** The login got no whole answer: timed out, too large, or no connection. */
		unanswered(error: unknown, timeoutMs: number): string {
			return unansweredSentence('edna Chat Center', error, timeoutMs, { request: 'the login', purpose: 'to log in', unsent });
		},
		refused({ statusCode, body }: EdnaLoginAnswer): string {
			if (statusCode === 400 || statusCode === 401 || statusCode === 403)
				return `edna Chat Center refused to log in with the credential's Login and Password (HTTP ${statusCode}${reason(body)})${unsent}; check both in the credential.`;
			if (statusCode === 404)
				return `edna Chat Center has no login at this Base URL (HTTP 404)${unsent}; use the address of your edna installation, without /api.`;
			if (statusCode >= 300 && statusCode < 400)
				return `The Base URL answered the login with a redirect (HTTP ${statusCode}), which the login does not follow${unsent}; use the address edna redirects to (often https:// instead of http://).`;
			if (statusCode >= 200 && statusCode < 300)
				return `The Base URL did not answer the login as edna Chat Center does (HTTP ${statusCode}, no token)${unsent}; use the address of your edna installation, without /api.`;
			return `edna Chat Center could not log in (HTTP ${statusCode}${reason(body)})${unsent}; try again later.`;
		},
	};
}


/**
 * edna Chat Center with a user's login and password: the credential logs in
 * itself (POST /api/auth/login, https://docs.edna.io/kb/login-request) and
 * keeps the token it gets as an expirable value. n8n logs in again when the
 * token is empty; the node empties it when edna answers 401, which makes the
 * next request log in first (nodes/shared/renewal.ts).
 */
export class EdnaChatCenterLoginApi implements ICredentialType {
	name = 'ednaChatCenterLoginApi';

	displayName = 'Edna Chat Center Login API';

	icon: Icon = { light: 'file:../icons/edna.svg', dark: 'file:../icons/edna.dark.svg' };

	documentationUrl = 'https://docs.edna.io/kb/login-request';

	properties: INodeProperties[] = [
		ednaBaseUrlProperty,
		{
			displayName: 'Login',
			name: 'login',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'integrator',
			description:
				'Login of an edna Chat Center user with the INTEGRATOR, OPERATOR or SUPERVISOR role (your edna administrator creates it; an INTEGRATOR user made for n8n is best)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "That user's password. The node logs in with it and renews the token by itself when edna lets it expire.",
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	preAuthentication = ednaLogin;

	authenticate = bearerAuth('sessionToken');
}

/**
 * The connection test of this credential, run by the nodes that list it
 * (testedBy): it logs in with the credential's own login, then sends the
 * edna test request with the token it got.
 */
export const ednaChatCenterLoginApiTest = ednaConnectionTest(
	new EdnaChatCenterLoginApi(),
	"edna Chat Center logged in with the credential's Login and Password but then refused the token it had just issued (HTTP 401): check that the user may use the API (INTEGRATOR, OPERATOR or SUPERVISOR role).",
);
