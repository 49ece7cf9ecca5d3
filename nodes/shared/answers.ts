import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { displayOrigin } from './baseUrl';
import { vendorError } from './errors';
import type { VendorRequest } from './transport';
import type { Connection } from './vendor';

/** What every error says when the message may have reached the customer. */
const MAY_HAVE_BEEN_DELIVERED =
	'The message may have been delivered, so it was not sent again; check the conversation before re-running this item.';

/** A 2xx answer: JSON (or empty) is passed on; anything else means the Base URL reached something else. */
export function checkJsonBody<T>(
	ctx: IExecuteFunctions,
	{ vendor, baseUrl }: Connection,
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
		`${vendor.name} answered ${request.method} ${request.path} at ${displayOrigin(baseUrl)} with a non-JSON page (HTTP ${response.statusCode}). Check that the Base URL in the credential points at the ${vendor.name} API.`,
		{ httpCode: response.statusCode, body: String(body).slice(0, 300) },
	);
}

/** A non-2xx answer as one sentence: the vendor's own message, the status, and a hint where the fix is the user's. */
export function httpError(
	ctx: IExecuteFunctions,
	{ vendor, credentialType }: Connection,
	request: VendorRequest,
	response: IN8nHttpFullResponse,
	attempts: number,
) {
	const status = response.statusCode;
	const body = response.body;
	let vendorMessage = vendor.errorMessage(body, status);
	const vendorAnswered = vendorMessage !== undefined;
	if (!vendorMessage && typeof body === 'string' && /^\s*<(!doctype|html|head|body)/i.test(body)) {
		vendorMessage = `an HTML page instead of an API answer — check that the Base URL points at the ${vendor.name} API`;
	}
	const reason = stripFinalStop(vendorMessage ?? (response.statusMessage || 'no error message'));
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	let message = `${vendor.name} rejected the request (HTTP ${status}${tries}): ${reason}.`;
	if (status === 429) {
		const wait = retryAfterSeconds(response.headers?.['retry-after']);
		const asks = wait !== undefined ? `; it asks to wait ${wait} seconds` : '';
		message = `${vendor.name} is rate limiting requests (HTTP 429${tries})${asks}: ${reason}.`;
	}
	return vendorError(ctx.getNode(), request.itemIndex, message, {
		httpCode: status,
		body,
		description: vendor.statusHint?.(status, { vendorAnswered, credentialType, target: request.target }),
	});
}

/** A request that got no HTTP answer, as one sentence; a send also says whether it may have arrived. */
export function networkErrorMessage({ vendor, baseUrl }: Connection, code: string | undefined, idempotent: boolean): string {
	const where = displayOrigin(baseUrl);
	const unsure = (sentence: string) => (idempotent ? sentence : `${sentence} ${MAY_HAVE_BEEN_DELIVERED}`);
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
			return unsure(`${vendor.name} at ${where} closed the connection without answering.`);
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'ESOCKETTIMEDOUT':
			return unsure(`${vendor.name} at ${where} did not answer in time.`);
		default:
			return idempotent
				? `The connection to ${vendor.name} at ${where} failed (${code ?? 'no answer'}).`
				: unsure(`The connection to ${vendor.name} at ${where} failed before an answer came (${code ?? 'no answer'}).`);
	}
}

/** A 2xx answer that is not what the operation expects (`what`: "without a list of chat messages"). */
export function unexpectedAnswer(ctx: IExecuteFunctions, { vendor }: Connection, itemIndex: number, what: string, body: unknown) {
	return vendorError(
		ctx.getNode(),
		itemIndex,
		`${vendor.name} answered ${what}. Check that the Base URL in the credential points at the ${vendor.apiName}.`,
		{ body },
	);
}

export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer as one record that carries `idField`, or a readable error naming `noun`. */
export function expectRecord(
	ctx: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	answer: unknown,
	{ idField, noun }: { idField: string; noun: string },
): IDataObject {
	if (isRecord(answer) && answer[idField] !== undefined) return answer;
	throw unexpectedAnswer(ctx, connection, itemIndex, `without ${noun}`, answer);
}

/** The answer as a list of records, or a readable error naming `noun`. */
export function expectList(
	ctx: IExecuteFunctions,
	connection: Connection,
	itemIndex: number,
	answer: unknown,
	noun: string,
): IDataObject[] {
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
