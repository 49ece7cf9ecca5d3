// A local npm registry for the run, so the package is installed the way users
// get it — from a registry, by name — without publishing anything anywhere:
// verdaccio (from npm, pinned, installed into the e2e cache) on 127.0.0.1 with
// a free port, its storage, users and config in the run's temp folder, and no
// uplinks (the package has no runtime dependencies, so nothing else is asked
// for). The tarball is published with npm under a throw-away user whose token
// lives only in a temp npmrc: the user's own ~/.npmrc is never written.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { CACHE_ROOT, MINUTE } = require('./config');
const { start, mustRun, freePort, envWithPath, waitFor } = require('./processes');

const VERDACCIO_VERSION = '6.10.4';
const VERDACCIO_DIR = path.join(CACHE_ROOT, `verdaccio-${VERDACCIO_VERSION}`);
const READY_MARKER = '.e2e-ready';
const HOST_PACKAGE = {
	name: 'e2e-local-registry',
	private: true,
	dependencies: { verdaccio: VERDACCIO_VERSION },
	// verdaccio-audit (a default plugin, switched off in our config) asks for
	// node-fetch@cjs, a dist-tag the registry here does not carry; 2.7.0 is the
	// CommonJS line that tag names.
	overrides: { 'node-fetch': '2.7.0' },
};

function verdaccioEntry(dir) {
	return path.join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
}

/**
 * verdaccio in the e2e cache, installed once (about 10 s, 65 MB) into a side
 * folder and renamed into place when complete, so an interrupted install never
 * passes for a good one. Returns the path of its command.
 */
async function ensureVerdaccio(nodeBin) {
	if (fs.existsSync(path.join(VERDACCIO_DIR, READY_MARKER))) return verdaccioEntry(VERDACCIO_DIR);
	const work = `${VERDACCIO_DIR}.partial-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
	// A run stopped midway (Ctrl+C) must not leave a half install behind.
	const dropWork = () => fs.rmSync(work, { recursive: true, force: true });
	process.on('exit', dropWork);
	fs.mkdirSync(work, { recursive: true });
	try {
		fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify(HOST_PACKAGE, null, 2));
		await mustRun('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--package-lock=false'], {
			cwd: work,
			env: envWithPath(path.dirname(nodeBin)),
			label: `npm install verdaccio@${VERDACCIO_VERSION}`,
			timeoutMs: 5 * MINUTE,
		});
		if (!fs.existsSync(verdaccioEntry(work))) throw new Error(`npm installed verdaccio@${VERDACCIO_VERSION} without ${verdaccioEntry(work)}`);
		fs.writeFileSync(path.join(work, READY_MARKER), new Date().toISOString());
		// Another run may have finished the same install meanwhile; either copy is good.
		if (!fs.existsSync(path.join(VERDACCIO_DIR, READY_MARKER))) {
			fs.rmSync(VERDACCIO_DIR, { recursive: true, force: true });
			try {
				fs.renameSync(work, VERDACCIO_DIR);
			} catch (error) {
				if (!fs.existsSync(path.join(VERDACCIO_DIR, READY_MARKER))) throw error;
			}
		}
	} finally {
		dropWork();
		process.removeListener('exit', dropWork);
	}
	return verdaccioEntry(VERDACCIO_DIR);
}

/** verdaccio's config: everything in `dir`, no uplinks, anyone reads, a logged-in user publishes. */
function configYaml(dir) {
	return [
		`storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
		'auth:',
		'  htpasswd:',
		`    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
		'    max_users: 1',
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $authenticated',
		'    unpublish: $authenticated',
		'web:',
		'  enable: false',
		'middlewares:',
		'  audit:',
		'    enabled: false',
		'log: { type: stdout, format: json, level: warn }',
		'',
	].join('\n');
}

/**
 * Starts verdaccio in <tempDir>/registry and signs up a throw-away publisher.
 * Returns { url, npmrc, token, output(), stop() }: url ends in "/", npmrc is a
 * temp npm user config with the registry and the publisher's token.
 */
async function startRegistry({ nodeBin, tempDir }) {
	const entry = await ensureVerdaccio(nodeBin);
	const dir = path.join(tempDir, 'registry');
	fs.mkdirSync(dir, { recursive: true });
	const config = path.join(dir, 'config.yaml');
	fs.writeFileSync(config, configYaml(dir));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}/`;
	const server = start(nodeBin, [entry, '--config', config, '--listen', `127.0.0.1:${port}`], { cwd: dir, graceMs: 5000 });
	const stop = async () => {
		await server.stop();
		fs.writeFileSync(path.join(dir, 'verdaccio.log'), server.output());
	};
	try {
		await waitFor(`verdaccio answering ${url}-/ping`, async () => (await fetch(`${url}-/ping`)).ok, MINUTE, server);
		// npm adduser's request, without its prompts.
		const user = 'e2e-publisher';
		const response = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ name: user, password: crypto.randomBytes(18).toString('hex') }),
		});
		const answer = await response.json().catch(() => ({}));
		if (!response.ok || !answer.token) throw new Error(`verdaccio did not sign up the publisher (${response.status}): ${JSON.stringify(answer.error ?? answer)}`);
		const npmrc = path.join(dir, 'npmrc');
		fs.writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${answer.token}\n`, { mode: 0o600 });
		return { url, npmrc, token: answer.token, output: () => server.output(), stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The tarball's integrity as npm records it (sha512, base64). */
function integrityOf(tarball) {
	return `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
}

/**
 * `npm publish <tarball>` to the local registry with the temp npmrc, then
 * reads the version back: the registry must serve exactly the packed bytes.
 */
async function publish(registry, tarball, { name, version }, nodeBin) {
	const result = await mustRun('npm', ['publish', tarball, '--registry', registry.url, '--userconfig', registry.npmrc, '--ignore-scripts', '--no-audit'], {
		env: envWithPath(path.dirname(nodeBin)),
		label: 'npm publish (local registry)',
		timeoutMs: 2 * MINUTE,
	});
	const answer = await fetch(`${registry.url}${encodeURIComponent(name)}/${version}`);
	const manifest = await answer.json().catch(() => ({}));
	if (!answer.ok) throw new Error(`The local registry does not serve ${name}@${version} after npm publish (${answer.status})`);
	if (manifest.dist?.integrity !== integrityOf(tarball)) {
		throw new Error(`The local registry serves ${name}@${version} with integrity ${manifest.dist?.integrity}, not the packed tarball's`);
	}
	return { ms: result.ms, integrity: manifest.dist.integrity };
}

module.exports = { VERDACCIO_VERSION, ensureVerdaccio, startRegistry, publish };
