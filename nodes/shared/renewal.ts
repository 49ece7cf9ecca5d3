import type { ICredentialsDecrypted, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CredentialRenewalError, issuedHere, renewalInProgress, setLoginTimeout } from '../../credentials/renewal';
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
 *   empties the field after a 401 and sends again: n8n logs in on the way
 *   (see afterUnauthorized for how often).
 * - `oauth2`: a credential that extends oAuth2Api. n8n refreshes the access
 *   token and resends once itself when the request throws 401, so 401 is the
 *   one status the request does not ignore, and the transport never resends.
 *
 * Either way a 401 means the vendor did not accept the request, so sending it
 * again cannot deliver a message twice.
 */
export type Renewal = { kind: 'expirable'; field: string } | { kind: 'oauth2' };

/** What n8n's request helper should treat as an answer rather than an error. */
export function ignoredStatusErrors(connection: Connection): IHttpRequestOptions['ignoreHttpStatusErrors'] {
	return connection.renewal?.kind === 'oauth2' ? { ignore: true, except: [401] } : true;
}

/** At most this many expired tokens are renewed in one node execution (edna's sessions last hours). */
export const MAX_RENEWALS = 5;

/** What one node execution learnt about its credential's tokens. */
interface TokenLedger {
	/** Tokens the vendor accepted at least once. */
	accepted: Set<unknown>;
	renewals: number;
	/** Why no request of this execution may be sent any more. */
	stopped?: string;
}

const ledgers = new WeakMap<ICredentialsDecrypted, TokenLedger>();

function ledgerOf({ credentials }: Connection): TokenLedger {
	let ledger = ledgers.get(credentials);
	if (!ledger) ledgers.set(credentials, (ledger = { accepted: new Set(), renewals: 0 }));
	return ledger;
}

/** The token field of a connection that renews by logging in, if it does. */
export function expirableField(connection: Connection): string | undefined {
	return connection.renewal?.kind === 'expirable' ? connection.renewal.field : undefined;
}

/**
 * Before a request goes out: waits for a login of its credential that is
 * under way (the request is then sent with its token, instead of logging in
 * again or being sent with the token that expired), and says why nothing may
 * be sent any more, if so.
 */
export async function beforeSending(connection: Connection, timeoutMs: number): Promise<string | undefined> {
	const data = connection.credentials.data;
	if (expirableField(connection) === undefined || !data) return undefined;
	setLoginTimeout(data, timeoutMs);
	await renewalInProgress(data)?.catch(() => undefined);
	return ledgerOf(connection).stopped;
}

/** The vendor took a request signed with `token` (any answer but 401): the token works. */
export function tokenAccepted(connection: Connection, token: unknown): void {
	if (token !== undefined) ledgerOf(connection).accepted.add(token);
}

/**
 * After a 401 to a request signed with `token`: `'resend'` when a renewed
 * token may cure it, the sentence every remaining item fails with when it
 * may not, or undefined when the credential does not renew (the 401 is the
 * answer).
 *
 * - A token this execution's own login issued, refused before the vendor took
 *   a single request with it: the login works but may not send. Logging in
 *   again would only issue another such token (and could lock the account).
 * - Any other token expired. The first request to see it fails empties the
 *   field, so the next request logs in — once for all of them (renewOnce) —
 *   and every request refused with it, or waiting for the renewal, is sent
 *   again with the new token. One renewal per expiry, MAX_RENEWALS per
 *   execution.
 */
export function afterUnauthorized(connection: Connection, token: unknown): 'resend' | string | undefined {
	const field = expirableField(connection);
	const data = connection.credentials.data;
	if (field === undefined || !data || typeof token !== 'string' || token === '') return undefined;
	const ledger = ledgerOf(connection);
	const { name, statusHint } = connection.vendor;
	if (ledger.stopped) return ledger.stopped;
	if (issuedHere(data, token) && !ledger.accepted.has(token)) {
		const hint = statusHint?.(401, { vendorAnswered: true, credentialType: connection.credentialType });
		ledger.stopped = `${name} logged in with the credential's Login and Password but then refused the token it had just issued (HTTP 401), so nothing was sent${hint ? `: ${hint}` : '.'}`;
		return ledger.stopped;
	}
	if (data[field] === token) {
		if (ledger.renewals >= MAX_RENEWALS) {
			ledger.stopped = `${name} let its token expire ${MAX_RENEWALS + 1} times during this run, and the node does not log in more often than that in one run, so nothing was sent; run the item again.`;
			return ledger.stopped;
		}
		ledger.renewals++;
		data[field] = '';
	}
	return 'resend';
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
