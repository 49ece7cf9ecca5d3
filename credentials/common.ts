import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { signing } from './signing';

/** How long a credential test may take: n8n's editor waits for it (credentials/testing.ts). */
export const CREDENTIAL_TEST_SECONDS = 10;

/**
 * A credential's `authenticate` as a plain function. n8n evaluates a generic
 * `authenticate` template as an expression — in n8n 2.x in an isolated VM —
 * for every request; a function costs nothing, which matters for workflows
 * that send thousands of messages. It also tells the node's transport when
 * its request is signed, and with which token (signing.ts).
 */
export type Authenticate = (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** Adds `headers` (from the credential) to a request. */
export function withHeaders(headersOf: (credentials: ICredentialDataDecryptedObject) => Record<string, string>): Authenticate {
	return async (credentials, requestOptions) => {
		signing(requestOptions, credentials);
		return { ...requestOptions, headers: { ...requestOptions.headers, ...headersOf(credentials) } };
	};
}

/** A credential value as the text to send: trimmed, with an optional scheme prefix users paste removed. */
export function secretText(value: unknown, pastedPrefix?: RegExp): string {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
	return pastedPrefix ? text.replace(pastedPrefix, '') : text;
}

/**
 * `Authorization: Bearer …` from the credential field `field`. Vendors show
 * tokens already prefixed with "Bearer " (edna's login answer does), so a
 * pasted prefix is dropped rather than sent as "Bearer Bearer …".
 */
export function bearerAuth(field: string): Authenticate {
	return withHeaders((credentials) => ({ Authorization: `Bearer ${secretText(credentials[field], /^Bearer\s+/i)}` }));
}

/** HTTP Basic from two credential fields; n8n builds the header itself and never shows it. */
export function basicAuth(userField: string, passwordField: string): Authenticate {
	return async (credentials, requestOptions) => {
		signing(requestOptions, credentials);
		return {
			...requestOptions,
			auth: { username: secretText(credentials[userField]), password: String(credentials[passwordField] ?? '') },
		};
	};
}
