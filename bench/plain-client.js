// The benchmark's yardsticks: a plain Node.js client with a keep-alive agent
// sending the same N messages, `concurrency` at a time, in a process of its
// own (as n8n is). A 429 is waited out (its Retry-After) and sent again, the
// least a client must do to deliver everything under a rate limit.
//
// Usage: node bench/plain-client.js <url> <token> <items> <concurrency> [how]
//   how: keep (default)   Node's http with a keep-alive agent
//        close            Node's http, a new connection per request (as n8n's request helper)
//        n8n:<folder>     n8n's own HTTP client, @n8n/backend-network in <folder> (the
//                         function n8n's request helper hands every node's request to), in a
//                         bare loop: the most any node can get out of n8n's request helper
// Prints one JSON line: { ms, delivered, failed, rateLimited }.
'use strict';

const http = require('node:http');
const path = require('node:path');

const { textOf } = require('./n8n-workflows');

const [url, token, itemsArg, concurrencyArg, how = 'keep'] = process.argv.slice(2);
const items = Number(itemsArg);
const concurrency = Number(concurrencyArg);
const agent = new http.Agent({ keepAlive: how !== 'close', maxSockets: concurrency });

function postWithNode(body) {
	return new Promise((resolve, reject) => {
		const payload = JSON.stringify(body);
		const req = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, retryAfter: Number(res.headers['retry-after']), body: Buffer.concat(chunks).toString() }));
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** The same request through n8n's HTTP client, with the options n8n's request helper gets from a node. */
function n8nPost() {
	const folder = how.slice('n8n:'.length);
	const { httpRequest } = require(path.join(folder, 'dist', 'http', 'axios', 'request.js'));
	return async (body) => {
		const answer = await httpRequest({
			method: 'POST',
			url,
			headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
			body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: 60_000,
		});
		return { status: answer.statusCode, retryAfter: Number(answer.headers['retry-after']), body: JSON.stringify(answer.body) };
	};
}

const post = how.startsWith('n8n:') ? n8nPost() : postWithNode;

(async () => {
	let next = 0;
	let delivered = 0;
	let failed = 0;
	let rateLimited = 0;
	const started = process.hrtime.bigint();
	const worker = async () => {
		while (next < items) {
			const i = next++;
			const body = { clientId: 'crm-42', login: 'agent.anna', channelType: 'WHATSAPP', status: 'READY', text: textOf(i) };
			for (;;) {
				const answer = await post(body);
				if (answer.status === 429) {
					rateLimited++;
					await new Promise((resolve) => setTimeout(resolve, (answer.retryAfter || 1) * 1000));
					continue;
				}
				JSON.parse(answer.body);
				if (answer.status === 200) delivered++;
				else failed++;
				break;
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	console.log(JSON.stringify({ ms, delivered, failed, rateLimited }));
	agent.destroy();
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
