import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IHttpRequestOptions } from 'n8n-workflow';

import { whenSigned } from '../../credentials/signing';
import type { RequestContext } from './context';
import { DEFAULTS } from './options';

/** A response body as n8n's request helper hands it over with `encoding: 'stream'`. */
export interface BodyStream {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy(error?: Error): unknown;
}

/** What n8n's request helpers return with `encoding: 'stream'` and `returnFullResponse`. */
export interface StreamedResponse {
	body: BodyStream;
	headers: Record<string, unknown>;
	statusCode: number;
	statusMessage?: string;
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
 * `notSent`: the deadline passed before the request was signed, so it never
 * went out (a login before it did not end).
 */
export class ExchangeError extends Error {
	constructor(
		readonly code: 'ETIMEDOUT' | 'ETOOLARGE',
		message: string,
		readonly notSent = false,
	) {
		super(message);
	}
}

/** The bounds of one exchange: its deadline and the largest answer read. */
export interface Limits {
	timeoutMs: number;
	maxBytes: number;
}

/** The bounds of every request the package sends: `timeoutMs`, and answers up to DEFAULTS.maxResponseMegabytes. */
export function limitsWithin(timeoutMs: number): Limits {
	return { timeoutMs, maxBytes: DEFAULTS.maxResponseMegabytes * 1024 * 1024 };
}

/**
 * A deadline that can be moved once: `expired` rejects when it passes.
 * Built on AbortSignal.timeout, whose timer does not keep n8n's process
 * alive (and which community nodes may use, unlike setTimeout).
 */
class Deadline {
	readonly expired: Promise<never>;
	private fail: (error: Error) => void = () => undefined;
	private signal?: AbortSignal;
	private listener?: () => void;

	constructor(ms: number, error: () => Error) {
		this.expired = new Promise<never>((_resolve, reject) => (this.fail = reject));
		// The deadline may pass when nobody races it any more.
		this.expired.catch(() => undefined);
		this.set(ms, error);
	}

	set(ms: number, error: () => Error): void {
		this.clear();
		this.signal = AbortSignal.timeout(ms);
		this.listener = () => this.fail(error());
		this.signal.addEventListener('abort', this.listener, { once: true });
	}

	get passed(): boolean {
		return this.signal?.aborted === true;
	}

	clear(): void {
		if (this.signal && this.listener) this.signal.removeEventListener('abort', this.listener);
	}
}

/**
 * Reads a streamed response whole, within the deadline and at most `maxBytes`:
 * either limit destroys the stream, which closes the socket, and an answer
 * that comes after the deadline is closed as soon as it arrives.
 */
async function readWithin(sent: Promise<StreamedResponse>, deadline: Deadline, maxBytes: number): Promise<Answer> {
	let body: BodyStream | undefined;
	deadline.expired.catch((error: Error) => body?.destroy(error));
	sent.then(
		(late) => deadline.passed && late.body.destroy(),
		() => undefined,
	);
	try {
		const response = await Promise.race([sent, deadline.expired]);
		body = response.body;
		const text = await Promise.race([readText(body, response.headers, maxBytes), deadline.expired]);
		return {
			statusCode: response.statusCode,
			statusMessage: response.statusMessage,
			headers: response.headers,
			body: parseBody(text),
		};
	} finally {
		deadline.clear();
	}
}

/**
 * Sends a request through n8n's request helper (which applies the
 * credential) and reads the whole answer, bounded in time and size.
 *
 * n8n's helper does not bound either: its timeout is the socket's idle time,
 * so an answer that trickles in never times out, and it reads any body into
 * memory. So the body is taken as a stream and read here: within
 * `timeoutMs` for the whole exchange, and at most `maxBytes`.
 *
 * With `signed` (a credential that logs in: edna's Login and Password), the
 * credential reports when the request is signed (credentials/signing.ts):
 * `timeoutMs` then runs from the signing, not from the call, because a login
 * may come first, bounded by its own deadline.
 * Until the signing the exchange waits at most `signed.withinMs`; past that
 * the request never went out (ExchangeError.notSent). `signed.then` gets the
 * credential as the request was signed with it.
 */
export async function exchange(
	// Execution, trigger and load-options contexts alike: list searches (listSearch.ts) read through here too.
	ctx: RequestContext,
	credentials: ICredentialsDecrypted,
	options: IHttpRequestOptions,
	{ timeoutMs, maxBytes }: Limits,
	signed?: { withinMs: number; then?: (credentials: ICredentialDataDecryptedObject) => void },
): Promise<Answer> {
	const timedOut = () => new ExchangeError('ETIMEDOUT', `No whole answer within ${timeoutMs} ms`);
	const request: IHttpRequestOptions = { ...options, encoding: 'stream', returnFullResponse: true };
	let deadline: Deadline;
	if (signed) {
		deadline = new Deadline(signed.withinMs, () => new ExchangeError('ETIMEDOUT', `Not signed within ${signed.withinMs} ms`, true));
		whenSigned(request, (data) => {
			deadline.set(timeoutMs, timedOut);
			signed.then?.(data);
		});
	} else {
		deadline = new Deadline(timeoutMs, timedOut);
	}
	const sent = ctx.helpers.httpRequestWithAuthentication.call(ctx, credentials.type, request, {
		credentialsDecrypted: credentials,
	}) as Promise<StreamedResponse>;
	return await readWithin(sent, deadline, maxBytes);
}

/**
 * A request sent with a plain request helper (`httpRequest`, as a
 * credential's login gets it), bounded like exchange(): the deadline also
 * aborts the request itself, which the helper passes on to its HTTP client.
 */
export async function boundedRequest(
	httpRequest: (options: IHttpRequestOptions) => Promise<unknown>,
	options: IHttpRequestOptions,
	{ timeoutMs, maxBytes }: Limits,
): Promise<Answer> {
	const deadline = new Deadline(timeoutMs, () => new ExchangeError('ETIMEDOUT', `No whole answer within ${timeoutMs} ms`));
	const sent = httpRequest({
		...options,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		abortSignal: AbortSignal.timeout(timeoutMs),
	}) as Promise<StreamedResponse>;
	return await readWithin(sent, deadline, maxBytes);
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
