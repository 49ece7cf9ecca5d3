// Every child process of the run starts here, so one place knows which are
// still running and can end them when the run stops early (see killAll).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { ROOT } = require('./config');

const children = new Set();

// Every child that died of a signal nobody here sent (SIGSEGV, SIGABRT, the
// kernel's OOM kill…): n8n dying for reasons of its own. main.js retries the
// part it happened in once and reports it; see crashesSince.
const crashes = [];

function noteCrash(label, code, signal) {
	if (signal) crashes.push({ label, how: `killed by ${signal}` });
	else if (code >= 128) crashes.push({ label, how: `exit code ${code}` });
}

/** The crashes recorded since `mark` (a value of crashCount()). */
function crashesSince(mark) {
	return crashes.slice(mark);
}

function crashCount() {
	return crashes.length;
}

function killGroup(child, signal) {
	try {
		// Children run in their own process group, so n8n's task runners go with it.
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

/** For the exit handler: whatever is still running would otherwise outlive the run. */
function killAll() {
	for (const child of children) killGroup(child, 'SIGKILL');
	children.clear();
}

/**
 * Runs a command to completion with a time limit. Resolves with
 * { code, signal, stdout, stderr, ms, peakRssKb, cpuMs }; rejects only when it cannot start
 * or runs out of time.
 *
 * `stdoutToFile`: the command writes its standard output to a file (this user's only, read
 * and removed when it ends) instead of a pipe. A Node program that calls process.exit() right
 * after a large write to a pipe loses what the pipe had not taken yet (`n8n execute
 * --rawOutput` printed 10,000 items cut off at about 290 KB); writes to a file are synchronous.
 */
function run(command, commandArgs, { cwd = ROOT, env = process.env, timeoutMs, label, stdoutToFile = false } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const outFile = stdoutToFile ? path.join(os.tmpdir(), `run-${process.pid}-${started}-${Math.random().toString(36).slice(2)}.out`) : undefined;
		const outFd = outFile ? fs.openSync(outFile, 'w', 0o600) : undefined;
		let child;
		try {
			child = spawn(command, commandArgs, { cwd, env, detached: true, stdio: ['ignore', outFd ?? 'pipe', 'pipe'] });
		} finally {
			if (outFd !== undefined) fs.closeSync(outFd);
		}
		children.add(child);
		const stdout = [];
		const stderr = [];
		const readOut = () => {
			if (!outFile) return Buffer.concat(stdout).toString('utf8');
			try {
				return fs.readFileSync(outFile, 'utf8');
			} finally {
				fs.rmSync(outFile, { force: true });
			}
		};
		child.stdout?.on('data', (chunk) => stdout.push(chunk));
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		// VmHWM is the process's peak resident memory so far; the last reading
		// before it exits is its peak (Linux only, otherwise left out).
		let peakRssKb;
		// CPU time (user + system) the process has used so far, from the last reading.
		let cpuMs;
		const sampler = setInterval(() => {
			try {
				const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
				const match = /VmHWM:\s+(\d+) kB/.exec(status);
				if (match) peakRssKb = Math.max(peakRssKb ?? 0, Number(match[1]));
				// Fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
				const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
			} catch {
				// Not Linux, or the process just ended.
			}
		}, 100);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGTERM');
			setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
			reject(new Error(`${label || command} did not finish within ${Math.round(timeoutMs / 1000)} s`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			clearInterval(sampler);
			children.delete(child);
			readOut();
			reject(new Error(`${label || command} could not start: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			clearInterval(sampler);
			children.delete(child);
			if (!timedOut) noteCrash(label || command, code, signal);
			resolve({
				code: code ?? 128,
				signal,
				stdout: readOut(),
				stderr: Buffer.concat(stderr).toString('utf8'),
				ms: Date.now() - started,
				peakRssKb,
				cpuMs,
			});
		});
	});
}

/**
 * Starts a long-running command (a server) in its own process group; it is
 * ended by stop() or, on an early exit, by killAll(). Returns { output(), stop() }.
 */
function start(command, commandArgs, { cwd = ROOT, env = process.env, graceMs = 10_000, label } = {}) {
	const child = spawn(command, commandArgs, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	const chunks = [];
	child.stdout.on('data', (chunk) => chunks.push(chunk));
	child.stderr.on('data', (chunk) => chunks.push(chunk));
	let stopping = false;
	const closed = new Promise((resolve) =>
		child.on('close', (code, signal) => {
			if (!stopping) noteCrash(label || [command, ...commandArgs].map((a) => path.basename(a)).join(' '), code, signal);
			resolve();
		}),
	);
	return {
		child,
		output: () => Buffer.concat(chunks).toString('utf8'),
		/** undefined while it runs; { code, signal } once it has exited (its output may still be open in a child of its own). */
		exited: () => (child.exitCode !== null || child.signalCode !== null ? { code: child.exitCode, signal: child.signalCode } : undefined),
		/** For a kill on purpose (a test of what happens when a process dies): not counted as a crash. */
		kill(signal = 'SIGKILL') {
			stopping = true;
			killGroup(child, signal);
			return closed;
		},
		async stop() {
			stopping = true;
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
			await closed;
			clearTimeout(timer);
			children.delete(child);
		},
	};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` (sync or async) until it gives something truthy, and returns
 * that. Fails after timeoutMs — or at once when `server` (from start()) has
 * exited — naming `what`, with the end of the server's output.
 */
async function waitFor(what, check, timeoutMs, server) {
	const until = Date.now() + timeoutMs;
	const tail = () => (server ? `:\n${lastLines(server.output(), 15, '\n')}` : '');
	let lastError;
	for (;;) {
		const value = await Promise.resolve()
			.then(check)
			.catch((error) => {
				lastError = error;
			});
		if (value) return value;
		const exit = server?.exited();
		if (exit) throw new Error(`${what}: the process exited (${exit.code ?? exit.signal})${tail()}`);
		if (Date.now() > until) {
			throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s${lastError ? ` (last: ${lastError.message})` : ''}${tail()}`);
		}
		await sleep(250);
	}
}

/** The end of a command's output, where the reason it failed usually is. */
function lastLines(text, count, separator) {
	return text.trim().split('\n').slice(-count).join(separator);
}

/** Like run(), but a non-zero exit is an error carrying the command's output tail. */
async function mustRun(command, commandArgs, options) {
	const result = await run(command, commandArgs, options);
	if (result.code !== 0) {
		throw new Error(`${options.label || command} failed (exit ${result.code}):\n${lastLines(`${result.stdout}\n${result.stderr}`, 25, '\n')}`);
	}
	return result;
}

/**
 * The environment with a folder first on PATH: npm and the tools it starts
 * must run on the Node 24 of the n8n install, not the system's Node.
 */
function envWithPath(binDir, extra = {}) {
	return { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}`, ...extra };
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

module.exports = { run, start, mustRun, lastLines, envWithPath, freePort, killAll, crashCount, crashesSince, sleep, waitFor };
