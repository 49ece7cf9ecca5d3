import type { IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CredentialRenewalError } from '../../credentials/renewal';
import { atItem } from './errors';
import type { Answer, BodyStream } from './exchange';
import { parseBody, readText } from './exchange';
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
export function renewalFailure(error: unknown, vendorName: string): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		if (current instanceof CredentialRenewalError) return current.message;
		const record = current as { cause?: unknown; message?: unknown; code?: unknown; body?: unknown; failure?: { cause?: unknown } };
		// n8n's own sentence for a refused OAuth2 refresh (invalid_grant), from requestOAuth2.
		if (record.failure?.cause === 'credential-invalid' && typeof record.message === 'string') {
			return `${record.message.replace(/\.$/, '')}: ${vendorName} no longer accepts its refresh token, so open the credential and sign in again.`;
		}
		// The token endpoint's own OAuth2 error (RFC 6749 §5.2), from n8n's OAuth2 client.
		if (record.code === 'EAUTH') return refreshRefused(record.body, vendorName);
		current = record.cause;
	}
	return undefined;
}

function refreshRefused(body: unknown, vendorName: string): string {
	const { error, error_description: description } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	const reason = [error, description].filter((part) => typeof part === 'string' && part !== '').join(': ');
	const fix =
		error === 'invalid_client'
			? 'check the Client ID and Client Secret in the credential'
			: 'open the credential and sign in again';
	return `${vendorName} refused to refresh the access token${reason ? ` (${reason})` : ''}; ${fix}.`;
}

/** A request that did not go out because its credential could not renew: nothing was delivered. */
export function renewalError(node: INode, itemIndex: number, message: string): NodeOperationError {
	const error = new NodeOperationError(node, atItem(message, itemIndex), { itemIndex });
	error.context.delivery = 'notDelivered';
	return error;
}

/** The parts of the error n8n's request helper throws for a 401 it did not ignore. */
interface ThrownHttpError {
	httpCode?: unknown;
	cause?: { response?: { status?: unknown; headers?: unknown; data?: unknown } };
}

/**
 * For an OAuth2 connection, n8n throws the 401 that is left after it
 * refreshed the token and sent once more; this turns it back into the answer
 * the transport reads every other status from (the vendor's own message
 * included). Any other error is passed on.
 */
export function unauthorizedAsAnswer(connection: Connection): (error: unknown) => Promise<Answer> {
	return async (error: unknown) => {
		const response = (error as ThrownHttpError | undefined)?.cause?.response;
		if (connection.renewal?.kind !== 'oauth2' || response?.status !== 401) throw error;
		const headers = response.headers && typeof response.headers === 'object' ? (response.headers as Record<string, unknown>) : {};
		return { statusCode: 401, headers, body: await smallBody(response.data) };
	};
}

/** A 401's body as text or JSON, read up to 64 KB: it only ever holds the vendor's reason. */
async function smallBody(data: unknown): Promise<unknown> {
	if (data === undefined || data === null) return '';
	if (typeof data === 'string') return parseBody(data);
	if (Buffer.isBuffer(data)) return parseBody(data.toString('utf8'));
	if (typeof data !== 'object' || !(Symbol.asyncIterator in data)) return data;
	// Longer than any reason: the reason is given up, not the error.
	return parseBody(await readText(data as BodyStream, {}, 64 * 1024).catch(() => ''));
}
