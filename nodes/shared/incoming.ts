import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * What every trigger shares on the incoming side: checking a secret or a
 * signature in constant time, the raw body a signature is computed over, and
 * remembering which events already started a workflow.
 */

/**
 * Whether `given` is `expected`, in time that does not depend on where they
 * differ: both are hashed first, so their lengths do not show either.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
	if (given === undefined || expected === '') return false;
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/** Base64 HMAC-SHA256 of `body` with `secret` (SuperOffice's X-SuperOffice-Signature). */
export function hmacBase64(secret: string, body: Buffer): string {
	return createHmac('sha256', secret).update(body).digest('base64');
}

/** A random secret for a webhook the node registers itself. */
export function randomSecret(): string {
	return randomBytes(32).toString('base64url');
}

/**
 * The request body exactly as it arrived. A signature is computed over these
 * bytes: the parsed and re-serialised JSON would differ in whitespace.
 */
export async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer> {
	const request = ctx.getRequestObject();
	if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);
}

/** One header's value (the first, when a header came more than once). */
export function headerOf(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** How many event keys a trigger remembers: enough for a vendor's whole retry window. */
export const REMEMBERED_EVENTS = 1000;

/**
 * True the first time `key` is seen by this node, false for a redelivery.
 * The keys live in the node's static data, which n8n saves after every
 * webhook call, so a redelivery after a restart is still recognised.
 */
export function firstDelivery(staticData: IDataObject, key: string): boolean {
	const seen = seenEvents(staticData);
	if (seen.includes(key)) return false;
	seen.push(key);
	staticData.seenEvents = seen.slice(-REMEMBERED_EVENTS);
	return true;
}

function seenEvents(staticData: IDataObject): string[] {
	return Array.isArray(staticData.seenEvents) ? staticData.seenEvents.map(String) : [];
}

/** Whether `key` already started a workflow (without remembering it). */
export function delivered(staticData: IDataObject, key: string): boolean {
	return seenEvents(staticData).includes(key);
}

/** Answers the request with `status` and a short JSON message, and starts nothing. */
export function refuse(ctx: IWebhookFunctions, status: number, message: string): { noWebhookResponse: true } {
	const response = ctx.getResponseObject();
	response.status(status).json({ message });
	return { noWebhookResponse: true };
}
