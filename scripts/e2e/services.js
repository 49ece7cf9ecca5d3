// Debian packages the end-to-end check needs (chromium, redis-server,
// postgresql) and the throw-away servers it runs from them: installed with
// apt-get when missing (only as root, as CI runs; otherwise the message says
// what to install), started on loopback, on free ports, with their data in a
// folder of the run. No system service is touched: nothing is started through
// systemd or /etc/init.d, and the servers go with the run (processes.js).
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { MINUTE } = require('./config');
const { mustRun, run, start, freePort, waitFor } = require('./processes');

let aptUpdated = false;

/**
 * Returns what `find()` finds (a binary's path); when it finds nothing,
 * installs Debian's `pkg` with apt-get (as root only) and looks again.
 */
async function ensureDebianPackage(pkg, find) {
	const found = find();
	if (found) return found;
	if (process.getuid?.() !== 0) {
		throw new Error(`Debian's ${pkg} is not installed. Install it (sudo apt-get install ${pkg}) and run again.`);
	}
	// Whether the package's own service starts on install is the machine's
	// policy (these images' /usr/sbin/policy-rc.d denies it); either way the
	// run starts its own servers on their own ports and never uses that one.
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	if (!aptUpdated) {
		await mustRun('apt-get', ['update'], { env, timeoutMs: 10 * MINUTE, label: 'apt-get update' });
		aptUpdated = true;
	}
	await mustRun('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, timeoutMs: 20 * MINUTE, label: `apt-get install ${pkg}` });
	const installed = find();
	if (!installed) throw new Error(`apt-get installed ${pkg}, but its binary was not found.`);
	return installed;
}

const firstExisting = (files) => files.find((file) => fs.existsSync(file));

/** The bin folder of the newest PostgreSQL Debian installed (/usr/lib/postgresql/<major>/bin). */
function findPostgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
	return majors.map((v) => path.join(root, v, 'bin')).find((bin) => fs.existsSync(path.join(bin, 'initdb')));
}

/**
 * A folder for a server's data that `user` can write: beside the run's temp
 * folder (which is private to its owner), named after it, removed when the
 * process exits.
 */
function serviceFolder(tempDir, name, user) {
	const dir = `${tempDir}-${name}`;
	fs.mkdirSync(dir, { mode: 0o700 });
	if (user) {
		const uid = Number(runSync('id', ['-u', user]));
		const gid = Number(runSync('id', ['-g', user]));
		fs.chownSync(dir, uid, gid);
	}
	process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	return dir;
}

function runSync(command, args) {
	return execFileSync(command, args, { encoding: 'utf8' }).trim();
}

/** Redis on 127.0.0.1, a free port, no persistence. Returns { port, stop() }. */
async function startRedis({ tempDir, logDir }) {
	const redisServer = await ensureDebianPackage('redis-server', () => firstExisting(['/usr/bin/redis-server']));
	const dir = serviceFolder(tempDir, 'redis');
	const port = await freePort();
	const server = start(redisServer, ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { cwd: dir });
	await waitFor(`redis-server on port ${port}`, async () => server.output().includes('Ready to accept connections'), MINUTE, server);
	return {
		port,
		async stop() {
			await server.stop();
			fs.writeFileSync(path.join(logDir, 'redis.log'), server.output());
		},
	};
}

/**
 * PostgreSQL on 127.0.0.1, a free port, a fresh cluster (trust auth for the
 * local user `n8n`) and database `n8n`. As root it runs as Debian's
 * `postgres` user (postgres refuses root). Returns { port, user, database, query(sql), stop() }.
 */
async function startPostgres({ tempDir, logDir }) {
	const bin = await ensureDebianPackage('postgresql', findPostgresBin);
	const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
	const as = (command, args) => (asUser ? ['runuser', ['-u', asUser, '--', command, ...args]] : [command, args]);
	const dir = serviceFolder(tempDir, 'postgres', asUser);
	const data = path.join(dir, 'data');
	await mustRun(...as(path.join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync']), {
		cwd: dir,
		timeoutMs: 3 * MINUTE,
		label: 'initdb',
	});
	const port = await freePort();
	const server = start(
		...as(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off']),
		{ cwd: dir },
	);
	const psql = (database, sql) =>
		run(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, '-At', '-F', '\t', '-c', sql], { cwd: dir, timeoutMs: MINUTE, label: 'psql' });
	await waitFor(`postgres on port ${port}`, async () => (await psql('postgres', 'SELECT 1')).code === 0, 2 * MINUTE, server);
	await mustRun(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'], { cwd: dir, timeoutMs: MINUTE, label: 'createdb' });
	return {
		port,
		user: 'n8n',
		database: 'n8n',
		/** Rows of a query as arrays of strings. */
		async query(sql) {
			const result = await psql('n8n', sql);
			if (result.code !== 0) throw new Error(`psql failed: ${result.stderr.trim()}`);
			return result.stdout.trim() ? result.stdout.trim().split('\n').map((line) => line.split('\t')) : [];
		},
		async stop() {
			await server.stop();
			fs.writeFileSync(path.join(logDir, 'postgres.log'), server.output());
		},
	};
}

module.exports = { ensureDebianPackage, startRedis, startPostgres };
