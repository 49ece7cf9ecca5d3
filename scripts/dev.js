#!/usr/bin/env node
// `npm run dev`: the package in a real n8n editor (the n8n 2.41.1 of the e2e
// cache) on http://127.0.0.1:5678, against the loopback vendor sandbox, ready
// to use: an owner account, one credential of every type of the package
// (sandbox accounts; SuperOffice OAuth2 already connected, and "Connect"
// signs in again through the sandbox's SuperID), and the example workflows.
// Open one, press "Execute workflow", and the sandbox prints what it received.
//
// The package is installed the way n8n's community-package installer does
// (the tarball `npm pack` makes), so what you see is what users get.
//
// Usage: npm run dev [-- --fresh] [--port <n>] [--sandbox-port <n>] [--folder <dir>]
//   --fresh          start from an empty n8n user folder (saved workflows, executions and settings go)
//   --port n         the editor's port (default 5678)
//   --sandbox-port n the vendor sandbox's port (default: a free one)
//   --folder dir     the n8n user folder (default <e2e cache>/dev, kept between runs)
// Ctrl+C stops n8n and the sandbox.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT, CACHE_ROOT, N8N_VERSION } = require('./e2e/config');
const { start, freePort, killAll } = require('./e2e/processes');
const n8nInstall = require('./e2e/n8n-install');
const { pack, installPackage } = require('./e2e/package-install');
const { n8nCli } = require('./e2e/n8n-cli');
const { credentialIdsFor, prepareWorkflow } = require('./e2e/workflows');
const { OWNER, waitUntilReady, ownerSession } = require('./e2e/n8n-server');
const { step } = require('./e2e/report');
const { importSandboxCredentials } = require('./e2e/sandbox-credentials');

const USAGE = 'npm run dev [-- --fresh] [--port <n>] [--sandbox-port <n>] [--folder <dir>]';

function parseArgs(argv) {
	const out = {
		fresh: false,
		port: 5678,
		sandboxPort: 0,
		folder: path.join(CACHE_ROOT, 'dev'),
	};
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--fresh') out.fresh = true;
		else if (argv[i] === '--port') out.port = Number(argv[++i]);
		else if (argv[i] === '--sandbox-port') out.sandboxPort = Number(argv[++i]);
		else if (argv[i] === '--folder') out.folder = path.resolve(argv[++i]);
		else {
			console.error(`Unknown argument ${argv[i]}. Usage: ${USAGE}`);
			process.exit(2);
		}
	}
	if (!Number.isInteger(out.port) || !Number.isInteger(out.sandboxPort)) {
		console.error(`Ports must be whole numbers. Usage: ${USAGE}`);
		process.exit(2);
	}
	return out;
}

const args = parseArgs(process.argv.slice(2));
const userFolder = args.folder;
let tempDir;
let sandbox;
let server;

function cleanUp() {
	killAll();
	n8nInstall.cleanUp();
	if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
}
process.on('exit', cleanUp);

async function stopAll(code) {
	if (server) await server.stop().catch(() => undefined);
	if (sandbox) await sandbox.close().catch(() => undefined);
	process.exit(code);
}

/** The folder's own encryption key, made once: the credentials stored in it stay readable in the next run. */
function encryptionKey() {
	const file = path.join(userFolder, 'encryption-key');
	if (!fs.existsSync(file))
		fs.writeFileSync(file, crypto.randomBytes(24).toString('hex'), {
			mode: 0o600,
		});
	return fs.readFileSync(file, 'utf8').trim();
}

async function portIsFree(port) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** One line per message the sandbox accepts, so the person sees each send arrive. */
function printArrivals() {
	let seen = 0;
	setInterval(() => {
		for (const entry of sandbox.ledger.slice(seen)) {
			const text = entry.text ?? entry.message ?? entry.body?.text;
			console.log(`  sandbox received: ${entry.vendor} ${entry.operation}${typeof text === 'string' ? ` "${text.slice(0, 60)}"` : ''}`);
		}
		seen = sandbox.ledger.length;
	}, 500).unref();
}

async function main() {
	if (!(await portIsFree(args.port))) {
		throw new Error(`Port ${args.port} on 127.0.0.1 is taken (another n8n?). Stop it, or pick another: npm run dev -- --port 5690`);
	}
	if (args.fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	const firstRun = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	fs.mkdirSync(userFolder, { recursive: true });
	tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-dev-'));

	const { tarball } = await step('npm pack', () => pack(tempDir));
	const { dir: n8nDir } = await step(`n8n ${N8N_VERSION} (cached install; the first one takes minutes)`, n8nInstall.ensureN8n);
	const { nodeBin, n8nBin } = n8nInstall.binaries(n8nDir);
	// The previous run's copy goes first, so files deleted from the package go too.
	fs.rmSync(path.join(userFolder, '.n8n', 'nodes'), {
		recursive: true,
		force: true,
	});
	await step('install the tarball as a community package', () => installPackage(tarball, userFolder, nodeBin));

	const { startSandbox } = require(path.join(ROOT, 'test', 'sandbox', 'server.js'));
	sandbox = await step('start the vendor sandbox', async () => {
		const started = await startSandbox(args.sandboxPort);
		return Object.assign(started, { note: started.url });
	});

	const cli = n8nCli({
		nodeBin,
		n8nBin,
		userFolder,
		cwd: tempDir,
		brokerPort: await freePort(),
		extraEnv: {
			N8N_ENCRYPTION_KEY: encryptionKey(),
			N8N_LOG_LEVEL: 'info',
			// "Connect" on the SuperOffice OAuth2 credential signs in at the sandbox's SuperID.
			CREDENTIALS_OVERWRITE_DATA: JSON.stringify(sandbox.credentialOverwrites()),
		},
	});
	// Every run: the sandbox's address changes, so the credentials are
	// imported again under the same ids (workflows keep pointing at them).
	const credentialsByType = Object.assign({}, ...Object.values(sandbox.credentials()));
	const credentialIds = credentialIdsFor(Object.keys(credentialsByType));
	await step('n8n import:credentials (one per type, sandbox accounts)', () =>
		importSandboxCredentials({ cli, credentialsByType, credentialIds }),
	);
	// Only into a new folder: a later run must not overwrite what the person changed.
	if (firstRun) {
		await step('n8n import:workflow (the examples)', async () => {
			const dir = path.join(ROOT, 'examples');
			const files = fs
				.readdirSync(dir)
				.filter((f) => f.endsWith('.workflow.json'))
				.sort();
			const workflows = files.map((f) => prepareWorkflow(f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), credentialIds).workflow);
			await cli.importList('workflow', workflows);
			return { note: `${workflows.length} workflows` };
		});
	}

	const base = `http://127.0.0.1:${args.port}`;
	const logFile = path.join(userFolder, 'n8n.log');
	const log = fs.createWriteStream(logFile);
	await step(`n8n start on ${base}`, async () => {
		server = start(nodeBin, [n8nBin, 'start'], {
			cwd: tempDir,
			env: {
				...cli.env,
				N8N_PORT: String(args.port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_EDITOR_BASE_URL: base,
				WEBHOOK_URL: `${base}/`,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			},
		});
		server.child.stdout.pipe(log);
		server.child.stderr.pipe(log);
		server.child.on('exit', (code, signal) => {
			if (!stopping) {
				console.error(`\nn8n stopped by itself (${code ?? signal}); its log: ${logFile}`);
				stopAll(1);
			}
		});
		await waitUntilReady(base, server);
		await ownerSession(base);
	});

	console.log(`
n8n ${N8N_VERSION} editor with ${require(path.join(ROOT, 'package.json')).name}: ${base}
  sign in:      ${OWNER.email} / ${OWNER.password}
  credentials:  one per type, named "<type> (sandbox)", all pointed at the sandbox ${sandbox.url}
  try:          Overview → "edna send to client" (or any example) → Execute workflow
  user folder:  ${userFolder} (kept between runs; --fresh starts empty)
  n8n's log:    ${logFile}
Press Ctrl+C to stop.
`);
	printArrivals();
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox …');
		stopAll(0);
	});
}

main().catch(async (error) => {
	console.error(`\nnpm run dev failed: ${error instanceof Error ? error.message : String(error)}`);
	stopping = true;
	await stopAll(1);
});
