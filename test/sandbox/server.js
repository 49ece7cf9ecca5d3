// The vendor sandbox: one loopback HTTP server that speaks the edna Chat
// Center, EvoVoice and SuperOffice APIs as their docs describe them (see
// docs/sandbox.md). Each vendor lives under its own path prefix, so a node's
// Base URL is `${sandbox.url}/edna` and so on. It checks what the real vendor
// checks, keeps a ledger of every message it accepted, and can be told to
// misbehave (429, 5xx, slow answers, dropped connections, HTML error pages).
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const nodePath = require('node:path');
const { Faults, answerBefore, answerAfter, sleep } = require('./faults');

/**
 * Every vendor module in vendors/, in file-name order: adding a vendor is
 * adding a file. A module there that exports no `prefix` is not a vendor (a
 * helper shared by vendor modules) and is skipped.
 */
const VENDORS_DIR = nodePath.join(__dirname, 'vendors');
const VENDORS = fs
	.readdirSync(VENDORS_DIR)
	.filter((file) => file.endsWith('.js'))
	.sort()
	.map((file) => require(nodePath.join(VENDORS_DIR, file)))
	.filter((v) => v && v.prefix);

class Sandbox {
	constructor() {
		this.server = http.createServer((req, res) => this.onRequest(req, res));
		this.sockets = new Set();
		/** Requests being answered right now (see idle()). */
		this.inFlight = new Set();
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.vendors = VENDORS;
		/** Added before every vendor answer, to model a real vendor's response time (benchmarks). */
		this.latencyMs = 0;
		/**
		 * `{ perSecond }`: the vendor's rate limit (rate-limit mode). At most
		 * `perSecond` requests are let through in any 1,000 ms; any more is
		 * answered 429 with a Retry-After (whole seconds, as HTTP has it) before
		 * the vendor sees it, as an API gateway does. Counted in `rateLimited`.
		 */
		this.rateLimit = undefined;
		this.reset();
	}

	/** Starts listening on a free loopback port (or the given one). */
	async start(port = 0) {
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', resolve);
		});
		const address = this.server.address();
		this.url = `http://127.0.0.1:${address.port}`;
		return this;
	}

	async close() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}

	/** Forgets every message, request and fault; vendor data goes back to its seed. */
	reset() {
		/** Every message a vendor accepted, in order. */
		this.ledger = [];
		/** Every request that reached the server: method, path, vendor, auth scheme, answer. */
		this.requests = [];
		this.faults = new Faults();
		/** Requests refused by the rate limit (see rateLimit). */
		this.rateLimited = 0;
		/** The most requests answered at the same time since the reset: how many a node had in flight. */
		this.peakInFlight = 0;
		this.passed = [];
		/** Called after each vendor answer (see afterAnswer). */
		this.answerListeners = [];
		this.state = {};
		for (const vendor of this.vendors) this.state[vendor.name] = vendor.createState();
	}

	/** Base URL for a vendor, as a user would put it in the credential. */
	baseUrl(vendorName) {
		const vendor = this.vendors.find((v) => v.name === vendorName);
		if (!vendor) throw new Error(`No sandbox vendor named ${vendorName}`);
		return `${this.url}${vendor.baseUrlPath || vendor.prefix}`;
	}

	/**
	 * What an n8n admin would overwrite in credentials to point them at the
	 * sandbox (n8n's CREDENTIALS_OVERWRITE_DATA), by credential type: the
	 * OAuth2 sign-in URLs.
	 */
	credentialOverwrites() {
		return Object.assign({}, ...this.vendors.map((vendor) => vendor.credentialOverwrites?.(this.url) ?? {}));
	}

	/** Credentials the sandbox accepts for each vendor and scheme. */
	credentials() {
		const out = {};
		for (const vendor of this.vendors) out[vendor.name] = vendor.credentials(this.baseUrl(vendor.name));
		return out;
	}

	/** Messages a vendor accepted (optionally only those of one operation). */
	received(vendorName, operation) {
		return this.ledger.filter((m) => m.vendor === vendorName && (!operation || m.operation === operation));
	}

	/**
	 * Queues a fault for the next `times` matching requests (the kinds are
	 * listed in faults.js) and returns it: setting its `times` to 0 ends it.
	 */
	misbehave(fault) {
		return this.faults.add(fault);
	}

	/**
	 * Calls `listener(request, answer, sandbox)` after the vendor answered a
	 * request — to play something that happens meanwhile, such as a customer
	 * writing while a trigger pages through the messages. Forgotten on reset.
	 */
	afterAnswer(listener) {
		this.answerListeners.push(listener);
	}

	/**
	 * Resolves once no request is being answered — for a test that has its
	 * result while the sandbox still works on a slow request and must see how
	 * that request ends before counting what arrived.
	 */
	async idle() {
		while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
	}

	onRequest(req, res) {
		const answering = this.respond(req, res);
		this.inFlight.add(answering);
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight.size);
		answering.finally(() => this.inFlight.delete(answering));
	}

	async respond(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const raw = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url, 'http://sandbox');
		const vendor = this.vendors.find((v) => url.pathname === v.prefix || url.pathname.startsWith(`${v.prefix}/`));
		const path = vendor ? url.pathname.slice(vendor.prefix.length) || '/' : url.pathname;
		const log = {
			vendor: vendor ? vendor.name : null,
			method: req.method,
			path,
			query: Object.fromEntries(url.searchParams),
			auth: authScheme(req.headers.authorization),
			status: 0,
			/** How many other requests the sandbox was answering when this one arrived. */
			alongside: this.inFlight.size - 1,
			/** The request body as it came (a small one), to tell a resend from the request it repeats. */
			raw: raw.length <= 64 * 1024 ? raw : undefined,
		};
		this.requests.push(log);

		const send = (status, body, headers = {}) => {
			log.status = status;
			if (res.destroyed) return;
			const isText = typeof body === 'string';
			const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
			res.writeHead(status, {
				'Content-Type': isText ? headers['Content-Type'] || 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
				...headers,
			});
			res.end(payload);
		};

		if (!vendor) {
			return send(404, '<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>', {
				'Content-Type': 'text/html',
			});
		}

		const retryAfter = this.overRateLimit();
		if (retryAfter !== undefined) {
			this.rateLimited++;
			return send(429, vendor.errorBody(429, path), { 'Retry-After': String(retryAfter) });
		}

		const fault = this.faults.take(vendor.name, req.method, path);
		const faulty = { req, res, log, send, errorBody: (status) => vendor.errorBody(status, path) };
		if (fault) {
			log.fault = true;
			if (await answerBefore(fault, faulty)) return;
		}

		let body;
		if (raw.length && /application\/x-www-form-urlencoded/i.test(req.headers['content-type'] || '')) {
			// OAuth2 token endpoints take form bodies (SuperID, see vendors/superid.js).
			body = Object.fromEntries(new URLSearchParams(raw));
		} else if (raw.length) {
			try {
				body = JSON.parse(raw);
			} catch {
				return send(400, vendor.errorBody(400, path, 'Request body is not valid JSON'));
			}
		}
		if (this.latencyMs) await sleep(this.latencyMs);
		const request = { method: req.method, path, query: url.searchParams, headers: req.headers, body };
		const accepted = [];
		// A vendor may answer asynchronously (SuperOffice tests a webhook's URL before it registers it).
		const answer = await vendor.handle(request, this.state[vendor.name], {
			accept: (operation, message) => {
				const entry = { vendor: vendor.name, operation, ...message, at: new Date().toISOString() };
				this.ledger.push(entry);
				accepted.push(entry);
				return entry;
			},
		});
		// What the vendor answered for an accepted message, so a test can check
		// that a node's output is that answer whatever the vendor.
		for (const entry of accepted) entry.answer = answer.body;
		for (const listener of this.answerListeners) listener(request, answer, this);
		if (fault && answerAfter(fault, faulty)) return;
		send(answer.status, answer.body, answer.headers);
	}

	/**
	 * In rate-limit mode, whether this request is one too many: the seconds to
	 * wait (until the oldest request of the last 1,000 ms leaves the window,
	 * rounded up) if it is, undefined if it may pass.
	 */
	overRateLimit() {
		if (!this.rateLimit) return undefined;
		const now = Date.now();
		while (this.passed.length && this.passed[0] <= now - 1000) this.passed.shift();
		if (this.passed.length < this.rateLimit.perSecond) {
			this.passed.push(now);
			return undefined;
		}
		return Math.max(1, Math.ceil((this.passed[0] + 1000 - now) / 1000));
	}
}

function authScheme(header) {
	if (!header) return null;
	return String(header).split(' ')[0];
}

async function startSandbox(port) {
	return await new Sandbox().start(port);
}

module.exports = { Sandbox, startSandbox, VENDORS };
