// The package in n8n's queue mode (queue-cluster.js: main, two workers, a
// webhook processor on Redis and PostgreSQL):
// - a 2,000-message batch, sent as 20 webhook calls of 100 messages to the
//   webhook processor, each one execution of Webhook → Split Out → EvoVoice
//   Send: the sandbox must hold every message exactly once, every execution
//   must succeed, and both workers must have run some (their logs say which);
// - the edna chatbot and SuperOffice triggers (examples/conversations/)
//   through the webhook processor: one execution and one reply per customer
//   message (two in turn: the second after a worker ran the first, whose
//   static data it saves whole), none for a forged one;
// - an edna burst of 100 customer messages through webhook processor 1, the
//   same burst redelivered to processor 2, to processor 1, and to processor 2
//   again: the counts of executions each delivery started (burstCheck);
// - a worker killed (SIGKILL) in the middle of a batch: measured what n8n does
//   with its execution (re-run by the other worker? marked crashed?) and
//   whether any message arrives twice. docs/queue-mode.md has the numbers.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { PACKAGE, MINUTE } = require('./config');
const { waitFor } = require('./processes');
const { prepareWorkflow, credentialsFor } = require('./workflows');
const { CASES } = require('./triggers');
const ednaBot = require('../../test/sandbox/vendors/edna-bot');
const superOfficeWebhooks = require('../../test/sandbox/vendors/superoffice-webhooks');
const { startCluster, executionsStartedBy, killHard, FAST_RECOVERY } = require('./queue-cluster');
const { sendAndWaitWorkflows, queueSendAndWaitCheck } = require('./send-and-wait');

const CALLS = 20;
const PER_CALL = 100;
// More calls than one worker takes at once (its concurrency), so both get some.
const KILL_CALLS = 8;
const WEBHOOK_PATH = 'queue-mode-batch';
const BATCH_ID = 'wQueueModeBatch1';
const TRIGGER_CASES = CASES.filter((c) => c.trigger !== 'evoVoiceTrigger');

function batchWorkflow(credentialIds) {
	const credential = credentialIds.evoVoiceBasicApi;
	const node = (name, type, typeVersion, x, parameters, extra = {}) => ({ id: `0e2e0000-0000-4000-8000-0000000000${x}`, name, type, typeVersion, position: [x * 10, 0], parameters, ...extra });
	return {
		id: BATCH_ID,
		name: 'Queue mode: a batch of SMS',
		active: false,
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', 2, 10, { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} }, { webhookId: '0e2e0000-0000-4000-8000-0000000000aa' }),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, 20, { fieldToSplitOut: 'body.messages', options: {} }),
			node(
				'Send Message',
				`${PACKAGE.name}.evoVoice`,
				1,
				30,
				{ resource: 'message', operation: 'send', sendTo: 'endpointAndAddress', endpointId: 'ep-main', toAddress: '+15550104477', body: '={{ $json.text }} [execution {{ $execution.id }}]', options: {} },
				{ credentials: { evoVoiceBasicApi: credential } },
			),
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Send Message', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * The sandbox's messages of one batch: each text is "<prefix> <call> message <i>
 * [execution <id>]"; a message is the same message whatever execution sent it.
 * Returns { total, distinct, perCall, perExecution } (distinct messages per call, messages per execution).
 */
function ledgerOf(sandbox, prefix) {
	const texts = sandbox.received('evovoice').map((m) => m.body?.body).filter((t) => typeof t === 'string' && t.startsWith(`${prefix} `));
	const perCall = {};
	const perExecution = {};
	const keys = new Set();
	for (const text of texts) {
		const [, key, execution] = /^(.*) \[execution (\d+)\]$/.exec(text) ?? [text, text, '?'];
		perExecution[execution] = (perExecution[execution] ?? 0) + 1;
		if (keys.has(key)) continue;
		keys.add(key);
		const call = key.split(' ')[1];
		perCall[call] = (perCall[call] ?? 0) + 1;
	}
	return { total: texts.length, distinct: keys.size, perCall, perExecution };
}

/** Calls the batch webhook once per call label, all at once; each call carries PER_CALL messages. */
async function sendBatch(webhookBase, prefix, calls) {
	const answers = await Promise.all(
		calls.map((call) =>
			fetch(`${webhookBase}webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ messages: Array.from({ length: PER_CALL }, (_, i) => ({ text: `${prefix} ${call} message ${i}` })) }),
			}).then((r) => r.status),
		),
	);
	return answers.filter((status) => status !== 200).map((status) => `a webhook call was answered ${status}`);
}

/** Status of each execution of a workflow, from n8n's database. */
async function executions(postgres, workflowId, afterId = 0) {
	const rows = await postgres.query(`SELECT id, status FROM execution_entity WHERE "workflowId" = '${workflowId}' AND id > ${Number(afterId)} ORDER BY id`);
	return rows.map(([id, status]) => ({ id, status }));
}

async function batchCheck({ cluster, sandbox }) {
	const started = Date.now();
	const calls = Array.from({ length: CALLS }, (_, i) => `c${i}`);
	const problems = await sendBatch(cluster.webhookBase, 'batch', calls);
	const expected = CALLS * PER_CALL;
	await waitFor(`${expected} messages at the sandbox`, async () => ledgerOf(sandbox, 'batch').total >= expected, 10 * MINUTE).catch((e) => problems.push(e.message));
	const done = await waitFor(`${CALLS} finished executions`, async () => {
		const list = await executions(cluster.postgres, BATCH_ID);
		return list.length >= CALLS && list.every((e) => !['new', 'running'].includes(e.status)) && list;
	}, 2 * MINUTE).catch((e) => problems.push(e.message) && []);
	const ms = Date.now() - started;
	const ledger = ledgerOf(sandbox, 'batch');
	if (ledger.distinct !== expected) problems.push(`${ledger.distinct} distinct messages at the sandbox, not ${expected}`);
	if (ledger.total !== ledger.distinct) problems.push(`${ledger.total - ledger.distinct} message(s) arrived twice`);
	const failed = done.filter((e) => e.status !== 'success');
	const short = done.filter((e) => ledger.perExecution[e.id] !== PER_CALL).map((e) => `${e.id}: ${ledger.perExecution[e.id] ?? 0}`);
	if (short.length) problems.push(`executions that did not send exactly ${PER_CALL} messages: ${short.join(', ')}`);
	if (done.length !== CALLS || failed.length) problems.push(`executions: ${done.length}, not successful: ${JSON.stringify(failed)}`);
	const byWorker = ['worker1', 'worker2'].map((name) => executionsStartedBy(cluster.processes[name]).filter((id) => done.some((e) => e.id === id)));
	if (byWorker.some((ids) => ids.length === 0)) problems.push(`executions per worker: ${byWorker.map((ids) => ids.length).join(' and ')}; both must have run some`);
	if (byWorker[0].length + byWorker[1].length !== done.length) problems.push(`the workers' logs name ${byWorker[0].length + byWorker[1].length} of ${done.length} executions`);
	console.log(`    ${expected} messages in ${CALLS} executions in ${(ms / 1000).toFixed(1)} s; worker1 ran ${byWorker[0].length} (${byWorker[0].join(', ')}), worker2 ${byWorker[1].length} (${byWorker[1].join(', ')})`);
	return {
		file: `queue mode: ${expected} messages, ${CALLS} executions`,
		ok: problems.length === 0,
		items: ledger.total,
		messages: `${ledger.distinct}/${expected}`,
		executeMs: ms,
		problems,
	};
}

async function triggerCheck({ cluster, sandbox, cases }) {
	const rows = [];
	// Registered by the main when it activated the workflow (examples/conversations/superoffice-answer-chat).
	await waitFor('SuperOffice webhook registered', async () => superOfficeWebhooks.registered(sandbox).length === 1, MINUTE);
	for (const c of cases) {
		const started = Date.now();
		const repliesBefore = sandbox.ledger.length;
		const problems = [];
		const url = `${cluster.webhookBase}webhook/${c.node.webhookId}/webhook`;
		for (const play of [c.forged, c.customer]) {
			const problem = await play({ sandbox, url, node: c.node });
			if (problem) problems.push(problem);
		}
		const replies = () => sandbox.ledger.slice(repliesBefore).filter((e) => e.vendor === c.reply[0] && e.operation === c.reply[1]).length;
		const finished = async (n) =>
			await waitFor(`${c.file}: ${n} finished execution(s)`, async () => {
				const list = await executions(cluster.postgres, c.workflow.id);
				return list.length >= n && list.every((e) => !['new', 'running'].includes(e.status)) && list;
			}, MINUTE).catch((e) => problems.push(e.message) && []);
		await waitFor(`${c.file}: the reply at the sandbox`, async () => replies() > 0, 2 * MINUTE).catch((e) => problems.push(e.message));
		await finished(1);
		// A second message once a worker has run (and ended) the first execution: a worker starts
		// with empty static data and saves it whole, which must not cost the trigger its state.
		const again = await c.customer({ sandbox, url, node: c.node });
		if (again) problems.push(`the second message: ${again}`);
		await waitFor(`${c.file}: the second reply`, async () => replies() > 1, 2 * MINUTE).catch((e) => problems.push(e.message));
		const done = await finished(2);
		const success = done.filter((e) => e.status === 'success').length;
		if (success !== 2 || done.length !== 2) problems.push(`${done.length} execution(s), ${success} successful; expected 2`);
		if (replies() !== 2) problems.push(`${replies()} repl(ies) at the sandbox, not 2`);
		rows.push({ file: `queue mode: conversations/${c.file}`, ok: problems.length === 0, items: success, messages: `${replies()}/2`, executeMs: Date.now() - started, problems });
	}
	return rows;
}

/**
 * The edna burst through two webhook processors. Processor 1 takes 100
 * customer messages at once; the same 100 then go, each time all at once, to
 * processor 2, to processor 1, and to processor 2 again. Redeliveries to
 * processor 1 must start nothing (its memory knows them); what the first
 * redelivery to processor 2 starts depends on the static data the workers
 * saved (docs/behaviour.md), so it is reported; by the last one, processor 1
 * has saved what it knows, and it must start nothing.
 */
async function burstCheck({ cluster, sandbox, edna }) {
	const problems = [];
	const started = Date.now();
	const events = ednaBot.customerMessages(sandbox, 100, { label: 'queue burst' });
	const secret = encodeURIComponent(edna.node.parameters.secret);
	const urlOf = (base) => `${base}webhook/${edna.node.webhookId}/webhook?secret=${secret}`;
	const replies = () => sandbox.ledger.filter((e) => e.vendor === 'edna' && e.operation === 'chatbotAnswer' && events.some((ev) => ev.questionId === e.questionId)).length;
	const all = async () => await executions(cluster.postgres, edna.workflow.id);
	const settled = async () => {
		await waitFor('the burst executions settled', async () => (await all()).every((e) => !['new', 'running'].includes(e.status)), 3 * MINUTE).catch((e) => problems.push(e.message));
		return (await all()).length;
	};
	const send = async (base, label) => {
		const statuses = await Promise.all(events.map((event) => fetch(urlOf(base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) }).then((r) => r.status, () => 0)));
		const other = statuses.filter((status) => status !== 202);
		if (other.length) problems.push(`${label}: ${other.length} of 100 answered ${[...new Set(other)]}, not 202`);
	};
	const before = (await all()).length;
	await send(cluster.webhookBase, 'the burst to processor 1');
	await waitFor('100 replies to the burst', async () => replies() >= 100, 3 * MINUTE).catch((e) => problems.push(e.message));
	const first = (await settled()) - before;
	const counts = [];
	for (const [base, label] of [
		[cluster.webhook2Base, 'redelivered to processor 2'],
		[cluster.webhookBase, 'redelivered to processor 1'],
		[cluster.webhook2Base, 'redelivered to processor 2 again'],
	]) {
		const at = await settled();
		await send(base, label);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		counts.push([label, (await settled()) - at]);
	}
	if (first !== 100) problems.push(`the burst started ${first} executions, not 100`);
	for (const [label, n] of counts.slice(1)) if (n !== 0) problems.push(`${label}: ${n} new execution(s), not 0`);
	const report = [`burst to processor 1: ${first} executions`, ...counts.map(([label, n]) => `${label}: ${n}`), `replies ${replies()}`];
	console.log(`    edna burst in queue mode: ${report.join('; ')}`);
	fs.writeFileSync(path.join(cluster.dir, 'burst-report.json'), JSON.stringify({ first, counts, replies: replies() }, null, 2));
	return {
		file: 'queue mode: edna burst of 100, redelivered through 2 webhook processors',
		ok: problems.length === 0,
		items: first + counts.reduce((n, [, c]) => n + c, 0),
		messages: `${replies()}/100`,
		executeMs: Date.now() - started,
		problems,
	};
}

/**
 * Sends KILL_CALLS executions with the sandbox slowed down, kills worker1 once
 * it has started one of them and the sandbox holds some of its messages, and
 * follows what n8n does next. Never twice is the promise checked here.
 */
async function killCheck({ cluster, sandbox }) {
	const problems = [];
	const victim = cluster.processes.worker1;
	const survivor = cluster.processes.worker2;
	const before = Math.max(0, ...(await executions(cluster.postgres, BATCH_ID)).map((e) => Number(e.id)));
	// Slower answers, so that an execution takes seconds (100 messages, 4 at a time) and the kill lands inside one.
	sandbox.latencyMs = 100;
	const calls = Array.from({ length: KILL_CALLS }, (_, i) => `k${i}`);
	const sent = sendBatch(cluster.webhookBase, 'kill', calls);
	const victimIds = await waitFor('worker1 sending the messages of one of the batch', async () => {
		const mine = executionsStartedBy(victim).filter((id) => Number(id) > before);
		const sending = ledgerOf(sandbox, 'kill').perExecution;
		return mine.some((id) => (sending[id] ?? 0) >= 10) && mine;
	}, 2 * MINUTE);
	killHard(victim);
	const killedAt = Date.now();
	const atKill = ledgerOf(sandbox, 'kill');
	problems.push(...(await sent));
	sandbox.latencyMs = 0;
	// Settled: every execution of the batch finished, failed or marked crashed by the main's queue recovery.
	const settled = await waitFor('every execution of the batch settled after the kill', async () => {
		const list = await executions(cluster.postgres, BATCH_ID, before);
		return list.length >= KILL_CALLS && list.every((e) => !['new', 'running'].includes(e.status)) && list;
	}, 4 * MINUTE).catch((e) => problems.push(e.message) && []);
	const settledMs = Date.now() - killedAt;
	// One more stalled-check round after settling, to see a late re-run if there were one.
	await new Promise((resolve) => setTimeout(resolve, 2 * Number(FAST_RECOVERY.QUEUE_WORKER_STALLED_INTERVAL)));
	const after = ledgerOf(sandbox, 'kill');
	const survivorIds = executionsStartedBy(survivor);
	const rerun = survivorIds.filter((id) => victimIds.includes(id));
	// Worker1 may also have taken a job it had not yet logged: anything worker2 did not run was worker1's.
	const killed = settled.filter((e) => !survivorIds.includes(e.id));
	if (after.total !== after.distinct) problems.push(`${after.total - after.distinct} message(s) arrived twice`);
	if (rerun.length) problems.push(`worker2 re-ran execution(s) ${rerun.join(', ')} of the killed worker`);
	const incomplete = calls.map((call) => [call, after.perCall[call] ?? 0]).filter(([, n]) => n < PER_CALL);
	const report = {
		killedExecutions: killed.map((e) => `${e.id}: ${e.status}, ${after.perExecution[e.id] ?? 0}/${PER_CALL} sent`),
		othersStatus: settled.filter((e) => survivorIds.includes(e.id)).map((e) => `${e.id}: ${e.status}, ${after.perExecution[e.id] ?? 0}/${PER_CALL} sent`),
		deliveredAtKill: atKill.total,
		deliveredAfter: after.total,
		distinct: after.distinct,
		callsIncomplete: incomplete.map(([call, n]) => `${call} ${n}/${PER_CALL}`),
		settledSecondsAfterKill: Math.round(settledMs / 1000),
	};
	fs.writeFileSync(path.join(cluster.dir, 'kill-report.json'), JSON.stringify(report, null, 2));
	console.log(`    worker1 killed with ${atKill.total} of ${KILL_CALLS * PER_CALL} messages delivered; worker1's execution(s) ${report.killedExecutions.join(', ')}; worker2's ${report.othersStatus.join(', ')}; settled ${report.settledSecondsAfterKill} s after the kill; delivered in the end ${after.total} (${after.distinct} distinct); incomplete calls: ${report.callsIncomplete.join(', ') || 'none'}; re-run by worker2: ${rerun.length ? rerun.join(', ') : 'none'}`);
	return {
		file: 'queue mode: a worker killed mid-batch (never twice)',
		ok: problems.length === 0,
		items: after.total,
		messages: `${after.distinct}/${KILL_CALLS * PER_CALL}`,
		executeMs: settledMs,
		problems,
	};
}

/**
 * The queue-mode check. `outputs` is the run's cli.outputs (the secret scan
 * reads everything n8n printed). Returns rows like the example rows.
 */
async function queueModeCheck({ nodeBin, n8nBin, tarball, tempDir, sandbox, credentialIds, credentialsByType, outputs, extraEnv = {} }) {
	const dir = path.join(tempDir, 'queue-mode');
	fs.mkdirSync(dir);
	const cases = TRIGGER_CASES.map((c) => {
		const original = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'conversations', c.file), 'utf8'));
		const prepared = prepareWorkflow(`queue/${c.file}`, original, credentialIds);
		return { ...c, ...prepared, node: prepared.workflow.nodes.find((n) => n.type.endsWith(`.${c.trigger}`)) };
	});
	// Send and Wait: the link questions and the answers in the chat (send-and-wait.js), under their own webhook paths.
	// (After the kill, so that executions resumed by worker2 are not taken for re-runs of worker1's. Only
	// edna's chat: a second SuperOffice trigger would register a second webhook beside the triggers' one.)
	const sendAndWait = sendAndWaitWorkflows(credentialIds, 'queue-send-and-wait').filter((p) => p.kind === 'link');
	const types = [...new Set(['evoVoiceBasicApi', ...cases.flatMap((c) => [...c.needed]), ...sendAndWait.flatMap((p) => [...p.needed])])].sort();
	const credentials = credentialsFor(types, credentialIds, credentialsByType);
	sandbox.reset();
	const cluster = await startCluster({ nodeBin, n8nBin, tarball, runDir: tempDir, dir, credentials, workflows: [batchWorkflow(credentialIds), ...cases.map((c) => c.workflow), ...sendAndWait.map((p) => p.workflow)], extraEnv });
	cluster.dir = dir;
	try {
		// A step that throws is a failed row; the steps after it still run.
		const failedRow = (file) => (error) => [{ file, ok: false, items: 0, messages: '0/?', executeMs: 0, problems: [error.message.split('\n')[0]] }];
		const rows = await batchCheck({ cluster, sandbox }).then((row) => [row], failedRow(`queue mode: ${CALLS * PER_CALL} messages`));
		rows.push(...(await triggerCheck({ cluster, sandbox, cases }).catch(failedRow('queue mode: triggers'))));
		const edna = cases.find((c) => c.trigger === 'ednaChatCenterTrigger');
		rows.push(...(await burstCheck({ cluster, sandbox, edna }).then((row) => [row], failedRow('queue mode: edna burst'))));
		rows.push(...(await killCheck({ cluster, sandbox }).then((row) => [row], failedRow('queue mode: a worker killed mid-batch'))));
		rows.push(...(await queueSendAndWaitCheck({ cluster, sandbox, prepared: sendAndWait }).catch(failedRow('queue mode: send and wait'))));
		return rows;
	} finally {
		sandbox.latencyMs = 0;
		await cluster.stop();
		outputs.push(...cluster.cli.outputs);
	}
}

module.exports = { queueModeCheck };
