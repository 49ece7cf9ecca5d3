// The trigger check in a real n8n: the conversation workflows of
// examples/conversations/ are imported, published and run by `n8n start`
// (active workflows, production webhooks, polling). The vendor sandbox then
// plays a customer for each trigger and also sends forged events; each
// simulated customer message must give exactly one successful execution
// (counted in n8n's database) and one reply at the sandbox, and a forged
// event none.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT, MINUTE } = require('./config');
const { mustRun, sleep, waitFor } = require('./processes');
const { startN8n } = require('./n8n-server');
const { prepareWorkflow, credentialsFor } = require('./workflows');

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
	const { server, base } = await startN8n({ cli, nodeBin, n8nBin, cwd: tempDir, logFile: path.join(tempDir, 'n8n-triggers.log') });
	const rows = [];
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
			const replies = () => sandbox.ledger.filter((e) => e.vendor === c.reply[0] && e.operation === c.reply[1]);
			await waitFor(`${c.file}: the reply at the sandbox`, () => replies().length > 0, 2 * MINUTE).catch((e) => problems.push(e.message));
			rows.push({ c, problems, ms: Date.now() - started, replies: replies().length });
		}
		// A second poll or a late retry would show up now.
		await sleep(3000);
	} finally {
		cli.outputs.push({ where: 'n8n start', text: server.output() });
		await server.stop();
	}
	const executions = await executionsByWorkflow({ nodeBin, n8nDir, userFolder });
	return rows.map(({ c, problems, ms, replies }) => {
		const mine = executions.filter((e) => e.workflowId === c.workflow.id);
		const success = mine.filter((e) => e.status === 'success').reduce((n, e) => n + e.n, 0);
		const other = mine.filter((e) => e.status !== 'success');
		if (success !== 1) problems.push(`${success} successful execution(s), not 1`);
		if (other.length) problems.push(`other executions: ${JSON.stringify(other)}`);
		if (replies !== 1) problems.push(`${replies} repl(ies) at the sandbox, not 1`);
		return { file: `conversations/${c.file}`, ok: problems.length === 0, items: success, messages: `${replies}/1`, executeMs: ms, problems };
	});
}

module.exports = { runTriggers, CASES };
