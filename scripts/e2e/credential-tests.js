// Every credential type's connection test as the editor runs it ("Test" in a
// credential's window: POST /rest/credentials/test) in a running `n8n start`:
// against the sandbox it passes, and against an answer that never ends or
// one of 200 MB it ends within its deadline with one sentence, without n8n
// taking the answer into memory. Whether n8n or the package reads the answer
// (a declarative `test`, or a test the nodes run: credentials/testing.ts),
// this is what a user sees.
'use strict';

const fs = require('node:fs');

const { startN8n, ownerSession, rest } = require('./n8n-server');

const MB = 1024 * 1024;
/** The credential tests' deadline (credentials/common.ts) and what a test may take beyond it on a busy machine. */
const DEADLINE_MS = 10_000;
const SLACK_MS = 5_000;
/** More than this over n8n's memory before the test, and the answer was taken into memory (200 MB read whole took 664 MB). */
const MEMORY_MB = 100;
/** The request each test sends, where it differs from the first request of its credential (the edna login comes first). */
const TEST_PATH = { ednaChatCenterLoginApi: '/api/v1/messages/outgoing-from-myself' };

/** n8n's resident memory, in MB. */
function rssMb(server) {
	const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
	return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Returns report rows: one per credential type. */
async function credentialTestsCheck({ cli, nodeBin, n8nBin, tempDir, sandbox, credentialsByType }) {
	const { server, base } = await startN8n({ cli, nodeBin, n8nBin, cwd: tempDir, logFile: `${tempDir}/n8n-credential-tests.log` });
	const rows = [];
	try {
		const cookie = await ownerSession(base);
		const vendorOf = Object.fromEntries(Object.entries(sandbox.credentials()).flatMap(([vendor, byType]) => Object.keys(byType).map((type) => [type, vendor])));
		for (const [type, data] of Object.entries(credentialsByType)) {
			const started = Date.now();
			const problems = [];
			const test = async (fault) => {
				sandbox.reset();
				if (fault) sandbox.misbehave({ vendor: vendorOf[type], path: TEST_PATH[type], times: 3, ...fault });
				const before = rssMb(server);
				const t0 = Date.now();
				const { data: result } = await rest(base, 'POST', '/rest/credentials/test', { credentials: { id: '', name: `e2e ${type}`, type, data } }, cookie);
				return { result, ms: Date.now() - t0, grewMb: rssMb(server) - before };
			};
			const passing = await test();
			if (passing.result.status !== 'OK') problems.push(`against the sandbox: ${passing.result.status}: ${passing.result.message}`);
			const bounded = [];
			for (const [label, fault] of [
				['never-ending answer', { endless: true }],
				['200 MB answer', { oversized: 200 * MB }],
			]) {
				const { result, ms, grewMb } = await test(fault);
				bounded.push(`${label}: ${(ms / 1000).toFixed(1)} s, +${Math.max(0, grewMb)} MB`);
				const sentence = typeof result.message === 'string' && /^[^\n]+[.!]$/.test(result.message.trim());
				// A test that judges only the status passes without reading the answer; one that reads it fails with a sentence.
				if (result.status === 'Error' && !sentence) problems.push(`${label}: not one sentence: ${result.message}`);
				if (ms > DEADLINE_MS + SLACK_MS) problems.push(`${label}: took ${ms} ms`);
				if (grewMb > MEMORY_MB) problems.push(`${label}: n8n grew by ${grewMb} MB`);
			}
			sandbox.reset();
			rows.push({
				file: `credential test: ${type} (${bounded.join('; ')})`,
				ok: problems.length === 0,
				items: 1,
				messages: '-',
				executeMs: Date.now() - started,
				problems,
			});
		}
	} finally {
		await server.stop();
	}
	return rows;
}

module.exports = { credentialTestsCheck };
