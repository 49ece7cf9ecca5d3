import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { bearerAuth, secretText } from './common';
import { ednaBaseUrlProperty, ednaCredentialTest } from './edna';
import { CredentialRenewalError, renewOnce } from './renewal';

/** An answer of edna's login endpoint: its HTTP status and body. */
interface EdnaLoginAnswer {
	statusCode: number;
	body: unknown;
}

/**
 * The HTTP answer inside a failed login request, or undefined when there was
 * none (a network error). n8n runs `preAuthentication` with its current
 * request helper in workflows and with the legacy one when it tests the
 * credential, and their errors differ in shape, so both are read.
 */
function failedAnswer(error: unknown): EdnaLoginAnswer | undefined {
	const record = (error && typeof error === 'object' ? error : {}) as {
		response?: { status?: unknown; data?: unknown; body?: unknown };
		statusCode?: unknown;
		error?: unknown;
	};
	const status = record.response?.status ?? record.statusCode;
	if (typeof status !== 'number') return undefined;
	return { statusCode: status, body: record.response?.data ?? record.response?.body ?? record.error };
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
 */
async function ednaLogin(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<ICredentialDataDecryptedObject> {
	return await renewOnce(credentials, async () => {
		const baseUrl = secretText(credentials.baseUrl).replace(/\/+$/, '');
		let body: unknown;
		try {
			body = await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}/api/auth/login`,
				body: { login: secretText(credentials.login), password: String(credentials.password ?? '') },
				json: true,
				// The password never goes to an address edna's server points at.
				disableFollowRedirect: true,
			});
		} catch (error) {
			const answer = failedAnswer(error);
			if (!answer) throw error;
			throw new CredentialRenewalError(loginFailure(answer));
		}
		const token = field(body, 'token');
		if (typeof token === 'string' && token.trim() !== '') return { sessionToken: token.trim() };
		throw new CredentialRenewalError(loginFailure({ statusCode: 200, body }));
	});
}

function loginFailure({ statusCode, body }: EdnaLoginAnswer): string {
	if (statusCode === 400 || statusCode === 401 || statusCode === 403)
		return `edna Chat Center refused to log in with the credential's Login and Password (HTTP ${statusCode}${reason(body)}); check both in the credential.`;
	if (statusCode === 404)
		return 'edna Chat Center has no login at this Base URL (HTTP 404); use the address of your edna installation, without /api.';
	if (statusCode >= 200 && statusCode < 400)
		return `The Base URL did not answer the login as edna Chat Center does (HTTP ${statusCode}, no token); use the address of your edna installation, without /api.`;
	return `edna Chat Center could not log in (HTTP ${statusCode}${reason(body)}); try again later.`;
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

	test = ednaCredentialTest(
		'edna logged in but then rejected the token it issued (401). Check that the user may use the API (INTEGRATOR, OPERATOR or SUPERVISOR role).',
	);
}
