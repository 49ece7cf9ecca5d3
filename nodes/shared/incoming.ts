import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { INodeParameters, IWebhookFunctions, NodeParameterValue } from 'n8n-workflow';

/**
 * What every trigger shares on the incoming side: checking a secret or a
 * signature in constant time, the raw body a signature is computed over, and
 * reading the node's parameters cheaply. Which events already started a
 * workflow is ledger.ts's.
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

/**
 * A parameter of the trigger node as the user set it, read without n8n's
 * expression engine when it holds no expression (the common case): every
 * webhook call pays for each parameter it resolves, and a burst of events
 * makes that the trigger's main cost. An expression is resolved as usual.
 */
export function settledParameter(ctx: IWebhookFunctions, name: string, fallback: NodeParameterValue | INodeParameters | string[] | Record<string, never>): unknown {
	const value = ctx.getNode().parameters[name];
	if (value === undefined) return fallback;
	const isExpression = (v: unknown) => typeof v === 'string' && v.startsWith('=');
	if (isExpression(value) || (Array.isArray(value) && value.some(isExpression))) return ctx.getNodeParameter(name, fallback as NodeParameterValue);
	return value;
}

/** Answers the request with `status` and a short JSON message, and starts nothing. */
export function refuse(ctx: IWebhookFunctions, status: number, message: string): { noWebhookResponse: true } {
	const response = ctx.getResponseObject();
	response.status(status).json({ message });
	return { noWebhookResponse: true };
}
