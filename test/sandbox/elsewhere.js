// Another host: a loopback server that records every request it gets, with
// its headers, and answers 200 {"id": 1} as if it had stored a message. The
// hardening tests point a vendor's redirect at it to prove that no request —
// and above all no credential — ever reaches it.
'use strict';

const http = require('node:http');

async function startElsewhere() {
	const requests = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, headers: req.headers });
		req.resume();
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('{"id":1}');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		requests,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startElsewhere };
