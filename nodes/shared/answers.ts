import type { IDataObject } from 'n8n-workflow';

import { displayOrigin } from './baseUrl';
import type { RequestContext } from './context';
import type { Delivery } from './errors';
import { MAY_HAVE_BEEN_DELIVERED, vendorError } from './errors';
import type { Answer } from './exchange';
import { DEFAULTS } from './options';
import type { VendorRequest } from './transport';
import type { Connection } from './vendor';

/** Whether a request sends something (anything but a read): its failures must say whether it arrived. */
export function isSend(request: Pick<VendorRequest, 'method' | 'readOnly'>): boolean {
	return request.method !== 'GET' && request.readOnly !== true;
}

/** `sentence`, plus — for a send whose outcome is unknown — that the message may have arrived. */
function withDelivery(sentence: string, delivery: Delivery): string {
	return delivery === 'mayHaveBeenDelivered' ? `${sentence} ${MAY_HAVE_BEEN_DELIVERED}` : sentence;
}

function isJsonAnswer(answer: Answer): boolean {
	const type = answer.headers['content-type'];
	return /\bjson\b/i.test(Array.isArray(type) ? String(type[0]) : String(type ?? ''));
}

/** A 2xx answer: JSON (or empty) is passed on; anything else means the Base URL reached something else. */
export function checkJsonBody<T>(ctx: RequestContext, { vendor, baseUrl }: Connection, request: VendorRequest, answer: Answer): T {
	const body = answer.body;
	if (body === undefined || body === null || body === '' || typeof body === 'object') {
		return (body ?? {}) as T;
	}
	// Some answers are a bare JSON value (SuperOffice's IsOpen: `false`, Transcript: `"…"`).
	if (typeof body === 'boolean' || typeof body === 'number' || (typeof body === 'string' && isJsonAnswer(answer))) {
		return body as T;
	}
	// A 2xx that is not JSON is almost always a web page: the Base URL points
	// at a website or proxy, not at the vendor's API. Nothing proves the
	// message did not arrive, so a send says it may have.
	const delivery: Delivery = isSend(request) ? 'mayHaveBeenDelivered' : 'notDelivered';
	throw vendorError(
		ctx.getNode(),
		request.itemIndex,
		withDelivery(
			`${vendor.name} answered ${request.method} ${request.path} at ${displayOrigin(baseUrl)} with a non-JSON page (HTTP ${answer.statusCode}). Check that the Base URL in the credential points at the ${vendor.name} API.`,
			delivery,
		),
		{ httpCode: answer.statusCode, body: String(body).slice(0, 300), delivery },
	);
}

/**
 * Statuses after which a send may have been stored: the vendor failed while
 * handling it (500), or a gateway lost its answer (502, 504). 501 (not
 * implemented) and 503 (unavailable) say it was not handled.
 */
function mayHaveHandled(status: number): boolean {
	return status >= 500 && status !== 501 && status !== 503;
}

/** A non-2xx answer as one sentence: the vendor's own message, the status, and a hint where the fix is the user's. */
export function httpError(ctx: RequestContext, connection: Connection, request: VendorRequest, answer: Answer, attempts: number) {
	const { vendor, credentialType } = connection;
	const status = answer.statusCode;
	if (status >= 300 && status < 400) return redirectError(ctx, connection, request, answer);
	const body = answer.body;
	let vendorMessage = vendor.errorMessage(body, status);
	const vendorAnswered = vendorMessage !== undefined;
	if (!vendorMessage && typeof body === 'string' && /^\s*<(!doctype|html|head|body)/i.test(body)) {
		vendorMessage = `an HTML page instead of an API answer — check that the Base URL points at the ${vendor.name} API`;
	}
	const reason = stripFinalStop(vendorMessage ?? (answer.statusMessage || 'no error message'));
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	const delivery: Delivery = isSend(request) && mayHaveHandled(status) ? 'mayHaveBeenDelivered' : 'notDelivered';
	let message = `${vendor.name} rejected the request (HTTP ${status}${tries}): ${reason}.`;
	if (status >= 500 && status !== 503) {
		message = `${vendor.name} answered with a server error (HTTP ${status}${tries}): ${reason}.`;
	}
	if (status === 429) {
		const wait = retryAfterSeconds(answer.headers['retry-after']);
		const asks = wait !== undefined ? `; it asks to wait ${wait} seconds` : '';
		message = `${vendor.name} is rate limiting requests (HTTP 429${tries})${asks}: ${reason}.`;
	}
	return vendorError(ctx.getNode(), request.itemIndex, withDelivery(message, delivery), {
		httpCode: status,
		body,
		description: vendor.statusHint?.(status, { vendorAnswered, credentialType, target: request.target }),
		delivery,
	});
}

/**
 * A 3xx: the node does not follow redirects, so the credential never goes to
 * another address. The sentence names where the vendor points (origin only:
 * a path or query may carry tokens) and what to put in the Base URL. Nothing
 * was handled, so nothing was delivered.
 */
function redirectError(ctx: RequestContext, { vendor, baseUrl }: Connection, request: VendorRequest, answer: Answer) {
	const here = displayOrigin(baseUrl);
	const location = Array.isArray(answer.headers.location) ? answer.headers.location[0] : answer.headers.location;
	let target: URL | undefined;
	try {
		target = typeof location === 'string' ? new URL(location, `${baseUrl}${request.path}`) : undefined;
	} catch {
		target = undefined;
	}
	let advice = 'Check the Base URL in the credential.';
	if (target) {
		const sameHost = target.host === new URL(baseUrl).host;
		advice =
			sameHost && target.protocol !== new URL(baseUrl).protocol
				? `Change the Base URL in the credential to start with ${target.protocol}// instead.`
				: `If ${target.origin} is where your ${vendor.name} API lives, put that address in the credential's Base URL.`;
	}
	const where = target ? `to ${target.origin}` : 'elsewhere';
	return vendorError(
		ctx.getNode(),
		request.itemIndex,
		`${vendor.name} at ${here} redirected the request ${where} (HTTP ${answer.statusCode}). The node does not follow redirects, so your credential is never sent to another address; nothing was sent. ${advice}`,
		{ httpCode: answer.statusCode, delivery: 'notDelivered' },
	);
}

/** A request that got no whole HTTP answer, as one sentence; a send also says whether it may have arrived. */
export function networkErrorMessage(
	{ vendor, baseUrl }: Connection,
	code: string | undefined,
	request: VendorRequest,
): { message: string; delivery: Delivery } {
	const where = displayOrigin(baseUrl);
	const unsure = (sentence: string) => {
		const delivery: Delivery = isSend(request) ? 'mayHaveBeenDelivered' : 'notDelivered';
		return { message: withDelivery(sentence, delivery), delivery };
	};
	const notSent = (message: string) => ({ message, delivery: 'notDelivered' as const });
	switch (code) {
		case 'ECONNREFUSED':
			return notSent(`Could not connect to ${vendor.name} at ${where}: the connection was refused. Check the Base URL in the credential.`);
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return notSent(`Could not find the host of ${where}. Check the Base URL in the credential.`);
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return notSent(`Could not reach ${vendor.name} at ${where}: the network is unreachable.`);
		case 'ECONNRESET':
			return unsure(`${vendor.name} at ${where} closed the connection without answering.`);
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ESOCKETTIMEDOUT':
			return unsure(`${vendor.name} at ${where} did not answer in time.`);
		case 'ETOOLARGE':
			return unsure(
				`${vendor.name} at ${where} sent an answer to ${request.method} ${request.path} larger than ${DEFAULTS.maxResponseMegabytes} MB, so the node stopped reading it. Check the Base URL in the credential, or ask for less (Limit, filters).`,
			);
		default:
			return isSend(request)
				? unsure(`The connection to ${vendor.name} at ${where} failed before an answer came (${code ?? 'no answer'}).`)
				: notSent(`The connection to ${vendor.name} at ${where} failed (${code ?? 'no answer'}).`);
	}
}

/** A 2xx answer that is not what the operation expects (`what`: "without a list of chat messages"). */
export function unexpectedAnswer(
	ctx: RequestContext,
	{ vendor }: Connection,
	itemIndex: number,
	what: string,
	body: unknown,
	delivery: Delivery = 'notDelivered',
) {
	return vendorError(
		ctx.getNode(),
		itemIndex,
		withDelivery(`${vendor.name} answered ${what}. Check that the Base URL in the credential points at the ${vendor.apiName}.`, delivery),
		{ body, delivery },
	);
}

export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The answer as one record that carries `idField`, or a readable error naming
 * `noun`. After a send (`sent`), a 2xx of the wrong shape may still mean the
 * vendor stored the message, and the error says so.
 */
export function expectRecord(
	ctx: RequestContext,
	connection: Connection,
	itemIndex: number,
	answer: unknown,
	{ idField, noun, sent = false }: { idField: string; noun: string; sent?: boolean },
): IDataObject {
	if (isRecord(answer) && answer[idField] !== undefined) return answer;
	throw unexpectedAnswer(ctx, connection, itemIndex, `without ${noun}`, answer, sent ? 'mayHaveBeenDelivered' : 'notDelivered');
}

/** The answer as a list of records, or a readable error naming `noun`. */
export function expectList(ctx: RequestContext, connection: Connection, itemIndex: number, answer: unknown, noun: string): IDataObject[] {
	if (Array.isArray(answer)) return answer.filter(isRecord);
	throw unexpectedAnswer(ctx, connection, itemIndex, `without ${noun}`, answer);
}

function stripFinalStop(text: string): string {
	return text.trim().replace(/[.\s]+$/, '');
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
