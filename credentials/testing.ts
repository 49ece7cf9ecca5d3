import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { normalizeBaseUrl } from '../nodes/shared/baseUrl';
import type { Answer } from '../nodes/shared/exchange';
import { boundedRequest, limitsWithin } from '../nodes/shared/exchange';
import { DEFAULTS } from '../nodes/shared/options';
import type { Authenticate } from './common';
import { CREDENTIAL_TEST_SECONDS } from './common';
import { CredentialRenewalError } from './renewal';

/** What a connection test needs of its credential type: how it signs a request, and the login that may come first. */
export interface Signer {
	authenticate: Authenticate;
	preAuthentication?: ICredentialType['preAuthentication'];
}

/** The one request a connection test sends, and how it judges the answer. */
export interface ConnectionCheck {
	/** The vendor as the sentences name it. */
	vendor: string;
	method: IHttpRequestMethods;
	/** Path after the Base URL. */
	path: string;
	/** A suffix users paste at the end of the Base URL that the path already has (SuperOffice's /api/v1). */
	baseUrlSuffix?: RegExp;
	body?: IDataObject;
	/** Why the answer fails the test, in one sentence; undefined when it passes. */
	judge: (body: unknown, statusCode: number) => string | undefined;
}

/**
 * The sentence of a credential's request (a login, a connection test) that
 * got no whole answer: it timed out, was larger than the cap, or never
 * connected. `request` names the request ("the login"), `purpose` what it
 * was for ("to log in"), `unsent` what that means for the item, if any.
 */
export function unansweredSentence(
	vendor: string,
	error: unknown,
	timeoutMs: number,
	{ request = '', purpose = '', unsent = '' }: { request?: string; purpose?: string; unsent?: string } = {},
): string {
	const code = (error as { code?: unknown } | undefined)?.code;
	const answered = request ? ` ${request}` : '';
	const fix = 'check the Base URL in the credential or try again later.';
	// ECONNABORTED: the socket stayed idle for the request's own timeout (a credential test sets it to its deadline).
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED')
		return `${vendor} did not answer${answered} within ${Math.round(timeoutMs / 1000)} seconds${unsent}; ${fix}`;
	if (code === 'ETOOLARGE')
		return `The Base URL answered${answered} with more than ${DEFAULTS.maxResponseMegabytes} MB, which ${vendor} never does${unsent}; ${fix}`;
	return `Could not reach ${vendor}${purpose ? ` ${purpose}` : ''} (${typeof code === 'string' ? code : 'no answer'})${unsent}; ${fix}`;
}

/**
 * n8n's request helper as a credential test gets it (the legacy `request`,
 * the only one n8n hands a test function), called like `httpRequest`: the
 * body comes back as a stream with the status and headers, whatever the
 * status, so that boundedRequest reads it within its deadline and size cap.
 * A redirect is never followed, so a secret never goes to another address;
 * the socket may stay idle at most for the test's deadline (the legacy
 * helper takes no abort signal).
 */
function legacyAsHttpRequest(helpers: ICredentialTestFunctions['helpers']): IHttpRequestHelper['helpers']['httpRequest'] {
	return async (options: IHttpRequestOptions): Promise<unknown> =>
		await helpers.request({
			uri: options.url,
			method: options.method,
			headers: options.headers,
			body: options.body,
			json: options.json,
			auth: options.auth,
			followRedirect: false,
			followAllRedirects: false,
			useStream: true,
			resolveWithFullResponse: true,
			simple: false,
			timeout: CREDENTIAL_TEST_SECONDS * 1000,
		});
}

const failed = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

/**
 * A credential's connection test, run by n8n from the nodes that list the
 * credential (`testedBy` and `methods.credentialTest`).
 *
 * A declarative `test` request is read by n8n itself, whole, with no bound
 * on its size or its time (RoutingNode only sets how long the socket may
 * stay idle: 5 minutes). This test reads the answer itself,
 * like the node's own requests and the edna login: within
 * CREDENTIAL_TEST_SECONDS and at most the node's answer cap, and says in one
 * sentence what went wrong. The credential's own login (`preAuthentication`,
 * with its own bounds and sentences) comes first, and its own
 * `authenticate` signs the request, so the test sends exactly what the
 * nodes send. No sentence holds a secret.
 */
export function connectionTest(credential: Signer, check: ConnectionCheck): ICredentialTestFunction {
	const limits = limitsWithin(CREDENTIAL_TEST_SECONDS * 1000);
	return async function (this: ICredentialTestFunctions, { data }): Promise<INodeCredentialTestResult> {
		// A copy: a login writes its token into the object it is given.
		const credentials: ICredentialDataDecryptedObject = { ...data };
		const base = normalizeBaseUrl(credentials.baseUrl, check.vendor, check.baseUrlSuffix);
		if ('error' in base) return failed(base.error);
		const httpRequest = legacyAsHttpRequest(this.helpers);
		if (credential.preAuthentication) {
			const helper: IHttpRequestHelper = { helpers: { httpRequest } };
			try {
				Object.assign(credentials, await credential.preAuthentication.call(helper, credentials));
			} catch (error) {
				return failed(error instanceof CredentialRenewalError ? error.message : unansweredSentence(check.vendor, error, limits.timeoutMs, { purpose: 'to log in' }));
			}
		}
		const signed = await credential.authenticate(credentials, {
			method: check.method,
			url: `${base.url}${check.path}`,
			body: check.body,
			json: true,
			disableFollowRedirect: true,
		});
		let answer: Answer;
		try {
			answer = await boundedRequest(httpRequest, signed, limits);
		} catch (error) {
			return failed(unansweredSentence(check.vendor, error, limits.timeoutMs));
		}
		const problem = check.judge(answer.body, answer.statusCode);
		return problem === undefined ? { status: 'OK', message: 'Connection successful!' } : failed(problem);
	};
}
