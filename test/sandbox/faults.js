// How the sandbox misbehaves on request (Sandbox#misbehave): the queue of
// faults, what each does before the vendor handles a request, and what it
// does after. Kept apart from server.js so that adding a kind of trouble does
// not touch how requests are routed.
'use strict';

/**
 * A fault is matched on `vendor`, `method` and `path` (string prefix or
 * RegExp, relative to the vendor's prefix), for its next `times` requests
 * (1 unless given; `times: Infinity` until the test sets `times = 0` on the
 * fault misbehave() returned: a vendor that fails until it recovers).
 * Effects: `status` (+ `headers`, `body`, `html`) answers instead of the
 * vendor; `drop: true` destroys the connection without an answer (nothing
 * accepted); `drop: 'after'` lets the vendor handle (and accept) the request,
 * then destroys the connection before the answer; `delayMs` waits before
 * answering — with `status` it delays the fault, without it the vendor still
 * handles (and may accept) the request, only late; `after: status` lets the
 * vendor handle (and accept) it, then answers `status` with the vendor's
 * error body; `redirect: url` (+ `status`, default 302) answers with a
 * redirect; `oversized: bytes` answers 200 with a JSON body that large;
 * `endless: true` answers 200 and then trickles a body forever. `every: n`
 * (+ `offset`) applies it to every n-th matching request only (see take()).
 */
class Faults {
	constructor() {
		this.queue = [];
	}

	/** Queues `fault`; returns the queued fault, whose `times` a test may change. */
	add(fault) {
		const queued = { times: 1, ...fault };
		this.queue.push(queued);
		return queued;
	}

	/** The fault for this request, if one is queued (used up once per request). */
	take(vendorName, method, path) {
		const matches = (f) =>
			f.times > 0 &&
			(!f.vendor || f.vendor === vendorName) &&
			(!f.method || f.method === method) &&
			(!f.path || (f.path instanceof RegExp ? f.path.test(path) : path.startsWith(f.path)));
		// A fault with `every: n` counts each request it matches, and hits the n-th, 2n-th, … (or, with
		// `offset: k`, the (k+1)-th of every n): a vendor whose refusals are scattered through a run.
		for (const f of this.queue) if (f.every && matches(f)) f.seen = (f.seen ?? 0) + 1;
		const index = this.queue.findIndex((f) => matches(f) && (!f.every || (f.seen - 1) % f.every === (f.offset ?? f.every - 1)));
		if (index === -1) return undefined;
		const fault = this.queue[index];
		fault.times -= 1;
		if (fault.times <= 0) this.queue.splice(index, 1);
		return fault;
	}
}

/**
 * What a fault does before the vendor sees the request. Returns true when it
 * answered (or hung up) in the vendor's place.
 */
async function answerBefore(fault, { req, res, log, send, errorBody }) {
	if (fault.delayMs) await sleep(fault.delayMs);
	if (fault.redirect) {
		log.status = fault.status ?? 302;
		res.writeHead(log.status, { Location: fault.redirect, 'Content-Type': 'text/html' });
		res.end(`<html><body>Moved to <a href="${fault.redirect}">${fault.redirect}</a></body></html>`);
		return true;
	}
	if (fault.oversized) return await writeOversized(res, log, fault.oversized);
	if (fault.endless) return await writeEndless(res, log);
	if (fault.drop === true) {
		log.status = 'dropped';
		req.socket.destroy();
		return true;
	}
	if (!fault.status) return false;
	if (fault.html) {
		send(
			fault.status,
			`<!DOCTYPE html><html><head><title>${fault.status}</title></head><body><h1>Gateway error ${fault.status}</h1></body></html>`,
			{ 'Content-Type': 'text/html', ...(fault.headers || {}) },
		);
	} else {
		send(fault.status, fault.body ?? errorBody(fault.status), fault.headers);
	}
	return true;
}

/** What a fault does after the vendor handled (and maybe accepted) the request. Returns true when it answered. */
function answerAfter(fault, { req, log, send, errorBody }) {
	if (fault.drop === 'after') {
		log.status = 'dropped';
		req.socket.destroy();
		return true;
	}
	if (fault.after) {
		// The vendor stored the message, then failed while answering.
		send(fault.after, errorBody(fault.after));
		return true;
	}
	return false;
}

/**
 * A 200 whose JSON body is `bytes` long, written as fast as the client reads
 * it. `log.written` counts what went out before the client stopped reading,
 * so a test can show the node did not take the whole answer in;
 * `log.closedByClient` says the client closed the connection before the end.
 */
async function writeOversized(res, log, bytes) {
	log.status = 200;
	log.written = 0;
	res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
	const chunk = Buffer.alloc(64 * 1024, 0x20);
	res.write('{"items":[');
	while (log.written < bytes && !res.destroyed) {
		if (!res.write(chunk)) {
			await new Promise((resolve) => {
				const done = () => {
					res.off('drain', done);
					res.off('close', done);
					resolve();
				};
				res.once('drain', done);
				res.once('close', done);
			});
		}
		log.written += chunk.length;
	}
	if (res.destroyed) log.closedByClient = true;
	else res.end(']}');
	return true;
}

/** A 200 whose body never ends: a space every 200 ms until the client goes away. */
async function writeEndless(res, log) {
	log.status = 200;
	res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
	res.write('{');
	while (!res.destroyed && !res.writableEnded) {
		await sleep(200);
		if (!res.destroyed) res.write(' ');
	}
	log.closedByClient = true;
	return true;
}

/** A delay that does not keep the process alive: a fault may still be waiting when its test is over. */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

module.exports = { Faults, answerBefore, answerAfter, sleep };
