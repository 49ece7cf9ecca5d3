import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { displayOrigin } from './baseUrl';
import { networkError, vendorError } from './errors';

/** What one vendor tells the shared transport about itself. */
export interface VendorProfile {
	/** The vendor's name as users know it, e.g. "edna Chat Center". */
	name: string;
	/** Pulls the vendor's own error sentence out of an error response body. */
	errorMessage(body: unknown, status: number): string | undefined;
	/**
	 * A hint for statuses where the fix is on the user's side (401: log in
	 * again, …). `vendorAnswered` is false when the body was not the vendor's
	 * own error shape — a 404 from a proxy means a wrong URL, one from the
	 * vendor means a missing record.
	 */
	statusHint?(status: number, vendorAnswered: boolean): string | undefined;
}

export interface VendorRequest {
	credentialType: string;
	method: IHttpRequestMethods;
	/** Normalised base URL (see normalizeBaseUrl). */
	baseUrl: string;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	headers?: Record<string, string>;
	itemIndex: number;
	/** Milliseconds to wait for an answer. */
	timeout?: number;
}

/**
 * Retry policy, shared by every vendor.
 *
 * Sending a message is not idempotent: a POST is retried only when the vendor
 * cannot have accepted it — the connection was refused, or the vendor said
 * 429 (rate limited) or 503 (unavailable). A timeout, a dropped connection or
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
	defaultTimeoutMs: 30_000,
};

const NOT_ACCEPTED_STATUSES = new Set([429, 503]);
const IDEMPOTENT_RETRY_STATUSES = new Set([500, 502, 504]);
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Sends one request with the node's credential, applies the retry policy and
 * turns every failure into one readable NodeApiError that names the vendor,
 * the HTTP status and the vendor's own message — never a header or a secret.
 */
export async function vendorRequest<T = unknown>(
	ctx: IExecuteFunctions,
	vendor: VendorProfile,
	request: VendorRequest,
): Promise<T> {
	const idempotent = request.method === 'GET';
	const node = ctx.getNode();
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${request.baseUrl}${request.path}`,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeout ?? RETRY.defaultTimeoutMs,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;

	for (let attempt = 1; ; attempt++) {
		const last = attempt >= RETRY.maxAttempts;
		let response: IN8nHttpFullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				request.credentialType,
				{ ...options, headers: { ...options.headers } },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkErrorCode(error);
			const notConnected = code !== undefined && NOT_CONNECTED_CODES.has(code);
			if (!last && (notConnected || (idempotent && code !== undefined))) {
				await sleep(RETRY.backoffMs[attempt - 1] ?? 1000);
				continue;
			}
			throw networkError(node, request.itemIndex, networkErrorMessage(vendor, request, code, idempotent));
		}

		const status = response.statusCode;
		if (status >= 200 && status < 300) {
			return checkJsonBody<T>(ctx, vendor, request, response);
		}

		const retryable = NOT_ACCEPTED_STATUSES.has(status) || (idempotent && IDEMPOTENT_RETRY_STATUSES.has(status));
		if (retryable && !last) {
			const waitSeconds = retryAfterSeconds(response.headers?.['retry-after']);
			if (waitSeconds === undefined || waitSeconds <= RETRY.maxRetryAfterSeconds) {
				await sleep(waitSeconds !== undefined ? waitSeconds * 1000 : (RETRY.backoffMs[attempt - 1] ?? 1000));
				continue;
			}
		}
		throw httpError(ctx, vendor, request, response, attempt);
	}
}

function checkJsonBody<T>(
	ctx: IExecuteFunctions,
	vendor: VendorProfile,
	request: VendorRequest,
	response: IN8nHttpFullResponse,
): T {
	const body = response.body;
	if (body === undefined || body === null || body === '' || typeof body === 'object') {
		return (body ?? {}) as T;
	}
	// A 2xx that is not JSON is almost always a web page: the Base URL points
	// at a website or proxy, not at the vendor's API.
	throw vendorError(
		ctx.getNode(),
		request.itemIndex,
		`${vendor.name} answered ${request.method} ${request.path} at ${displayOrigin(request.baseUrl)} with a non-JSON page (HTTP ${response.statusCode}). Check that the Base URL in the credential points at the ${vendor.name} API.`,
		{ httpCode: response.statusCode, body: String(body).slice(0, 300) },
	);
}

function httpError(
	ctx: IExecuteFunctions,
	vendor: VendorProfile,
	request: VendorRequest,
	response: IN8nHttpFullResponse,
	attempts: number,
) {
	const status = response.statusCode;
	const body = response.body;
	let vendorMessage = vendor.errorMessage(body, status);
	const vendorAnswered = vendorMessage !== undefined;
	if (!vendorMessage && typeof body === 'string' && looksLikeHtml(body)) {
		vendorMessage = `an HTML page instead of an API answer — check that the Base URL points at the ${vendor.name} API`;
	}
	const reason = vendorMessage ?? (response.statusMessage || 'no error message');
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	let message = `${vendor.name} rejected the request (HTTP ${status}${tries}): ${stripFinalStop(reason)}.`;
	if (status === 429) {
		const wait = retryAfterSeconds(response.headers?.['retry-after']);
		message = `${vendor.name} is rate limiting requests (HTTP 429${tries})${wait !== undefined ? `; it asks to wait ${wait} seconds` : ''}: ${stripFinalStop(reason)}.`;
	}
	const hint = vendor.statusHint?.(status, vendorAnswered);
	return vendorError(ctx.getNode(), request.itemIndex, message, {
		httpCode: status,
		body,
		description: hint,
	});
}

function networkErrorMessage(
	vendor: VendorProfile,
	request: VendorRequest,
	code: string | undefined,
	idempotent: boolean,
): string {
	const where = displayOrigin(request.baseUrl);
	switch (code) {
		case 'ECONNREFUSED':
			return `Could not connect to ${vendor.name} at ${where}: the connection was refused. Check the Base URL in the credential.`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `Could not find the host of ${where}. Check the Base URL in the credential.`;
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return `Could not reach ${vendor.name} at ${where}: the network is unreachable.`;
		case 'ECONNRESET':
			return idempotent
				? `${vendor.name} at ${where} closed the connection without answering.`
				: `${vendor.name} at ${where} closed the connection without answering. The message may have been delivered, so it was not sent again; check the conversation before re-running this item.`;
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ESOCKETTIMEDOUT':
			return idempotent
				? `${vendor.name} at ${where} did not answer in time.`
				: `${vendor.name} at ${where} did not answer in time. The message may have been delivered, so it was not sent again; check the conversation before re-running this item.`;
		default:
			return idempotent
				? `The connection to ${vendor.name} at ${where} failed (${code ?? 'no answer'}).`
				: `The connection to ${vendor.name} at ${where} failed before an answer came (${code ?? 'no answer'}). The message may have been delivered, so it was not sent again; check the conversation before re-running this item.`;
	}
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

/** Retry-After in seconds, from either form the header may take (seconds or an HTTP date). */
export function retryAfterSeconds(header: unknown): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function looksLikeHtml(text: string): boolean {
	return /^\s*<(!doctype|html|head|body)/i.test(text);
}

function stripFinalStop(text: string): string {
	return text.trim().replace(/[.\s]+$/, '');
}
