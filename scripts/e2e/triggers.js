// The trigger check in a real n8n: the conversation workflows of
// examples/conversations/ are imported, published and run by `n8n start`
// (active workflows, production webhooks, polling). The vendor sandbox then
// plays a customer for each trigger and also sends forged events; each
// simulated customer message must give exactly one successful execution
// (counted in n8n's database) and one reply at the sandbox, and a forged
// event none. Then the worst ordinary day (bursts.js): an edna burst, the same
// burst redelivered, n8n restarted, the burst once more; a SuperOffice event
// twice at once and after the restart — still one execution and one reply each.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT, MINUTE } = require('./config');
const { mustRun, sleep, waitFor } = require('./processes');
const { startN8n } = require('./n8n-server');
const { prepareWorkflow, credentialsFor } = require('./workflows');
const bursts = require('./bursts');

const CONVERSATIONS = path.join(ROOT, 'examples', 'conversations');
const ednaBot = require(path.join(ROOT, 'test', 'sandbox', 'vendors', 'edna-bot'));
const superOfficeWebhooks = require(path.join(ROOT, 'test', 'sandbox', 'vendors', 'superoffice-webhooks'));
const evoVoiceIncoming = require(path.join(ROOT, 'test', 'sandbox', 'vendors', 'evovoice-incoming'));

/** Per trigger: how the sandbox plays the customer, a forged event, and the reply it must then hold. */
const CASES = [
	{
		file: 'edna-chatbot-answers.workflow.json',
		trigger: 'ednaChatCenterTrigger',
		reply: ['edna', 'chatbotAnswer'],
		async customer({ sandbox, url, node }) {
			ednaBot.setChatbotWebhook(sandbox, `${url}?secret=${encodeURIComponent(node.parameters.secret)}`);
			const { status } = await ednaBot.customerWrites(sandbox, { text: 'e2e: hello bot' });
			return status === 202 ? undefined : `edna's MESSAGE got ${status}, not 202`;
		},
		async forged({ sandbox, url }) {
			ednaBot.setChatbotWebhook(sandbox, `${url}?secret=forged`);
			const { status } = await ednaBot.customerWrites(sandbox, { text: 'e2e: forged' });
			return status === 403 ? undefined : `a wrong secret got ${status}, not 403`;
		},
	},
	{
		file: 'superoffice-answer-chat.workflow.json',
		trigger: 'superOfficeTrigger',
		reply: ['superoffice', 'addChatMessage'],
		async customer({ sandbox }) {
			const registered = superOfficeWebhooks.registered(sandbox);
			if (registered.length !== 1) return `${registered.length} SuperOffice webhook(s) registered on activation, not 1`;
			const { deliveries } = await superOfficeWebhooks.customerWrites(sandbox, { sessionId: 102, text: 'e2e: hello' });
			return JSON.stringify(deliveries) === '[[200]]' ? undefined : `the signed delivery got ${JSON.stringify(deliveries)}`;
		},
		async forged({ url }) {
			const status = await superOfficeWebhooks.forge(url, superOfficeWebhooks.event('chatsession.message', 102));
			return status === 403 ? undefined : `a forged signature got ${status}, not 403`;
		},
	},
	{
		file: 'evovoice-answer-incoming.workflow.json',
		trigger: 'evoVoiceTrigger',
		reply: ['evovoice', 'sendToEndpoint'],
		// EvoVoice has no webhook; the trigger finds the message at its next poll (every minute).
		async customer({ sandbox }) {
			evoVoiceIncoming.customerWrites(sandbox, { conversationId: 'conv-c', text: 'e2e: hello' });
			return undefined;
		},
		async forged() {
			return undefined;
		},
	},
];

/** Executions per workflow id and status, read from n8n's database with the sqlite3 of the n8n install. */
async function executionsByWorkflow({ nodeBin, n8nDir, userFolder }) {
	const script = `
		const sqlite3 = require(${JSON.stringify(path.join(n8nDir, 'node_modules', 'sqlite3'))});
		const db = new sqlite3.Database(${JSON.stringify(path.join(userFolder, '.n8n', 'database.sqlite'))});
		db.all('SELECT workflowId, status, mode, COUNT(*) AS n FROM execution_entity GROUP BY workflowId, status, mode', (error, rows) => {
			if (error) { console.error(error.message); process.exit(1); }
			console.log(JSON.stringify(rows));
		});`;
	const result = await mustRun(nodeBin, ['-e', script], { label: 'read executions', timeoutMs: MINUTE });
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** The static data n8n's database holds for a workflow (what a restart starts from). */
async function staticDataOf({ nodeBin, n8nDir, userFolder }, workflowId) {
	const script = `
		const sqlite3 = require(${JSON.stringify(path.join(n8nDir, 'node_modules', 'sqlite3'))});
		const db = new sqlite3.Database(${JSON.stringify(path.join(userFolder, '.n8n', 'database.sqlite'))});
		db.get('SELECT staticData FROM workflow_entity WHERE id = ?', [${JSON.stringify(workflowId)}], (error, row) => {
			if (error) { console.error(error.message); process.exit(1); }
			console.log(row && row.staticData ? row.staticData : '{}');
		});`;
	const result = await mustRun(nodeBin, ['-e', script], { label: 'read static data', timeoutMs: MINUTE });
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

/**
 * Runs the check. `cli` is the n8nCli of the run (same user folder and key);
 * returns rows like the example rows ({ file, ok, problems, … }).
 */
async function runTriggers({ cli, nodeBin, n8nBin, n8nDir, userFolder, tempDir, sandbox, credentialIds, credentialsByType }) {
	const cases = CASES.map((c) => {
		const original = JSON.parse(fs.readFileSync(path.join(CONVERSATIONS, c.file), 'utf8'));
		const prepared = prepareWorkflow(`conversations/${c.file}`, original, credentialIds);
		return { ...c, original, ...prepared, node: prepared.workflow.nodes.find((n) => n.type.endsWith(`.${c.trigger}`)) };
	});
	const types = [...new Set(cases.flatMap((c) => [...c.needed]))].sort();
	await cli.importList('credentials', credentialsFor(types, credentialIds, credentialsByType));
	await cli.importList('workflow', cases.map((c) => c.workflow));
	for (const c of cases) {
		await cli.command(['publish:workflow', `--id=${c.workflow.id}`], `n8n publish:workflow ${c.file}`);
	}

	sandbox.reset();
	const logFile = (name) => path.join(tempDir, `n8n-triggers${name}.log`);
	let { server, base } = await startN8n({ cli, nodeBin, n8nBin, cwd: tempDir, logFile: logFile('') });
	const rows = [];
	const replyCount = (c) => sandbox.ledger.filter((e) => e.vendor === c.reply[0] && e.operation === c.reply[1]).length;
	const burstProblems = [];
	try {
		// Activation registers the SuperOffice webhook and runs the first EvoVoice poll.
		await waitFor('SuperOffice webhook registered', () => superOfficeWebhooks.registered(sandbox).length === 1, MINUTE);
		await sleep(2000);
		for (const c of cases) {
			const url = `${base}/webhook/${c.node.webhookId}/webhook`;
			const problems = [];
			const started = Date.now();
			const forged = await c.forged({ sandbox, url, node: c.node });
			if (forged) problems.push(forged);
			const customer = await c.customer({ sandbox, url, node: c.node });
			if (customer) problems.push(customer);
			await waitFor(`${c.file}: the reply at the sandbox`, () => replyCount(c) > 0, 2 * MINUTE).catch((e) => problems.push(e.message));
			rows.push({ c, problems, ms: Date.now() - started });
		}
		const edna = cases.find((c) => c.trigger === 'ednaChatCenterTrigger');
		const waitForReplies = (n) =>
			waitFor(`the replies to the edna burst`, () => replyCount(edna) >= 1 + n, 3 * MINUTE).catch((e) => burstProblems.push(e.message));
		// What the burst's executions saved, before any redelivery: the events a restarted n8n would know.
		const afterFirstBurst = async () => {
			await sleep(2000);
			const saved = await staticDataOf({ nodeBin, n8nDir, userFolder }, edna.workflow.id);
			const remembered = Object.keys(saved[`node:${edna.node.name}`]?.startedEvents ?? {}).length;
			console.log(`    edna trigger: ${remembered} event(s) saved in the workflow's static data by the executions (${1 + bursts.BURST} started)`);
			return remembered === 1 + bursts.BURST ? [] : [`${remembered} event(s) saved in static data after the burst, not ${1 + bursts.BURST}`];
		};
		const before = await bursts.beforeRestart({ sandbox, waitForReplies, afterFirstBurst });
		burstProblems.push(...before.problems);
		// Late executions of the redeliveries would show up now; then n8n restarts on the same address.
		await sleep(3000);
		await server.stop();
		cli.outputs.push({ where: 'n8n start (before the restart)', text: server.output() });
		({ server, base } = await startN8n({ cli, nodeBin, n8nBin, cwd: tempDir, logFile: logFile('-restarted'), port: Number(new URL(base).port) }));
		await sleep(2000);
		burstProblems.push(...(await bursts.afterRestart({ sandbox, ...before })));
		// A second poll or a late retry would show up now.
		await sleep(5000);
	} finally {
		cli.outputs.push({ where: 'n8n start', text: server.output() });
		await server.stop();
	}
	const executions = await executionsByWorkflow({ nodeBin, n8nDir, userFolder });
	return rows.map(({ c, problems, ms }) => {
		const replies = replyCount(c);
		// The edna workflow also took the burst: one execution and one reply per distinct message.
		const expected = c.trigger === 'ednaChatCenterTrigger' ? 1 + bursts.BURST : 1;
		if (c.trigger === 'ednaChatCenterTrigger') problems.push(...burstProblems);
		const mine = executions.filter((e) => e.workflowId === c.workflow.id);
		const success = mine.filter((e) => e.status === 'success').reduce((n, e) => n + e.n, 0);
		const other = mine.filter((e) => e.status !== 'success');
		if (success !== expected) problems.push(`${success} successful execution(s), not ${expected}`);
		if (other.length) problems.push(`other executions: ${JSON.stringify(other)}`);
		if (replies !== expected) problems.push(`${replies} repl(ies) at the sandbox, not ${expected}`);
		return { file: `conversations/${c.file}`, ok: problems.length === 0, items: success, messages: `${replies}/${expected}`, executeMs: ms, problems };
	});
}

module.exports = { runTriggers, CASES, executionsByWorkflow };
