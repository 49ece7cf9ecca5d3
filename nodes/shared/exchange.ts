import type { ICredentialsDecrypted, IHttpRequestOptions } from 'n8n-workflow';

import type { RequestContext } from './context';

/** A response body as n8n's request helper hands it over with `encoding: 'stream'`. */
export interface BodyStream {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy(error?: Error): unknown;
}

/** One whole HTTP exchange: status, headers and the body as text (JSON parsed where it is JSON). */
export interface Answer {
	statusCode: number;
	statusMessage?: string;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * Failures of the exchange itself, with Node-style codes so that they are
 * classified like the network errors they resemble: a deadline that passed
 * is a timeout (ETIMEDOUT), an answer over the size cap is ETOOLARGE.
 */
export class ExchangeError extends Error {
	constructor(
		readonly code: 'ETIMEDOUT' | 'ETOOLARGE',
		message: string,
	) {
		super(message);
	}
}

/**
 * Sends a request through n8n's request helper (which applies the
 * credential) and reads the whole answer, bounded in time and size.
 *
 * n8n's helper does not bound either: its timeout is the socket's idle time,
 * so an answer that trickles in never times out, and it reads any body into
 * memory. So the body is taken as a stream and read here: within
 * `timeoutMs` for the whole exchange, and at most `maxBytes`. Either limit
 * destroys the stream, which closes the socket; an answer that arrives after
 * the deadline is closed as soon as it arrives. The deadline uses
 * AbortSignal.timeout, whose timer does not keep n8n's process alive.
 */
export async function exchange(
	// Execution, trigger and load-options contexts alike: list searches (listSearch.ts) read through here too.
	ctx: RequestContext,
	credentials: ICredentialsDecrypted,
	options: IHttpRequestOptions,
	{ timeoutMs, maxBytes }: { timeoutMs: number; maxBytes: number },
): Promise<Answer> {
	const deadline = AbortSignal.timeout(timeoutMs);
	let body: BodyStream | undefined;
	let onDeadline: () => void = () => undefined;
	const expired = new Promise<never>((_resolve, reject) => {
		onDeadline = () => {
			const error = new ExchangeError('ETIMEDOUT', `No whole answer within ${timeoutMs} ms`);
			body?.destroy(error);
			reject(error);
		};
		deadline.addEventListener('abort', onDeadline, { once: true });
	});
	// The deadline may pass before any answer: a late answer is then closed on arrival.
	expired.catch(() => undefined);
	const sent = ctx.helpers.httpRequestWithAuthentication.call(
		ctx,
		credentials.type,
		{ ...options, encoding: 'stream', returnFullResponse: true },
		{ credentialsDecrypted: credentials },
	) as Promise<{ body: BodyStream; headers: Record<string, unknown>; statusCode: number; statusMessage?: string }>;
	sent.then(
		(late) => deadline.aborted && late.body.destroy(),
		() => undefined,
	);
	try {
		const response = await Promise.race([sent, expired]);
		body = response.body;
		const text = await Promise.race([readText(body, response.headers, maxBytes), expired]);
		return {
			statusCode: response.statusCode,
			statusMessage: response.statusMessage,
			headers: response.headers,
			body: parseBody(text),
		};
	} finally {
		deadline.removeEventListener('abort', onDeadline);
	}
}

/** A body read whole as text, at most `maxBytes` (ETOOLARGE past that, the stream destroyed). */
export async function readText(body: BodyStream, headers: Record<string, unknown>, maxBytes: number): Promise<string> {
	const tooLarge = (size: number) =>
		new ExchangeError('ETOOLARGE', `The answer is larger than ${maxBytes} bytes (${size} or more)`);
	const declared = Number(headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		body.destroy();
		throw tooLarge(declared);
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		size += buffer.length;
		if (size > maxBytes) {
			body.destroy();
			throw tooLarge(size);
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** JSON where the answer is JSON; otherwise the text itself, as n8n's helper gives it. */
export function parseBody(text: string): unknown {
	if (text.trim() === '') return '';
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
