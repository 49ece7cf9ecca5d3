import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { checkJsonBody, httpError, isSend, networkErrorMessage, retryAfterSeconds } from './answers';
import type { RequestContext } from './context';
import type { Answer } from './exchange';
import { exchange, ExchangeError, limitsWithin } from './exchange';
import { networkError } from './errors';
import { DEFAULTS } from './options';
import { pacerFor } from './pacing';
import { awayFromSlot } from './slots';
import {
	afterUnauthorized,
	beforeSending,
	expirableField,
	ignoredStatusErrors,
	renewalError,
	renewalFailure,
	tokenAccepted,
	unauthorizedAsAnswer,
} from './renewal';
import type { Connection, RequestTarget } from './vendor';

/** One request of an operation, relative to its connection's Base URL. */
export interface VendorRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	headers?: Record<string, string>;
	itemIndex: number;
	/** Milliseconds to wait for an answer. */
	timeoutMs?: number;
	/** What the path's ID names, for the hint on a 404. */
	target?: RequestTarget;
	/** A POST that only reads (SuperOffice's Transcript): retried like a GET, and its failures deliver nothing. */
	readOnly?: boolean;
}

/**
 * Retry policy, shared by every vendor.
 *
 * Sending a message is not idempotent: a POST is retried only when the vendor
 * cannot have accepted it — the connection was refused, or the vendor said
 * 503 (unavailable), or 429 (rate limited: waited out within the node's
 * Max Wait on Rate Limits, however many attempts that takes). A timeout, a dropped connection or
 * any other 5xx may have delivered the message, so a POST is never retried
 * after those: that would message a customer twice. GETs are safe to repeat and
 * are also retried after those.
 */
export const RETRY = {
	/** Attempts in all, the first one included. */
	maxAttempts: 3,
	/** Wait before the next attempt when the vendor gives no Retry-After. */
	backoffMs: [500, 1500],
	/** A longer Retry-After than this is not waited for: the item fails with the vendor's wait in the message. */
	maxRetryAfterSeconds: 30,
};

const NOT_ACCEPTED_STATUSES = new Set([503]);
const IDEMPOTENT_RETRY_STATUSES = new Set([500, 502, 504]);
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * One attempt of a request, with no retries: the connection's credential
 * and headers, no redirects followed, bounded in time and size (exchange.ts).
 * A 401 an OAuth2 credential could not cure comes back as an answer
 * (renewal.ts). `signedWith` gets the token the request went out with, for a
 * credential that renews one. The pickers' list requests use it as it is;
 * vendorRequest adds the retry policy around it.
 */
export async function exchangeOnce(
	ctx: RequestContext,
	connection: Connection,
	request: Pick<VendorRequest, 'method' | 'path' | 'body' | 'qs' | 'headers'>,
	timeoutMs: number,
	signedWith?: (token: unknown) => void,
): Promise<Answer> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${request.path}`,
		headers: { Accept: 'application/json', ...connection.headers, ...request.headers },
		json: true,
		ignoreHttpStatusErrors: ignoredStatusErrors(connection),
		disableFollowRedirect: true,
		timeout: timeoutMs,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;
	const limits = limitsWithin(timeoutMs);
	// A credential that logs in says when the request is signed (credentials/signing.ts), and with
	// which token: the login before it (bounded by the same Timeout) does not count against the
	// request's own deadline.
	const field = expirableField(connection);
	const signed =
		field === undefined ? undefined : { withinMs: signInWithinMs(timeoutMs), then: (data: IDataObject) => signedWith?.(data[field]) };
	return await exchange(ctx, connection.credentials, options, limits, signed).catch(unauthorizedAsAnswer(connection));
}

/**
 * Sends one request with the connection's credential, applies the retry
 * policy and turns every failure into one readable error that names the
 * vendor, the HTTP status and the vendor's own message — never a header or a
 * secret — and records whether a send may have been delivered.
 *
 * Redirects are not followed: n8n would send the credential along to
 * wherever the vendor's address points. The whole exchange is bounded by the
 * timeout and the answer by DEFAULTS.maxResponseMegabytes (see exchange).
 */
export async function vendorRequest<T = unknown>(
	ctx: RequestContext,
	connection: Connection,
	request: VendorRequest,
): Promise<T> {
	const idempotent = !isSend(request);
	const timeoutMs = request.timeoutMs ?? DEFAULTS.timeoutSeconds * 1000;

	const pacer = pacerFor(ctx);
	const { rateLimitWaitMs } = pacer;
	let rateLimited = 0;
	let waitedMs = 0;
	let renewed = 0;
	for (let attempt = 1; ; attempt++) {
		// 429s and renewed tokens are not the vendor failing: they do not use up attempts.
		const last = attempt - rateLimited - renewed >= RETRY.maxAttempts;
		const turn = await pacer.turn();
		if (expirableField(connection) !== undefined) {
			// Right before the exchange: from there to the login (if one is due) nothing waits, so a
			// request that comes after this one finds the login under way and waits for it.
			const stopped = await beforeSending(connection, timeoutMs);
			if (stopped !== undefined) throw renewalError(ctx.getNode(), request.itemIndex, stopped);
		}
		let signedWith: unknown;
		let answer: Answer;
		try {
			answer = await exchangeOnce(ctx, connection, request, timeoutMs, (token) => (signedWith = token));
		} catch (error) {
			const renewalFailed = renewalFailure(error, connection.vendor.name);
			if (renewalFailed !== undefined) throw renewalError(ctx.getNode(), request.itemIndex, renewalFailed);
			if (error instanceof ExchangeError && error.notSent) throw notSentError(ctx, connection, request, timeoutMs);
			const code = networkErrorCode(error);
			const notConnected = code !== undefined && NOT_CONNECTED_CODES.has(code);
			const repeatable = idempotent && code !== undefined && code !== 'ETOOLARGE';
			if (!last && (notConnected || repeatable)) {
				await pacer.wait(RETRY.backoffMs[attempt - rateLimited - renewed - 1] ?? 1000);
				continue;
			}
			const { message, delivery } = networkErrorMessage(connection, code, request);
			throw networkError(ctx.getNode(), request.itemIndex, message, delivery);
		}

		const status = answer.statusCode;
		if (status !== 429) pacer.accepted();
		if (status === 401) {
			const next = afterUnauthorized(connection, signedWith);
			if (next === 'resend') {
				renewed++;
				continue;
			}
			if (next !== undefined) throw renewalError(ctx.getNode(), request.itemIndex, next);
		} else {
			tokenAccepted(connection, signedWith);
		}
		if (status >= 200 && status < 300) {
			return checkJsonBody<T>(ctx, connection, request, answer);
		}

		const retryAfter = retryAfterSeconds(answer.headers['retry-after']);
		if (status === 429) {
			// Refused, not delivered: waited out for as long as the budget allows,
			// whatever the number of attempts; the pacer decides whether the
			// node's other requests wait and slow down too. Meanwhile the next
			// item may take this one's place among the Parallel Requests.
			const waitMs = retryAfter !== undefined ? Math.max(retryAfter * 1000, 100) : rateLimitBackoffMs(rateLimited);
			if (waitedMs + waitMs <= rateLimitWaitMs) {
				rateLimited++;
				waitedMs += waitMs;
				pacer.refused(turn, waitMs);
				await awayFromSlot(ctx, async () => await pacer.wait(waitMs));
				continue;
			}
			throw httpError(ctx, connection, request, answer, attempt);
		}

		const retryable = NOT_ACCEPTED_STATUSES.has(status) || (idempotent && IDEMPOTENT_RETRY_STATUSES.has(status));
		if (retryable && !last && (retryAfter === undefined || retryAfter <= RETRY.maxRetryAfterSeconds)) {
			await pacer.wait(retryAfter !== undefined ? retryAfter * 1000 : (RETRY.backoffMs[attempt - rateLimited - renewed - 1] ?? 1000));
			continue;
		}
		throw httpError(ctx, connection, request, answer, attempt);
	}
}

/** How long a request may wait to be signed: its credential's login (bounded by the same Timeout) and n8n storing the token. */
function signInWithinMs(timeoutMs: number): number {
	return 2 * timeoutMs + 1000;
}

/** A request that never went out: its credential's sign-in did not end in time. */
function notSentError(ctx: RequestContext, { vendor }: Connection, request: VendorRequest, timeoutMs: number) {
	const seconds = Math.round(signInWithinMs(timeoutMs) / 1000);
	return networkError(
		ctx.getNode(),
		request.itemIndex,
		`The request to ${vendor.name} could not go out within ${seconds} seconds because signing in with the credential did not end, so nothing was sent; try again later.`,
		'notDelivered',
	);
}

/** Waits between 429 answers that name no Retry-After: doubling from half a second up to 30 seconds. */
function rateLimitBackoffMs(previous429s: number): number {
	return Math.min(500 * 2 ** previous429s, 30_000);
}

/** Finds a Node.js network error code (ECONNREFUSED, …) anywhere in an error's cause chain. */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const record = current as { code?: unknown; cause?: unknown; message?: unknown };
		if (typeof record.code === 'string' && /^E[A-Z_]+$/.test(record.code)) return record.code;
		if (typeof record.message === 'string') {
			if (/timeout of \d+ms exceeded/i.test(record.message)) return 'ETIMEDOUT';
			if (/socket hang up/i.test(record.message)) return 'ECONNRESET';
		}
		current = record.cause;
	}
	return undefined;
}
