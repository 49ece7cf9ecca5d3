// The loopback HTTP server the n8n stand-ins serve on (triggers.js, waiting.js):
// a free port on 127.0.0.1, and a close() that does not wait for kept-alive
// connections.
'use strict';

const http = require('node:http');

class LoopbackServer {
	constructor(handler) {
		this.server = http.createServer(handler);
		this.sockets = new Set();
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	/** Listens on a free loopback port; resolves with its base URL. */
	async listen() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${this.server.address().port}`;
	}

	async close() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}
}

module.exports = { LoopbackServer };
