// The trigger path of `npm run bench` (issue 23, point 9): edna Chat Center
// events arriving at a published workflow in one `n8n start` (SQLite, n8n's
// defaults, production webhook URLs, the package installed as a community
// package by the e2e installer), the chatbot's answers arriving back at the
// vendor sandbox. Side by side:
// - ours: examples/conversations/edna-chatbot-answers.workflow.json, the edna
//   Chat Center Trigger → Reply as Chatbot;
// - hand-built: n8n's Webhook node (Respond Immediately, 202) → the HTTP
//   Request node with the same credential (bench/n8n-workflows.js).
// Both answer edna 202 once n8n has stored the execution (n8n's deferred
// onReceived response, webhooks/webhook-helpers.js in n8n 2.41.1).
//
// A fixed pool of senders plays edna: each takes the next event, POSTs it,
// and retries a push-back (5xx, 429, a dropped connection, no answer within
// ATTEMPT_TIMEOUT_MS) a bounded number of times, as edna redelivers. Each run
// is a fresh `n8n start` on a fresh copy of a prepared user folder, so no run
// inherits another's executions, memory or static data; contenders alternate,
// the order flipping every round. See BENCHMARKS.md, "Incoming: the trigger path".
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { ROOT, MINUTE } = require('../scripts/e2e/config');
const { mustRun, freePort, sleep, waitFor } = require('../scripts/e2e/processes');
const { installPackage } = require('../scripts/e2e/package-install');
const { n8nCli } = require('../scripts/e2e/n8n-cli');
const { startN8n } = require('../scripts/e2e/n8n-server');
const { prepareWorkflow } = require('../scripts/e2e/workflows');
const { step } = require('../scripts/e2e/report');
const ednaBot = require('../test/sandbox/vendors/edna-bot');
const { CREDENTIAL_TYPE, CREDENTIAL, CHATBOT_PATH, HAND_BUILT_PATH, handBuiltChatbot } = require('./n8n-workflows');
const { median } = require('./report');

const EXAMPLE = 'conversations/edna-chatbot-answers.workflow.json';

/** Retries of one event after push-back, like edna's redelivery; then the event counts as refused. */
const MAX_RETRIES = 5;
/** Wait before retry n: n × this. */
const RETRY_STEP_MS = 1000;
/** One POST that has not been answered by then is given up and retried (edna would time out too). */
const ATTEMPT_TIMEOUT_MS = 60_000;
/** After the last event is sent: an event with a 202 and no answer after this long without any new answer is lost. */
const SETTLE_IDLE_MS = 60_000;
/** After every accepted event was answered: how long late (duplicate) answers are still counted. */
const LATE_MS = 3000;
/** Events sent one at a time, each waited for, before the measured load: n8n's first-call costs (module loading, the first isolate). */
const WARM_UP_EVENTS = 3;
/** How often the RSS of n8n's process tree is read. */
const RSS_EVERY_MS = 200;

/**
 * The loads: `events` distinct edna MESSAGE events through `inFlight`
 * concurrent senders. Names start with "triggers" so `--only triggers`
 * picks all of them.
 */
function scenarios({ fast }) {
	const load = (events, inFlight) => ({ name: `triggers: ${events.toLocaleString('en-US')} events, ${inFlight} in flight`, events, inFlight });
	return fast ? [load(100, 10)] : [load(500, 20), load(2000, 50)];
}

/**
 * Who answers: `folder` names the prepared user folder (which workflow is
 * published), `env` what the `n8n start` gets on top. n8n's default
 * expression engine (vm) builds an isolate per execution, and one more in the
 * webhook phase of any trigger but n8n's own Webhook node (n8n 2.41.1
 * webhooks/live-webhooks.js, webhookPhaseNeedsIsolate); the legacy engine
 * builds none.
 */
const CONTENDERS = [
	{ label: 'ours: edna Chat Center Trigger → Reply as Chatbot', key: 'ours', folder: 'ours', env: {} },
	{ label: 'hand-built: Webhook → HTTP Request', key: 'hand-built', folder: 'hand-built', env: {} },
	{ label: 'ours, N8N_EXPRESSION_ENGINE=legacy', key: 'ours-legacy', folder: 'ours', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
	{ label: 'hand-built, N8N_EXPRESSION_ENGINE=legacy', key: 'hand-built-legacy', folder: 'hand-built', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
];

/** The pid and its descendants, from /proc/<pid>/task/<tid>/children (Linux). */
function processTree(pid) {
	const all = [];
	const queue = [pid];
	while (queue.length) {
		const next = queue.shift();
		all.push(next);
		let tasks = [];
		try {
			tasks = fs.readdirSync(`/proc/${next}/task`);
		} catch {
			continue; // gone meanwhile
		}
		for (const task of tasks) {
			try {
				const children = fs.readFileSync(`/proc/${next}/task/${task}/children`, 'utf8').trim();
				if (children) queue.push(...children.split(/\s+/).map(Number));
			} catch {
				// The thread ended meanwhile.
			}
		}
	}
	return all;
}

/** CPU time (user + system, ms) n8n's process tree has used so far: fields 14 and 15 of /proc/<pid>/stat, 100 ticks a second. */
function cpuMsOf(pid) {
	let ms = 0;
	for (const p of processTree(pid)) {
		try {
			const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ms += (Number(fields[11]) + Number(fields[12])) * 10;
		} catch {
			// Ended meanwhile.
		}
	}
	return ms;
}

/** Sum of VmRSS over n8n's process tree (main process, task runner, …) every RSS_EVERY_MS; stop() returns the peak (kB), now() the last reading. */
function sampleRss(pid) {
	let peakKb = 0;
	let lastKb = 0;
	const read = () => {
		let sum = 0;
		for (const p of processTree(pid)) {
			try {
				const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
				if (match) sum += Number(match[1]);
			} catch {
				// Ended between the listing and the read.
			}
		}
		lastKb = sum;
		peakKb = Math.max(peakKb, sum);
	};
	read();
	const timer = setInterval(read, RSS_EVERY_MS);
	return {
		now() {
			read();
			return lastKb;
		},
		stop() {
			clearInterval(timer);
			read();
			return peakKb;
		},
	};
}

/** One POST of an event to n8n on a new connection; resolves with the status, or 'timeout' / 'error'. */
function post(url, raw) {
	return new Promise((resolve) => {
		const request = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(raw) } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
			res.on('error', () => resolve('error'));
		});
		request.setTimeout(ATTEMPT_TIMEOUT_MS, () => {
			request.destroy();
			resolve('timeout');
		});
		request.on('error', () => resolve('error'));
		request.end(raw);
	});
}

const retryable = (status) => status === 'timeout' || status === 'error' || status === 429 || (typeof status === 'number' && status >= 500);

/**
 * Sends `events` through `inFlight` senders. Per event: when its first POST
 * started, whether it ended with a 202, and every other status on the way.
 */
async function sendAll(url, events, inFlight) {
	const sent = new Map();
	const statuses = {};
	let retries = 0;
	let next = 0;
	const sender = async () => {
		while (next < events.length) {
			const event = events[next++];
			const raw = JSON.stringify(event);
			const record = { firstSentAt: performance.now(), accepted: false };
			sent.set(event.questionId, record);
			for (let attempt = 0; ; attempt++) {
				const status = await post(url, raw);
				if (status === 202) {
					record.accepted = true;
					break;
				}
				statuses[status] = (statuses[status] ?? 0) + 1;
				if (!retryable(status) || attempt === MAX_RETRIES) break;
				retries++;
				await sleep(RETRY_STEP_MS * (attempt + 1));
			}
		}
	};
	await Promise.all(Array.from({ length: inFlight }, sender));
	return { sent, statuses, retries };
}

/** The p-th percentile (nearest rank) of sorted values. */
function percentile(sorted, p) {
	if (sorted.length === 0) return undefined;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * From the run's database (with the sqlite3 of the n8n install): executions
 * per status, and the size of the workflow's static data, which n8n reads
 * with the workflow for every webhook call and execution and writes after
 * every execution that changed it (our trigger's ledger of started events).
 */
async function readDatabase(nodeBin, n8nDir, userFolder) {
	const script = `
		const sqlite3 = require(${JSON.stringify(path.join(n8nDir, 'node_modules', 'sqlite3'))});
		const db = new sqlite3.Database(${JSON.stringify(path.join(userFolder, '.n8n', 'database.sqlite'))});
		const fail = (error) => { console.error(error.message); process.exit(1); };
		db.all('SELECT status, COUNT(*) AS n FROM execution_entity GROUP BY status', (error, rows) => {
			if (error) fail(error);
			db.get('SELECT MAX(LENGTH(staticData)) AS bytes FROM workflow_entity', (error2, row) => {
				if (error2) fail(error2);
				console.log(JSON.stringify({ executions: Object.fromEntries(rows.map((r) => [r.status, r.n])), staticDataBytes: row.bytes ?? 0 }));
			});
		});`;
	const result = await mustRun(nodeBin, ['-e', script], { label: 'read the database', timeoutMs: MINUTE });
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

/**
 * Lines of n8n's log that say something went wrong, by text (numbers blanked
 * so alike lines add up); n8n says at every start that it has no Python runner.
 */
function logProblems(output) {
	const counts = new Map();
	for (const line of output.split('\n')) {
		if (!/error|SQLITE_BUSY|fail|problem|warn/i.test(line) || /Python task runner/.test(line)) continue;
		const text = line.replace(/\d+/g, '#').trim().slice(0, 200);
		counts.set(text, (counts.get(text) ?? 0) + 1);
	}
	return [...counts].sort((a, b) => b[1] - a[1]).map(([text, n]) => `${n} × ${text}`);
}

/**
 * A user folder with the package installed as a community package, the edna
 * credential and one workflow, published: what every run of that contender
 * starts from (copied). All folders share one encryption key.
 */
async function prepareFolder({ name, workflow, tarball, nodeBin, n8nBin, tempDir, sandbox, encryptionKey }) {
	const folder = path.join(tempDir, `triggers-${name}`);
	fs.mkdirSync(folder);
	await installPackage(tarball, folder, nodeBin);
	const cli = n8nCli({ nodeBin, n8nBin, userFolder: folder, cwd: tempDir, brokerPort: await freePort(), extraEnv: { N8N_ENCRYPTION_KEY: encryptionKey } });
	await cli.importList('credentials', [{ ...CREDENTIAL, type: CREDENTIAL_TYPE, data: sandbox.credentials().edna[CREDENTIAL_TYPE] }]);
	await cli.importList('workflow', [workflow]);
	await cli.command(['publish:workflow', `--id=${workflow.id}`], `n8n publish:workflow ${name}`);
	return { folder, cli };
}

/** The two workflows and where edna sends to each (path under n8n's /webhook/, with the trigger's secret). */
function workflows(sandbox) {
	const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', EXAMPLE), 'utf8'));
	const { workflow: ours } = prepareWorkflow(EXAMPLE, example, { [CREDENTIAL_TYPE]: CREDENTIAL });
	const trigger = ours.nodes.find((n) => n.type.endsWith('.ednaChatCenterTrigger'));
	return {
		ours: { workflow: ours, webhookPath: `${trigger.webhookId}/webhook?secret=${encodeURIComponent(trigger.parameters.secret)}` },
		'hand-built': { workflow: handBuiltChatbot(sandbox.baseUrl('edna')), webhookPath: HAND_BUILT_PATH },
	};
}

/**
 * One run: a fresh `n8n start` on a copy of the contender's folder, warm-up
 * events, then the load; what arrived at the sandbox, timed by the
 * sandbox's afterAnswer listener.
 */
async function once(ctx, scenario, contender, runIndex) {
	const { sandbox, nodeBin, n8nBin, n8nDir, tempDir } = ctx;
	const prepared = ctx.folders[contender.folder];
	const userFolder = path.join(tempDir, `triggers-run-${runIndex}`);
	fs.cpSync(prepared.folder, userFolder, { recursive: true });
	const logFile = path.join(tempDir, `n8n-triggers-run-${runIndex}-${contender.key}.log`);
	sandbox.reset();
	sandbox.latencyMs = 0;
	sandbox.rateLimit = undefined;
	const answers = new Map();
	let refusedAnswers = 0;
	sandbox.afterAnswer((request, answer) => {
		if (request.path !== CHATBOT_PATH) return;
		if (answer.status !== 200) {
			refusedAnswers++;
			return;
		}
		const list = answers.get(request.body.questionId) ?? [];
		list.push(performance.now());
		answers.set(request.body.questionId, list);
	});

	const { server, base } = await startN8n({ cli: prepared.cli, nodeBin, n8nBin, cwd: tempDir, env: { N8N_USER_FOLDER: userFolder, ...contender.env }, logFile });
	let measured;
	let rss;
	try {
		rss = sampleRss(server.child.pid);
		const url = `${base}/webhook/${ctx.workflows[contender.folder].webhookPath}`;
		for (const event of ednaBot.customerMessages(sandbox, WARM_UP_EVENTS, { label: 'warm-up' })) {
			// n8n is ready before it has activated the published workflows: its webhook answers 404 until then.
			const status = await waitFor('the published workflow to take events', async () => {
				const answer = await post(url, JSON.stringify(event));
				return answer === 404 ? undefined : answer;
			}, MINUTE, server);
			if (status !== 202) throw new Error(`${contender.label}: a warm-up event got ${status}, not 202`);
			await waitFor('the answer to a warm-up event', () => answers.has(event.questionId), MINUTE, server);
		}
		const idleKb = rss.now();
		const cpuBefore = cpuMsOf(server.child.pid);

		// Distinct MESSAGE events of one client, each question stored at edna so its answer is accepted.
		const events = ednaBot.customerMessages(sandbox, scenario.events, { label: 'bench' });
		const { sent, statuses, retries } = await sendAll(url, events, scenario.inFlight);
		const accepted = [...sent].filter(([, r]) => r.accepted).map(([questionId]) => questionId);
		// Settle: until every accepted event has its answer, or no answer came for SETTLE_IDLE_MS.
		let lastCount = -1;
		let lastChange = Date.now();
		for (;;) {
			const answered = accepted.filter((q) => answers.has(q)).length;
			if (answered === accepted.length) break;
			if (answered !== lastCount) {
				lastCount = answered;
				lastChange = Date.now();
			} else if (Date.now() - lastChange > SETTLE_IDLE_MS) break;
			if (server.exited()) break;
			await sleep(250);
		}
		await sleep(LATE_MS);
		const cpuMs = cpuMsOf(server.child.pid) - cpuBefore;
		const peakKb = rss.stop();
		rss = undefined;

		const ids = events.map((e) => e.questionId);
		const firstSent = Math.min(...ids.map((q) => sent.get(q).firstSentAt));
		const answeredIds = ids.filter((q) => answers.has(q));
		const lastAnswer = Math.max(...answeredIds.map((q) => answers.get(q)[0]));
		const latencies = answeredIds.map((q) => answers.get(q)[0] - sent.get(q).firstSentAt).sort((a, b) => a - b);
		measured = {
			events: events.length,
			accepted: accepted.length,
			answered: answeredIds.length,
			lost: accepted.filter((q) => !answers.has(q)).length,
			// Answered although every POST of it was refused or timed out: n8n ran it without saying so.
			answeredUnaccepted: answeredIds.filter((q) => !sent.get(q).accepted).length,
			duplicated: ids.filter((q) => (answers.get(q)?.length ?? 0) > 1).length,
			extraAnswers: ids.reduce((n, q) => n + Math.max(0, (answers.get(q)?.length ?? 0) - 1), 0),
			refusedAnswers,
			statuses,
			retries,
			perSecond: answeredIds.length / ((lastAnswer - firstSent) / 1000),
			seconds: (lastAnswer - firstSent) / 1000,
			p50: percentile(latencies, 50),
			p99: percentile(latencies, 99),
			// What n8n spent per event, whatever else the machine was doing: the least noisy figure here.
			cpuMsPerEvent: cpuMs / events.length,
			peakMb: peakKb / 1024,
			// Before the load: n8n started, its first executions done.
			idleMb: idleKb / 1024,
		};
	} finally {
		rss?.stop();
		await server.stop();
		if (process.env.BENCH_TRIGGER_LOGS) {
			fs.mkdirSync(process.env.BENCH_TRIGGER_LOGS, { recursive: true });
			fs.copyFileSync(logFile, path.join(process.env.BENCH_TRIGGER_LOGS, path.basename(logFile)));
		}
	}
	Object.assign(measured, await readDatabase(nodeBin, n8nDir, userFolder));
	measured.log = logProblems(fs.readFileSync(logFile, 'utf8'));
	fs.rmSync(userFolder, { recursive: true, force: true });
	return measured;
}

const fixed = (value, digits = 0) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const statusText = (statuses) =>
	Object.entries(statuses)
		.map(([status, n]) => `${n} × ${status}`)
		.join(', ') || '0';
const perRun = (rows, of) => rows.map(of).join(', ');
/** What a run saw that the table has no column for. */
const oddities = (r) =>
	[
		r.answeredUnaccepted && `${r.answeredUnaccepted} answered without a 202`,
		r.extraAnswers && `${r.extraAnswers} extra answers`,
		r.refusedAnswers && `${r.refusedAnswers} answers refused by the sandbox`,
	]
		.filter(Boolean)
		.map((text) => `, ${text}`)
		.join('');

/** One load's table: medians (min–max) of the rates, times and memory; counts per run (round order). */
function printScenario(scenario, byContender) {
	console.log(`#### ${scenario.events.toLocaleString('en-US')} edna events, ${scenario.inFlight} in flight\n`);
	console.log(
		'| workflow | events/s (min–max) | p50 ms | p99 ms | n8n CPU ms/event (min–max) | accepted (202) | lost | duplicated | non-202 answers | retries | peak RSS MB (min–max) | RSS before the load MB | executions |',
	);
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|');
	const med = (rows, of) => median(rows.map(of));
	for (const [contender, rows] of byContender) {
		if (rows.length === 0) continue;
		const range = (of, digits = 0) => `${fixed(med(rows, of), digits)} (${fixed(Math.min(...rows.map(of)), digits)}–${fixed(Math.max(...rows.map(of)), digits)})`;
		const cells = [
			contender.label,
			range((r) => r.perSecond, 1),
			fixed(med(rows, (r) => r.p50)),
			fixed(med(rows, (r) => r.p99)),
			range((r) => r.cpuMsPerEvent, 1),
			perRun(rows, (r) => r.accepted),
			perRun(rows, (r) => r.lost),
			perRun(rows, (r) => r.duplicated),
			rows.map((r) => statusText(r.statuses)).join('; '),
			perRun(rows, (r) => r.retries),
			range((r) => r.peakMb),
			fixed(med(rows, (r) => r.idleMb)),
			rows.map((r) => statusText(r.executions)).join('; '),
		];
		console.log(`| ${cells.join(' | ')} |`);
	}
	const pairs = [
		['ours', 'hand-built'],
		['ours-legacy', 'hand-built-legacy'],
	];
	for (const [a, b] of pairs) {
		const rowsOf = (key) => [...byContender].find(([c]) => c.key === key)?.[1] ?? [];
		const [ra, rb] = [rowsOf(a), rowsOf(b)];
		if (!ra.length || !rb.length) continue;
		const ratio = (of, digits = 2) => fixed(median(ra.map(of)) / median(rb.map(of)), digits);
		console.log(
			`\n${a} / ${b}: events/s ${ratio((r) => r.perSecond)}, p50 ${ratio((r) => r.p50)}, p99 ${ratio((r) => r.p99)}, CPU/event ${ratio((r) => r.cpuMsPerEvent)}, peak RSS ${ratio((r) => r.peakMb)}`,
		);
	}
	console.log('');
}

/**
 * Runs the trigger scenarios; prints one table per load and returns the
 * problems of our workflow (lost or duplicated answers, events not accepted).
 * `tarball` is the packed package, `sandbox` the running vendor sandbox.
 */
async function runTriggerBench({ scenarios: loads, contenders, rounds, tarball, nodeBin, n8nBin, n8nDir, tempDir, sandbox }) {
	const encryptionKey = `bench-${Date.now()}`;
	const flows = workflows(sandbox);
	const folders = {};
	for (const name of new Set(contenders.map((c) => c.folder))) {
		folders[name] = await step(`triggers: a user folder with the ${name} workflow published`, () =>
			prepareFolder({ name, workflow: flows[name].workflow, tarball, nodeBin, n8nBin, tempDir, sandbox, encryptionKey }),
		);
	}
	const ctx = { sandbox, nodeBin, n8nBin, n8nDir, tempDir, folders, workflows: flows };
	const results = new Map(loads.map((s) => [s, new Map(contenders.map((c) => [c, []]))]));
	let runIndex = 0;
	for (let round = 0; round < rounds; round++) {
		for (const scenario of loads) {
			const order = round % 2 ? [...contenders].reverse() : contenders;
			for (const contender of order) {
				const row = await step(`round ${round + 1}: ${scenario.name}: ${contender.label}`, async () => {
					const r = await once(ctx, scenario, contender, ++runIndex);
					const note = `${r.perSecond.toFixed(1)}/s, p50 ${Math.round(r.p50)} ms, p99 ${Math.round(r.p99)} ms, ${r.cpuMsPerEvent.toFixed(1)} ms CPU/event, ${r.accepted}/${r.events} accepted, ${r.lost} lost, ${r.duplicated} duplicated, non-202: ${statusText(r.statuses)}, ${r.retries} retries, peak ${Math.round(r.peakMb)} MB, executions ${statusText(r.executions)}, static data ${(r.staticDataBytes / 1024).toFixed(1)} KB${oddities(r)}`;
					return { ...r, note };
				});
				for (const line of row.log.slice(0, 5)) console.log(`    n8n log: ${line}`);
				results.get(scenario).get(contender).push(row);
			}
		}
	}

	console.log(`\nThe trigger path: one \`n8n start\` per run; medians of ${rounds} round(s)\n`);
	const problems = [];
	for (const scenario of loads) {
		printScenario(scenario, results.get(scenario));
		for (const [contender, rows] of results.get(scenario)) {
			if (!contender.key.startsWith('ours')) continue;
			for (const r of rows) {
				if (r.lost || r.duplicated || r.accepted !== r.events) {
					problems.push(`${scenario.name}, ${contender.label}: ${r.accepted}/${r.events} accepted, ${r.lost} lost, ${r.duplicated} duplicated`);
				}
			}
		}
	}
	return problems;
}

module.exports = { scenarios, CONTENDERS, runTriggerBench };
