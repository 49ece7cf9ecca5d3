// A running `n8n start` as the parts of the end-to-end check talk to it: the
// owner account, a session cookie, and n8n's internal REST API (the calls the
// editor makes). Shared by the OAuth2 sign-in, the registry install and any
// other part that needs a logged-in editor session.
'use strict';

const fs = require('node:fs');

const { MINUTE } = require('./config');
const { start, freePort, waitFor } = require('./processes');

const OWNER = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Owner-Pass-1' };

/** Polls /healthz/readiness; a server that does not get there in time fails with the end of its log. */
async function waitUntilReady(base, server, timeoutMs = 3 * MINUTE) {
	await waitFor(`n8n start answering ${base}/healthz/readiness`, async () => (await fetch(`${base}/healthz/readiness`)).ok, timeoutMs, server);
}

/** One call to n8n's internal REST API with the owner's session cookie; returns the JSON `data` and any new cookie. */
async function rest(base, method, url, body, cookie) {
	const response = await fetch(`${base}${url}`, {
		method,
		headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
	const parsed = text ? JSON.parse(text) : {};
	return { data: parsed.data ?? parsed, cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

/**
 * Starts `n8n start` on 127.0.0.1 with a free port, on the folder and key of
 * `cli` (an n8nCli), and waits until it is ready. Returns { server, base };
 * the caller stops the server (server.stop()) on every way out. With
 * `logFile`, n8n's output is written there when it stops (or fails to start);
 * with `port`, n8n listens there (an n8n restarted on the same address).
 */
async function startN8n({ cli, nodeBin, n8nBin, cwd, env = {}, logFile, port: wantedPort }) {
	// A restart passes the port it had, so the webhook URLs stay the same.
	const port = wantedPort ?? (await freePort());
	const base = `http://127.0.0.1:${port}`;
	const server = start(nodeBin, [n8nBin, 'start'], {
		cwd,
		env: {
			...cli.env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_EDITOR_BASE_URL: base,
			WEBHOOK_URL: `${base}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...env,
		},
	});
	const stop = server.stop;
	server.stop = async () => {
		await stop();
		if (logFile) fs.writeFileSync(logFile, server.output());
	};
	try {
		await waitUntilReady(base, server);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return { server, base };
}

/**
 * The owner's session cookie: sets the owner up on a fresh n8n (as its first
 * screen asks) or logs the owner in when an earlier part already did, since
 * several parts start n8n on the same user folder.
 */
async function ownerSession(base) {
	const { data: settings } = await rest(base, 'GET', '/rest/settings');
	if (settings.userManagement?.showSetupOnFirstLoad) {
		const { cookie } = await rest(base, 'POST', '/rest/owner/setup', OWNER);
		return cookie;
	}
	const { cookie } = await rest(base, 'POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	return cookie;
}

module.exports = { OWNER, waitUntilReady, rest, startN8n, ownerSession };
