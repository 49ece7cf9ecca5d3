// The benchmark's yardstick: a plain Node.js client with a keep-alive agent
// sending the same N messages, `concurrency` at a time, in a process of its
// own (as n8n is). A 429 is waited out (its Retry-After) and sent again, the
// least a client must do to deliver everything under a rate limit.
//
// Usage: node bench/plain-client.js <url> <token> <items> <concurrency>
// Prints one JSON line: { ms, delivered, failed, rateLimited }.
'use strict';

const http = require('node:http');

const { textOf } = require('./n8n-workflows');

const [url, token, itemsArg, concurrencyArg] = process.argv.slice(2);
const items = Number(itemsArg);
const concurrency = Number(concurrencyArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(body) {
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
