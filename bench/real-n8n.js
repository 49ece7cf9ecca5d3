#!/usr/bin/env node
// `npm run bench`: how fast messages go out where users run the node — a real
// n8n 2.41.1 with the package installed as a community package (the e2e
// installer in scripts/e2e/), against the vendor sandbox over loopback with a
// response time and, in some scenarios, a requests-per-second limit or 429s
// scattered through the run. Side by
// side in one run, rounds interleaved (the order flips every round): our edna
// node, n8n's HTTP Request node with the same credential (defaults, and
// batching at the same concurrency), the floor node (bench/floor-node: the
// least any node can do through n8n's request helper), n8n's HTTP client alone
// and a plain keep-alive client at the same concurrency. Each n8n figure is one `n8n execute` (a new process).
// Then the trigger path (bench/triggers.js): edna events into a published
// workflow in `n8n start`, ours against a hand-built Webhook → HTTP Request.
// Medians over the rounds; see BENCHMARKS.md for what is measured and how.
//
// Usage: node bench/real-n8n.js [--fast] [--only <text>] [--senders <text>] [--profile]
//   --fast       a small run (300 items, one round, no 10,000 items; 100 trigger events, 10 in flight) for CI-like checks
//   --only text  only the scenarios whose name starts with text ("triggers": only the trigger path)
//   --senders t  only the senders whose label starts with text ("our node": a quick before/after of our code)
//   --profile    instead: one `n8n execute` of our node (0 ms vendor) under
//                node --cpu-prof, and where its CPU time went (bench/profile.js)
// Environment: BENCH_ROUNDS (full mode 3), BENCH_ITEMS (full mode 2000), BENCH_TRIGGER_ROUNDS (full mode 2),
// BENCH_TRIGGER_LOGS=<folder> (keeps n8n's log of every trigger run).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// Figures are read from n8n's run JSON, which it prints at info level; debug logs would only slow n8n down.
process.env.E2E_N8N_LOG_LEVEL = process.env.E2E_N8N_LOG_LEVEL || 'info';

const { N8N_VERSION } = require('../scripts/e2e/config');
const { run, freePort, killAll } = require('../scripts/e2e/processes');
const n8nInstall = require('../scripts/e2e/n8n-install');
const { npmPack, pack, installPackage } = require('../scripts/e2e/package-install');
const { n8nCli } = require('../scripts/e2e/n8n-cli');
const { parseRawOutput } = require('../scripts/e2e/judge');
const { step } = require('../scripts/e2e/report');
const { startSandbox } = require('../test/sandbox/server');
const { DEFAULTS, defaultParallelRequests } = require('../dist/nodes/shared/options');
const { CREDENTIAL_TYPE, CREDENTIAL, SEND_PATH, SENDER, FLOOR_PACKAGE, ourNode, floorNode, httpNode, workflow } = require('./n8n-workflows');
const { printScenario } = require('./report');
const { summarise } = require('./profile');
const triggers = require('./triggers');

const FAST = process.argv.includes('--fast');
const PROFILE = process.argv.includes('--profile');
const argAfter = (flag) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
const ONLY = argAfter('--only');
// --senders "our node|floor": only the contenders whose label starts with one of these (labels hold commas).
const SENDERS = argAfter('--senders')?.split('|').map((prefix) => prefix.trim());
const chosen = (label) => !SENDERS || SENDERS.some((prefix) => label.startsWith(prefix));
const ITEMS = FAST ? 300 : Number(process.env.BENCH_ITEMS || 2000);
const ROUNDS = FAST ? 1 : Number(process.env.BENCH_ROUNDS || 3);
const P = DEFAULTS.parallelRequests;
const CHOICES = [...new Set([4, 8, 16, P])].sort((a, b) => a - b);
/** The Parallel Requests settings that neither version's defaults already cover. */
const OTHER_CHOICES = CHOICES.filter((c) => c !== P && c !== defaultParallelRequests(1));

/** Who sends: our node at a Parallel Requests setting (undefined: the defaults), n8n's HTTP Request node, or the plain client. */
const ours = (parallel) => ({ label: parallel ? `our node, Parallel Requests ${parallel}` : `our node, defaults (Parallel Requests ${P})`, kind: 'n8n', sender: () => ourNode(parallel ? { parallelRequests: parallel } : {}) });
// n8n's default On Error setting (stop the workflow): every item is checked before the first is sent.
const oursStopping = { label: `our node, defaults (Parallel Requests ${P}), On Error: stop`, kind: 'n8n', sender: () => ({ ...ourNode({}), onError: 'stopWorkflow' }) };
// Version 1 with Options empty, as saved workflows made before version 2 run: 4 at a time.
const oursV1 = { label: `our node v1, defaults (Parallel Requests ${defaultParallelRequests(1)})`, kind: 'n8n', sender: () => ourNode({}, 1) };
const http = { label: 'HTTP Request node, defaults', kind: 'n8n', sender: (s) => httpNode(s.baseUrl) };
const httpBatching = { label: `HTTP Request node, batching ${P} per response time`, kind: 'n8n', sender: (s) => httpNode(s.baseUrl, { batchSize: P, batchInterval: Math.max(1, s.latencyMs) }) };
// The least any node can do (bench/floor-node): what n8n costs per item for a node that reads these fields and sends through its request helper.
const floor = { label: `floor: the least a node can do, ${P} at a time`, kind: 'n8n', sender: () => floorNode(P) };
const plain = (concurrency) => ({ label: `plain keep-alive client, ${concurrency} at a time`, kind: 'plain', concurrency });
// n8n's own HTTP client in a bare loop (no workflow, no expressions): what n8n's request helper lets any node reach.
const n8nClient = { label: `n8n's HTTP client alone, ${P} at a time`, kind: 'plain', concurrency: P, how: 'n8n' };

const SCENARIOS = [
	{ name: '0 ms', latencyMs: 0, items: ITEMS, contenders: [ours(), oursStopping, oursV1, floor, http, httpBatching, n8nClient, plain(P)] },
	{ name: '20 ms', latencyMs: 20, items: ITEMS, contenders: [ours(), oursStopping, oursV1, floor, http, httpBatching, ...OTHER_CHOICES.map(ours), n8nClient, ...CHOICES.map(plain)] },
	{ name: '20 ms, 50 requests/s limit', latencyMs: 20, perSecond: 50, items: ITEMS, contenders: [ours(), oursStopping, oursV1, http, httpBatching, n8nClient, plain(P)] },
	{ name: '200 ms', latencyMs: 200, items: FAST ? 100 : 400, contenders: [ours(), oursV1, ...OTHER_CHOICES.map(ours), n8nClient, ...CHOICES.map(plain)] },
	// Issue 20: a strict limit met by 16 requests started together, and a vendor that refuses now and
	// then without being at any limit (every 10th request 429, alternately with Retry-After: 1 and
	// without), against the same 500 sends without refusals.
	{ name: '20 ms, 10 requests/s limit', latencyMs: 20, perSecond: 10, items: 60, contenders: [ours(), oursV1] },
	// The same against a vendor that answers in 20 ms: there a refused request's second of waiting weighs
	// ten times as much against the run.
	...[200, 20].flatMap((latencyMs) => [
		{ name: `${latencyMs} ms, 500 items`, latencyMs, items: 500, contenders: [ours()] },
		{ name: `${latencyMs} ms, 500 items, every 10th answered 429`, latencyMs, items: 500, scattered429: 10, contenders: [ours()] },
	]),
	...(FAST ? [] : [{ name: '0 ms, 10,000 items', latencyMs: 0, items: 10_000, contenders: [ours(), http] }]),
]
	.filter((s) => !ONLY || s.name.startsWith(ONLY))
	.map((s) => ({ ...s, contenders: s.contenders.filter((c) => chosen(c.label)) }));
const TRIGGER_SCENARIOS = triggers.scenarios({ fast: FAST }).filter((s) => !ONLY || s.name.startsWith(ONLY));
const TRIGGER_CONTENDERS = triggers.CONTENDERS.filter((c) => chosen(c.label));
const TRIGGER_ROUNDS = FAST ? 1 : Number(process.env.BENCH_TRIGGER_ROUNDS || 2);

let tempDir;
let sandbox;
process.on('exit', () => {
	killAll();
	n8nInstall.cleanUp();
	if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));

/** CPU time of an n8n execution with one item, by contender: what the per-item figure subtracts. */
function cpuBaselines(rows) {
	return Object.fromEntries(rows.map((r) => [r.label, r.cpuMs]));
}

async function runN8n(cli, scenario, contender, workflows, items) {
	const wf = workflows.get(`${scenario.name}|${contender.label}|${items}`);
	const result = await cli.execute(wf.id, `n8n execute ${wf.name}`);
	const runJson = parseRawOutput(result.stdout);
	const nodeRun = runJson?.data?.resultData?.runData?.[SENDER]?.[0];
	// The exit code is not checked: the run data is what counts, and n8n may be ended by a signal while shutting down.
	if (!nodeRun) {
		const dump = path.join(os.tmpdir(), `bench-${Date.now()}.log`);
		fs.writeFileSync(dump, `${result.stdout}\n${result.stderr}`);
		throw new Error(`${wf.name}: n8n exited ${result.code} without a run of ${SENDER} (output in ${dump})`);
	}
	const output = nodeRun.data?.main?.[0] ?? [];
	return {
		ms: nodeRun.executionTime,
		startedAt: nodeRun.startTime,
		failed: output.filter((item) => item.json?.error !== undefined).length,
		peakMb: result.peakRssKb ? result.peakRssKb / 1024 : undefined,
		cpuMs: result.cpuMs,
	};
}

async function runPlain(ctx, scenario, contender) {
	const token = sandbox.credentials().edna[CREDENTIAL_TYPE].token;
	const url = `${sandbox.baseUrl('edna')}${SEND_PATH}`;
	const how = contender.how === 'n8n' ? `n8n:${ctx.n8nHttpClient}` : 'keep';
	const result = await run(ctx.nodeBin, [path.join(__dirname, 'plain-client.js'), url, token, String(scenario.items), String(contender.concurrency), how], {
		label: 'plain client',
		timeoutMs: 10 * 60_000,
	});
	if (result.code !== 0) throw new Error(`plain client failed: ${result.stderr}`);
	const answer = JSON.parse(result.stdout.trim().split('\n').pop());
	return { ms: answer.ms, failed: answer.failed, peakMb: result.peakRssKb ? result.peakRssKb / 1024 : undefined };
}

/**
 * once(), run again (on a fresh ledger) when n8n printed no run of the sender: on a busy machine
 * `n8n execute` now and then crashes (SIGSEGV). Said in the log.
 */
async function onceRetried(ctx, scenario, contender) {
	try {
		return await once(ctx, scenario, contender);
	} catch (error) {
		if (!/without a run of/.test(String(error?.message))) throw error;
		console.log(`  (${error.message}; running it again)`);
		return await once(ctx, scenario, contender);
	}
}

/** BENCH_TRACE=<prefix>: when the sandbox accepted each message of this run, in <prefix>-<scenario>-<sender>.json. */
function writeTrace(scenario, contender, measured, received) {
	const name = (text) => text.replace(/\W+/g, '_');
	const file = `${process.env.BENCH_TRACE}-${name(scenario.name)}-${name(contender.label)}.json`;
	fs.writeFileSync(file, JSON.stringify({ startedAt: measured.startedAt, ms: measured.ms, at: received.map((m) => Date.parse(m.at)) }));
}

/** One run of one contender in one scenario, with what the sandbox saw. */
async function once(ctx, scenario, contender, items = scenario.items) {
	sandbox.reset();
	sandbox.latencyMs = scenario.latencyMs;
	sandbox.rateLimit = scenario.perSecond ? { perSecond: scenario.perSecond } : undefined;
	if (scenario.scattered429) scatter429s(scenario.scattered429);
	const measured = contender.kind === 'plain' ? await runPlain(ctx, { ...scenario, items }, contender) : await runN8n(ctx.cli, scenario, contender, ctx.workflows, items);
	await sandbox.idle();
	const received = sandbox.received('edna');
	if (process.env.BENCH_TRACE) writeTrace(scenario, contender, measured, received);
	const distinct = new Set(received.map((m) => m.body.text)).size;
	// How long after the node started the vendor got the first message (with On Error: stop, the checking of every item).
	const firstSendMs = measured.startedAt && received.length ? Date.parse(received[0].at) - measured.startedAt : undefined;
	const rateLimited = sandbox.requests.filter((r) => r.status === 429).length;
	return { ...measured, firstSendMs, delivered: received.length, duplicates: received.length - distinct, rateLimited };
}

/** Every `every`-th send answered 429, alternately with Retry-After: 1 and without one. */
function scatter429s(every) {
	const fault = { vendor: 'edna', path: SEND_PATH, status: 429, every: 2 * every, times: Infinity };
	sandbox.misbehave({ ...fault, headers: { 'Retry-After': '1' }, offset: every - 1 });
	sandbox.misbehave({ ...fault, offset: 2 * every - 1 });
}

/** One profiled execution of our node against the instant vendor; prints where its CPU time went. */
async function profileOnce(ctx, profiles) {
	fs.rmSync(profiles, { recursive: true, force: true });
	const r = await once(ctx, SCENARIOS[0], ours());
	console.log(`\n${SCENARIOS[0].items} items in ${Math.round(r.ms)} ms (node execution time under the profiler)\n`);
	for (const file of fs.readdirSync(profiles)) {
		console.log(summarise(path.join(profiles, file), Number(process.env.BENCH_PROFILE_TOP || 30)));
		// BENCH_PROFILE_OUT=<folder> keeps the profile (for Chrome DevTools' Performance panel or bench/profile.js).
		if (process.env.BENCH_PROFILE_OUT) {
			fs.mkdirSync(process.env.BENCH_PROFILE_OUT, { recursive: true });
			fs.copyFileSync(path.join(profiles, file), path.join(process.env.BENCH_PROFILE_OUT, file));
			console.log(`kept in ${path.join(process.env.BENCH_PROFILE_OUT, file)}`);
		}
	}
	return 0;
}

async function main() {
	tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
	const rounds = [SCENARIOS.length && `${ROUNDS} round(s) of outgoing`, !PROFILE && TRIGGER_SCENARIOS.length && `${TRIGGER_ROUNDS} round(s) of triggers`].filter(Boolean).join(', ');
	console.log(`Real n8n ${N8N_VERSION} benchmark (${FAST ? 'fast' : 'full'} mode): ${rounds}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
	const { tarball } = await step('npm pack', () => pack(tempDir));
	const { dir } = await step(`n8n ${N8N_VERSION} install`, n8nInstall.ensureN8n);
	const { nodeBin, n8nBin } = n8nInstall.binaries(dir);
	sandbox = await startSandbox(0);
	const problems = [];
	if (SCENARIOS.length || PROFILE) {
		const outgoingProblems = await outgoing({ tarball, dir, nodeBin, n8nBin });
		if (PROFILE) return 0;
		problems.push(...outgoingProblems);
	}
	if (TRIGGER_SCENARIOS.length && TRIGGER_CONTENDERS.length) {
		console.log(`\nThe trigger path: ${TRIGGER_ROUNDS} round(s), load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
		const args = { scenarios: TRIGGER_SCENARIOS, contenders: TRIGGER_CONTENDERS, rounds: TRIGGER_ROUNDS, tarball, nodeBin, n8nBin, n8nDir: dir, tempDir, sandbox };
		problems.push(...(await triggers.runTriggerBench(args)));
	}
	await sandbox.close();
	if (problems.length) {
		console.log(`FAILED: our nodes did not handle every message exactly once:\n  ${problems.join('\n  ')}`);
		return 1;
	}
	console.log('Our nodes handled every message exactly once in every run.');
	return 0;
}

/** The outgoing scenarios (`n8n execute` of each sender); prints their tables and returns our node's problems. */
async function outgoing({ tarball, dir, nodeBin, n8nBin }) {
	const userFolder = path.join(tempDir, 'user');
	fs.mkdirSync(userFolder);
	await step('install the tarball as a community package', () => installPackage(tarball, userFolder, nodeBin));
	await step('install the floor node beside it (bench/floor-node)', async () => {
		const { tarball: floorTarball } = await npmPack(tempDir, { cwd: path.join(__dirname, 'floor-node'), label: 'npm pack (floor node)' });
		return await installPackage(floorTarball, userFolder, nodeBin, FLOOR_PACKAGE);
	});
	const profiles = path.join(tempDir, 'profiles');
	if (PROFILE) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${profiles}`.trim();
	const cli = n8nCli({ nodeBin, n8nBin, userFolder, cwd: tempDir, brokerPort: await freePort() });

	const baseUrl = sandbox.baseUrl('edna');
	const workflows = new Map();
	const add = (scenario, contender, items) => {
		if (contender.kind !== 'n8n') return;
		const key = `${scenario.name}|${contender.label}|${items}`;
		if (!workflows.has(key)) workflows.set(key, workflow(key, items, contender.sender({ baseUrl, latencyMs: scenario.latencyMs })));
	};
	const zero = { name: 'baseline', latencyMs: 0 };
	for (const c of [ours(), floor, http]) add(zero, c, 1);
	for (const s of SCENARIOS) for (const c of s.contenders) add(s, c, s.items);
	await step('n8n import:credentials + import:workflow', async () => {
		await cli.importList('credentials', [{ ...CREDENTIAL, type: CREDENTIAL_TYPE, data: sandbox.credentials().edna[CREDENTIAL_TYPE] }]);
		await cli.importList('workflow', [...workflows.values()]);
		return { note: `${workflows.size} workflows` };
	});
	const ctx = { cli, nodeBin, workflows, n8nHttpClient: path.join(dir, 'node_modules', '@n8n', 'backend-network') };

	// Warm-up (file caches, the database) and the CPU an execution costs without items.
	const baseline = await step('warm-up and 1-item baselines', async () => {
		const rows = [];
		for (const c of [ours(), floor, http]) {
			await once(ctx, zero, c, 1);
			rows.push({ label: c.label, ...(await once(ctx, zero, c, 1)) });
		}
		return { rows, note: rows.map((r) => `${r.label}: ${r.cpuMs} ms CPU`).join('; ') };
	});
	const baselineCpu = cpuBaselines(baseline.rows);
	if (PROFILE) {
		await profileOnce(ctx, profiles);
		return [];
	}

	const results = new Map(SCENARIOS.map((s) => [s, new Map(s.contenders.map((c) => [c, []]))]));
	for (let round = 0; round < ROUNDS; round++) {
		for (const scenario of SCENARIOS) {
			const order = round % 2 ? [...scenario.contenders].reverse() : scenario.contenders;
			for (const contender of order) {
				const row = await step(`round ${round + 1}: ${scenario.name}: ${contender.label}`, async () => {
					const r = await onceRetried(ctx, scenario, contender);
					return { ...r, note: `${Math.round(r.ms)} ms, ${r.delivered} delivered, ${r.failed} failed, ${r.duplicates} duplicates, ${r.rateLimited} × 429${r.firstSendMs !== undefined ? `, first send after ${r.firstSendMs} ms` : ''}${r.peakMb ? `, ${Math.round(r.peakMb)} MB` : ''}` };
				});
				results.get(scenario).get(contender).push(row);
			}
		}
	}

	console.log(`\nn8n ${N8N_VERSION} on its Node 24, ${os.cpus().length} cores; medians of ${ROUNDS} round(s)\n`);
	const problems = [];
	for (const scenario of SCENARIOS) {
		printScenario(scenario, results.get(scenario), baselineCpu);
		for (const [contender, rows] of results.get(scenario)) {
			if (!contender.label.startsWith('our node')) continue;
			for (const r of rows) {
				if (r.delivered !== scenario.items || r.duplicates || r.failed) problems.push(`${scenario.name}, ${contender.label}: ${r.delivered}/${scenario.items} delivered, ${r.failed} failed, ${r.duplicates} duplicates`);
			}
		}
	}
	return problems;
}

main()
	.then((code) => process.exit(code))
	.catch(async (error) => {
		console.error(`\nBENCHMARK FAILED: ${error instanceof Error ? error.stack : String(error)}`);
		if (sandbox) await sandbox.close().catch(() => {});
		process.exit(1);
	});
