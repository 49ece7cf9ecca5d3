import type { IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CredentialRenewalError } from '../../credentials/renewal';
import { atItem } from './errors';
import type { Connection } from './vendor';

/**
 * How a connection's credential gets a new token when the vendor answers 401.
 *
 * - `expirable`: a credential with `preAuthentication` and a hidden
 *   `expirable` field (edna's login). n8n logs in whenever that field is
 *   empty; n8n's own renew-and-resend only runs when a request *throws* 401,
 *   which the transport's `ignoreHttpStatusErrors` prevents. So the transport
 *   empties the field after a 401 and sends once more: n8n logs in on the way.
 * - `oauth2`: a credential that extends oAuth2Api. n8n refreshes the access
 *   token and resends once itself when the request throws 401, so 401 is the
 *   one status the request does not ignore, and the transport never resends.
 *
 * Either way a 401 means the vendor did not accept the request, so the one
 * resend cannot deliver a message twice.
 */
export type Renewal = { kind: 'expirable'; field: string } | { kind: 'oauth2' };

/** What n8n's request helper should treat as an answer rather than an error. */
export function ignoredStatusErrors(connection: Connection): IHttpRequestOptions['ignoreHttpStatusErrors'] {
	return connection.renewal?.kind === 'oauth2' ? { ignore: true, except: [401] } : true;
}

/** The expirable token a request goes out with ('' when a login is due), to tell after a 401 whether it was renewed since. */
export function tokenInUse(connection: Connection): unknown {
	const { renewal, credentials } = connection;
	return renewal?.kind === 'expirable' ? credentials.data?.[renewal.field] : undefined;
}

/**
 * After a 401: whether to send once more with a renewed token. Only the first
 * request to see a token fail empties it, so that requests running at the same
 * time share one login (credentials/renewal.ts); those that see it already
 * emptied or replaced just resend. A token fetched for this very request (sent
 * while the field was empty) that edna refuses is not renewed again.
 */
export function renewAfterUnauthorized(connection: Connection, signedWith: unknown): boolean {
	const { renewal, credentials } = connection;
	if (renewal?.kind !== 'expirable' || !credentials.data) return false;
	if (typeof signedWith !== 'string' || signedWith === '') return false;
	if (credentials.data[renewal.field] === signedWith) credentials.data[renewal.field] = '';
	return true;
}

/**
 * The sentence for a renewal that failed — a refused login, or an OAuth2
 * refresh token the vendor no longer accepts — found in the error n8n's
 * request helper threw, or undefined for any other error.
 */
export function renewalFailure(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		if (current instanceof CredentialRenewalError) return current.message;
		const record = current as { cause?: unknown; message?: unknown; description?: unknown; failure?: { cause?: unknown } };
		// n8n's own sentence for a refused OAuth2 refresh (invalid_grant), from requestOAuth2.
		if (record.failure?.cause === 'credential-invalid' && typeof record.message === 'string') {
			return `${record.message.replace(/\.$/, '')}: the vendor no longer accepts its refresh token, so open the credential and sign in again.`;
		}
		current = record.cause;
	}
	return undefined;
}

/** A request that did not go out because its credential could not renew: nothing was delivered. */
export function renewalError(node: INode, itemIndex: number, message: string): NodeOperationError {
	const error = new NodeOperationError(node, atItem(message, itemIndex), { itemIndex });
	error.context.delivery = 'notDelivered';
	return error;
}
