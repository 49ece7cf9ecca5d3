// The end-to-end run retries a part once when a process died of a signal
// nobody sent (n8n crashing on its own), reports it, and lets a second
// failure stand. Real child processes, killed by a real SIGSEGV.
'use strict';

const { run, start } = require('../../scripts/e2e/processes');
const { retryOnceIfCrashed } = require('../../scripts/e2e/report');

const NODE = process.execPath;
const segfault = () => run(NODE, ['-e', "process.kill(process.pid, 'SIGSEGV')"], { timeoutMs: 20_000, label: 'crasher' });
const fine = () => run(NODE, ['-e', 'process.exit(0)'], { timeoutMs: 20_000, label: 'fine' });
const failsOn = (result) => result.code !== 0;

let printed;
beforeEach(() => {
	printed = [];
	jest.spyOn(console, 'log').mockImplementation((...args) => printed.push(args.join(' ')));
});
afterEach(() => jest.restoreAllMocks());

test('a crash that fails the part: reported, run once more, the retry stands', async () => {
	let attempts = 0;
	const result = await retryOnceIfCrashed('part A', () => (++attempts === 1 ? segfault() : fine()), failsOn);
	expect(attempts).toBe(2);
	expect(result.code).toBe(0);
	expect(printed.join('\n')).toMatch(/n8n crashed during part A \(crasher: killed by SIGSEGV\); running it once more/);
	expect(printed.join('\n')).toMatch(/part A: passed on the retry/);
});

test('a second crash fails: the second outcome is returned, not hidden', async () => {
	let attempts = 0;
	const result = await retryOnceIfCrashed('part B', () => (++attempts, segfault()), failsOn);
	expect(attempts).toBe(2);
	expect(result.signal).toBe('SIGSEGV');
	expect(printed.join('\n')).toMatch(/part B: failed again, killed by SIGSEGV/);
});

test('a failure without a crash is not retried', async () => {
	let attempts = 0;
	const result = await retryOnceIfCrashed('part C', () => (++attempts, run(NODE, ['-e', 'process.exit(1)'], { timeoutMs: 20_000 })), failsOn);
	expect(attempts).toBe(1);
	expect(result.code).toBe(1);
	expect(printed).toEqual([]);
});

test('a thrown error after a server crashed is retried; a server stopped or killed on purpose is no crash', async () => {
	const keepAlive = ['-e', 'setInterval(() => {}, 1000)'];
	let attempts = 0;
	const value = await retryOnceIfCrashed('part D', async () => {
		attempts++;
		const server = start(NODE, keepAlive, { label: 'server' });
		if (attempts === 1) {
			process.kill(server.child.pid, 'SIGABRT');
			await new Promise((resolve) => server.child.on('close', resolve));
			throw new Error('the server went away');
		}
		await server.stop();
		const other = start(NODE, keepAlive, { label: 'worker' });
		await other.kill();
		return 'ok';
	});
	expect(value).toBe('ok');
	expect(attempts).toBe(2);
	expect(printed.join('\n')).toMatch(/server: killed by SIGABRT/);
	expect(printed.join('\n')).not.toMatch(/worker/);
});
