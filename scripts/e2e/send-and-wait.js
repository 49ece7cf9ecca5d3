// Send and Wait for Response in a real n8n (`n8n start`, and queue mode through
// queue-mode.js): the appointment confirmations of examples/send-and-wait/ —
// started by a Webhook node instead of the Manual Trigger, so that a published
// workflow runs them — ask, and the execution must be *waiting* in n8n's
// database; a forged link must get 401 and leave it waiting; the sandbox
// customer then opens the link and taps the answer, and the execution must
// finish with it (the answer at the sandbox, status success). One question
// with a Limit Wait Time of a few seconds must be resumed by n8n's own
// WaitTracker with its input. In Chromium, a phone-sized browser opens the
// customer's page, must show it without sideways scrolling, and its button
// must resume the execution (screenshots kept). The examples of
// examples/send-and-wait/in-chat/ run with their triggers: the customer's
// "yes" in the chat resumes the execution, another conversation's message
// starts its own, and nothing stays registered at the vendor.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, MINUTE, PACKAGE } = require('./config');
const { waitFor, sleep } = require('./processes');
const { startN8n, ownerSession } = require('./n8n-server');
const { prepareWorkflow, credentialsFor } = require('./workflows');
const { executionsByWorkflow } = require('./triggers');

const { CHAT_VENDORS, SEND_AND_WAIT_EXAMPLES, loadSendAndWaitExample, linksOf } = require(path.join(ROOT, 'test', 'shared', 'send-and-wait'));

const YES = 'Thank you, see you on Tuesday at 10:00.';
const NO_ANSWER = 'We did not hear from you, so we will call you to agree on a time.';

/**
 * Which of the sandbox's messages belong to a link question of each vendor's
 * example (its thread, session or chat session), so that cases running at the
 * same time do not count each other's.
 */
const LINK_MESSAGES = {
	edna: (entry) => entry.vendor === 'edna' && entry.operation === 'sendToThread' && entry.body?.threadId === 501,
	evovoice: (entry) => entry.vendor === 'evovoice' && entry.operation === 'sendToSession',
	superoffice: (entry) => entry.vendor === 'superoffice' && entry.operation === 'addChatMessage' && entry.chatSessionId === 101,
};
/** The thread the time-limit question goes to: edna's example asks in 501, this one in 502. */
const TIMEOUT_THREAD = 502;

/** The text of a message the sandbox received, whatever the vendor calls it. */
const textOf = (entry) => entry.body?.text ?? entry.body?.body ?? entry.body?.Message;

/** A stable UUID-like id from a name, so that webhook ids and paths are known before import. */
function stableUuid(name) {
	const hex = crypto.createHash('sha256').update(name).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An example with its Manual Trigger replaced by a Webhook node at `webhook/<webhookPath>` (POST), as a published workflow starts. */
function withWebhook(workflow, webhookPath) {
	const copy = JSON.parse(JSON.stringify(workflow));
	const manual = copy.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	Object.assign(manual, {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: stableUuid(webhookPath),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	});
	const [first] = Object.keys(copy.connections);
	copy.connections = { Webhook: copy.connections[first], ...Object.fromEntries(Object.entries(copy.connections).filter(([key]) => key !== first)) };
	return copy;
}

/** The link questions of every vendor, one timed-out question, and the in-chat examples, prepared for import. */
function sendAndWaitWorkflows(credentialIds, prefix = 'send-and-wait') {
	const link = SEND_AND_WAIT_EXAMPLES.map((file) => {
		const vendor = file.split('-')[0];
		const webhookPath = `${prefix}-${vendor}`;
		return { kind: 'link', vendor, file, webhookPath, ...prepareWorkflow(`${prefix}/${file}`, withWebhook(loadSendAndWaitExample(file), webhookPath), credentialIds) };
	});
	const timed = withWebhook(loadSendAndWaitExample(SEND_AND_WAIT_EXAMPLES[0]), `${prefix}-time-limit`);
	const ask = timed.nodes.find((node) => node.parameters?.operation === 'sendAndWait');
	// A few seconds: n8n's WaitTracker looks for due executions every minute.
	ask.parameters.options = { ...ask.parameters.options, limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.1, resumeUnit: 'minutes' } } };
	for (const node of timed.nodes) if (node.parameters?.threadId !== undefined) node.parameters.threadId = String(TIMEOUT_THREAD);
	timed.name = `${timed.name} (time limit 6 s)`;
	const timeout = { kind: 'timeout', vendor: SEND_AND_WAIT_EXAMPLES[0].split('-')[0], file: `time limit: ${SEND_AND_WAIT_EXAMPLES[0]}`, webhookPath: `${prefix}-time-limit`, ...prepareWorkflow(`${prefix}/timeout`, timed, credentialIds) };
	const chat = CHAT_VENDORS.map((vendor) => {
		const original = loadSendAndWaitExample(`in-chat/${vendor.file}`);
		const prepared = prepareWorkflow(`${prefix}/in-chat/${vendor.file}`, original, credentialIds);
		return { kind: 'chat', vendor: vendor.vendor, chat: vendor, file: `in-chat/${vendor.file}`, ...prepared, trigger: prepared.workflow.nodes.find((n) => n.name === vendor.trigger) };
	});
	return [...link, timeout, ...chat];
}

/**
 * Reads what `list` of executions says about a workflow: { waiting, success, other }.
 * `rows` are { workflowId, status, n } (executionsByWorkflow), or id/status rows from PostgreSQL.
 */
function countsOf(rows, workflowId) {
	const mine = rows.filter((row) => row.workflowId === workflowId);
	const count = (status) => mine.filter((row) => row.status === status).reduce((n, row) => n + (row.n ?? 1), 0);
	return { waiting: count('waiting'), success: count('success'), other: mine.filter((row) => !['waiting', 'success'].includes(row.status)) };
}

/**
 * Starts a published workflow through its Webhook node. n8n answers /healthz/readiness before it has
 * activated every workflow; until it has, a webhook is not registered (404) and nothing starts, so a
 * 404 is asked again, for at most a minute.
 */
async function callWebhook(url) {
	const call = () => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
	let response = await call();
	for (const until = Date.now() + MINUTE; response.status === 404 && Date.now() < until; response = await call()) await sleep(1000);
	return response;
}

/** The answer button the page shows first (the one the link was for), as an absolute URL. */
async function primaryAction(url) {
	const html = await (await fetch(url)).text();
	const action = /<form class="inline" method="post" action="([^"]+)"><button type="submit" class="primary"/.exec(html);
	if (!action) throw new Error(`no answer button on the page of ${url}`);
	return new URL(action[1].replace(/&amp;/g, '&'), url);
}

/**
 * One link question: the webhook starts the workflow, the question arrives,
 * the execution waits in n8n's database, a forged link gets 401 and leaves it
 * waiting, then the customer answers (`answer(url)`), and it must finish with
 * the answer at the sandbox. `executions()` reads n8n's database.
 */
async function linkCase({ p, sandbox, webhookBase, executions, answer }) {
	const problems = [];
	const started = Date.now();
	const before = sandbox.ledger.length;
	const mine = () => sandbox.ledger.slice(before).filter(LINK_MESSAGES[p.vendor]);
	const call = await callWebhook(`${webhookBase}webhook/${p.webhookPath}`);
	if (call.status !== 200) problems.push(`the webhook answered ${call.status}`);
	const question = await waitFor(`${p.file}: the question at the sandbox`, () => mine()[0], MINUTE).catch((e) => problems.push(e.message) && undefined);
	if (!question) return { problems, ms: Date.now() - started };
	await waitFor(`${p.file}: the execution waiting in n8n's database`, async () => countsOf(await executions(), p.workflow.id).waiting === 1, MINUTE).catch((e) => problems.push(e.message));
	const links = linksOf(textOf(question));
	const yes = links[Object.keys(links).find((label) => label.startsWith('✓'))];
	const forged = new URL(yes);
	forged.searchParams.set('signature', 'f'.repeat(64));
	const forgedStatus = (await fetch(forged, { method: 'POST' })).status;
	if (forgedStatus !== 401) problems.push(`a forged link got ${forgedStatus}, not 401`);
	const unsigned = new URL(yes);
	unsigned.searchParams.delete('signature');
	const unsignedStatus = (await fetch(unsigned, { method: 'POST' })).status;
	if (unsignedStatus !== 401) problems.push(`a link without signature got ${unsignedStatus}, not 401`);
	const stillWaiting = countsOf(await executions(), p.workflow.id);
	if (stillWaiting.waiting !== 1 || stillWaiting.success !== 0) problems.push(`after the forged links: ${JSON.stringify(stillWaiting)}, not one waiting execution`);
	await answer(yes, problems);
	await waitFor(`${p.file}: the answer at the sandbox`, () => mine().length >= 2, MINUTE).catch((e) => problems.push(e.message));
	await waitFor(`${p.file}: the execution finished`, async () => countsOf(await executions(), p.workflow.id).success === 1, MINUTE).catch((e) => problems.push(e.message));
	const reply = mine()[1];
	if (reply && textOf(reply) !== YES) problems.push(`the workflow answered ${JSON.stringify(textOf(reply))}, not ${JSON.stringify(YES)}`);
	const final = countsOf(await executions(), p.workflow.id);
	if (final.success !== 1 || final.waiting !== 0 || final.other.length) problems.push(`executions in the end: ${JSON.stringify(final)}`);
	return { problems, ms: Date.now() - started, messages: `${mine().length}/2` };
}

/** The customer answers with a plain HTTP client: GET the page, POST its first button. */
async function answerByFetch(url, problems) {
	const action = await primaryAction(url);
	const posted = await fetch(action, { method: 'POST' });
	if (posted.status !== 200 || !(await posted.text()).includes('Got it, thanks')) problems.push(`the answer got ${posted.status}, not "Got it, thanks"`);
}

/**
 * The customer answers in a phone-sized Chromium: the page must fit the
 * screen (no sideways scrolling), its buttons be large enough to tap, and the
 * tap must show "Got it, thanks". Screenshots go to `shots`.
 */
function answerInBrowser(browser, shots) {
	return async (url, problems) => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
		const page = await context.newPage();
		try {
			await page.goto(url, { timeout: 30_000 });
			await page.locator('button.primary').waitFor({ timeout: 30_000 });
			await page.screenshot({ path: path.join(shots, 'send-and-wait-page.png'), fullPage: true });
			const layout = await page.evaluate(() => ({
				scrollWidth: globalThis.document.documentElement.scrollWidth,
				innerWidth: globalThis.innerWidth,
				buttons: [...globalThis.document.querySelectorAll('button')].map((b) => b.getBoundingClientRect().height),
			}));
			if (layout.scrollWidth > layout.innerWidth) problems.push(`the page is ${layout.scrollWidth} px wide on a ${layout.innerWidth} px phone`);
			if (layout.buttons.some((height) => height < 44)) problems.push(`buttons too small to tap: ${layout.buttons.join(', ')} px`);
			await page.locator('button.primary').tap();
			await page.getByText('Got it, thanks').waitFor({ timeout: 30_000 });
			await page.screenshot({ path: path.join(shots, 'send-and-wait-answered.png'), fullPage: true });
		} catch (error) {
			await page.screenshot({ path: path.join(shots, 'failed-send-and-wait.png') }).catch(() => undefined);
			problems.push(`${error.message.split('\n')[0]} (screenshot failed-send-and-wait.png)`);
		} finally {
			await context.close();
		}
	};
}

/** A question with a Limit Wait Time of 6 s: n8n's WaitTracker must resume it, and the workflow go on without an answer. */
async function timeoutCase({ p, sandbox, webhookBase, executions }) {
	const problems = [];
	const started = Date.now();
	const before = sandbox.ledger.length;
	const mine = () => sandbox.ledger.slice(before).filter((e) => e.vendor === 'edna' && e.body?.threadId === TIMEOUT_THREAD);
	const call = await callWebhook(`${webhookBase}webhook/${p.webhookPath}`);
	if (call.status !== 200) problems.push(`the webhook answered ${call.status}`);
	await waitFor(`${p.file}: waiting in n8n's database`, async () => countsOf(await executions(), p.workflow.id).waiting === 1, MINUTE).catch((e) => problems.push(e.message));
	// n8n's WaitTracker looks for due executions every minute.
	await waitFor(`${p.file}: resumed by n8n when the time limit passed`, async () => countsOf(await executions(), p.workflow.id).success === 1, 3 * MINUTE).catch((e) => problems.push(e.message));
	const texts = mine().map(textOf);
	if (texts.length !== 2 || texts[1] !== NO_ANSWER) problems.push(`the sandbox got ${JSON.stringify(texts.slice(1))}, not ${JSON.stringify([NO_ANSWER])}`);
	return { problems, ms: Date.now() - started, messages: `${texts.length}/2` };
}

/**
 * An in-chat example with its trigger active: a customer writes (the workflow
 * asks and waits), a customer of another conversation writes (a workflow of
 * its own), the first customer writes "yes" (the waiting execution goes on,
 * nothing new starts), and what is registered at the vendor is what the
 * trigger itself registered.
 */
async function chatCase({ p, sandbox, webhookBase, executions }) {
	const problems = [];
	const started = Date.now();
	const { chat } = p;
	const [mine, other] = chat.conversations;
	const registeredBefore = JSON.stringify(chat.registered(sandbox));
	chat.connect(sandbox, `${webhookBase}webhook/${p.trigger.webhookId}/webhook`);
	const earlier = chat.sent(sandbox).length;
	const sent = () => chat.sent(sandbox).slice(earlier).map((m) => m.text);
	const count = async () => countsOf(await executions(), p.workflow.id);
	// EvoVoice's trigger polls every minute; its first poll, at activation, sets where it starts: a message
	// written before it would never count as new.
	const wait = chat.polls ? 3 * MINUTE : MINUTE;
	if (chat.polls) {
		const polled = () => sandbox.requests.some((r) => r.vendor === chat.vendor && r.method === 'GET' && r.path.startsWith('/messages'));
		await waitFor(`${p.file}: the trigger's first poll`, polled, 2 * MINUTE).catch((e) => problems.push(e.message));
	}
	await chat.write(sandbox, mine, 'e2e: about my appointment');
	await waitFor(`${p.file}: the question, waiting`, async () => (await count()).waiting === 1 && sent().length === 1, wait).catch((e) => problems.push(e.message));
	await chat.write(sandbox, other, 'e2e: yes');
	await waitFor(`${p.file}: the other conversation's own question`, async () => (await count()).waiting === 2 && sent().length === 2, wait).catch((e) => problems.push(e.message));
	await chat.write(sandbox, mine, 'yes');
	await waitFor(`${p.file}: the answer from the chat`, async () => (await count()).success === 1 && sent().includes(YES), wait).catch((e) => problems.push(e.message));
	await sleep(chat.polls ? 2000 : 1000);
	const final = await count();
	if (final.success !== 1 || final.waiting !== 1 || final.other.length) problems.push(`executions: ${JSON.stringify(final)}, not 1 finished and 1 waiting`);
	if (JSON.stringify(chat.registered(sandbox)) !== registeredBefore) problems.push(`registered at the vendor: ${JSON.stringify(chat.registered(sandbox))}, not what the trigger had before`);
	return { problems, ms: Date.now() - started, messages: `${sent().length}/3` };
}

/**
 * n8n turns every node whose Operation list has Send and Wait for Response
 * (and restart webhooks) into a human-review tool for its AI Agent
 * (tool-generation/hitl-tools.js): the editor must be offered one per node.
 */
async function hitlToolsRow(base) {
	const started = Date.now();
	const cookie = await ownerSession(base);
	const types = await (await fetch(`${base}/types/nodes.json`, { headers: { Cookie: cookie } })).json();
	const names = new Set(types.map((type) => type.name));
	const expected = ['ednaChatCenter', 'evoVoice', 'superOffice'].map((name) => `${PACKAGE.name}.${name}HitlTool`);
	const missing = expected.filter((name) => !names.has(name));
	return {
		file: 'send-and-wait: the nodes as human review tools of the AI Agent (HitlTool)',
		ok: missing.length === 0,
		items: expected.length - missing.length,
		messages: '-',
		executeMs: Date.now() - started,
		problems: missing.length ? [`not offered by n8n: ${missing.join(', ')}`] : [],
	};
}

/** Runs one prepared workflow's case; returns a report row. */
async function runCase(p, context) {
	const out =
		p.kind === 'link'
			? await linkCase({ p, ...context, answer: context.browserFor?.(p) ?? answerByFetch })
			: p.kind === 'timeout'
				? await timeoutCase({ p, ...context })
				: await chatCase({ p, ...context });
	const label = p.kind === 'link' && context.browserFor?.(p) ? `${p.file} (answered in Chromium)` : p.file;
	return { file: `${context.where}send-and-wait/${label}`, ok: out.problems.length === 0, items: 0, messages: out.messages ?? '-', executeMs: out.ms, problems: out.problems };
}

/**
 * The check in `n8n start` on the run's user folder. `browser` (a launched
 * Chromium, or undefined) answers the first vendor's link. Returns rows.
 */
async function sendAndWaitCheck({ cli, nodeBin, n8nBin, n8nDir, userFolder, tempDir, sandbox, credentialIds, credentialsByType, browser }) {
	const prepared = sendAndWaitWorkflows(credentialIds);
	const types = [...new Set(prepared.flatMap((p) => [...p.needed]))].sort();
	await cli.importList('credentials', credentialsFor(types, credentialIds, credentialsByType));
	await cli.importList('workflow', prepared.map((p) => p.workflow));
	// The trigger check published workflows of its own in this user folder; active here, they would answer
	// this check's customers too (the EvoVoice one answers every message it polls).
	await cli.command(['unpublish:workflow', '--all'], 'n8n unpublish:workflow --all');
	for (const p of prepared) await cli.command(['publish:workflow', `--id=${p.workflow.id}`], `n8n publish:workflow ${p.file}`);
	sandbox.reset();
	const shots = `${tempDir}-screenshots`;
	fs.mkdirSync(shots, { recursive: true });
	const { server, base } = await startN8n({ cli, nodeBin, n8nBin, cwd: tempDir, logFile: path.join(tempDir, 'n8n-send-and-wait.log') });
	const executions = async () => await executionsByWorkflow({ nodeBin, n8nDir, userFolder });
	const rows = [];
	const context = { sandbox, webhookBase: `${base}/`, executions, where: '', browserFor: browser ? (p) => (p === prepared[0] ? answerInBrowser(browser, shots) : undefined) : undefined };
	try {
		rows.push(await hitlToolsRow(base));
		// The time limit (n8n's WaitTracker looks every minute) and EvoVoice's answer in the chat (its trigger
		// polls every minute) take minutes of n8n's clock: they run beside the others, on messages of their own.
		const slow = (p) => p.kind === 'timeout' || (p.kind === 'chat' && p.chat.polls);
		const beside = prepared.filter(slow).map((p) => runCase(p, context));
		for (const p of prepared.filter((p) => !slow(p))) rows.push(await runCase(p, context));
		rows.push(...(await Promise.all(beside)));
		return rows;
	} finally {
		await server.stop();
		cli.outputs.push({ where: 'n8n start (send and wait)', text: server.output() });
	}
}

/**
 * Queue mode (queue-mode.js): the link questions through the first webhook
 * processor (the links point there: WEBHOOK_URL), executed by the workers,
 * waiting in PostgreSQL. (Answers in the chat are not offered in queue mode:
 * a worker cannot save the note of a waiting question — docs/send-and-wait.md,
 * Limits.) Returns rows.
 */
async function queueSendAndWaitCheck({ cluster, sandbox, prepared }) {
	const executions = async () =>
		(await cluster.postgres.query('SELECT "workflowId", status, COUNT(*) FROM execution_entity GROUP BY "workflowId", status')).map(([workflowId, status, n]) => ({ workflowId, status, n: Number(n) }));
	const context = { sandbox, webhookBase: cluster.webhookBase, executions, where: 'queue mode: ' };
	const rows = [];
	for (const p of prepared) rows.push(await runCase(p, context));
	return rows;
}

module.exports = { sendAndWaitCheck, sendAndWaitWorkflows, queueSendAndWaitCheck };
