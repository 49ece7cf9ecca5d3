// Waiting executions, as n8n 2.41.1's server keeps and resumes them, built on
// n8n-core's own engine and contexts:
// - an execution runs with WorkflowExecute on run data made by n8n-workflow's
//   createRunExecutionData (so it carries a resumeToken, as every execution
//   n8n 2.41.1 starts does); when a node calls putExecutionToWait, the run
//   ends with status "waiting" and is stored as n8n's database would hold it
//   (JSON), with its waitTill;
// - `$execution.resumeUrl` and getSignedResumeUrl point at this host's
//   /webhook-waiting/<executionId> (additionalData.webhookWaitingBaseUrl);
// - a request there is handled as packages/cli dist/webhooks/waiting-webhooks.js
//   handles it: for a node whose Operation is sendAndWait the `signature`
//   query parameter is checked with n8n-core's validateUrlSignature against
//   the instance's HMAC secret (validateSignature), for any other the
//   execution's resumeToken (validateToken); a missing or wrong one gets 401
//   and the execution keeps waiting; an unknown execution 404, a running one
//   409, a finished one n8n's "no action required" page (send and wait) or
//   409; then the node's restart webhook (same method, path = suffix,
//   restartWebhook) runs in a WebhookContext on the stored run data, and
//   when it returns workflowData the execution resumes: the waiting node is
//   disabled, its input replaced by that data (webhook-helpers
//   prepareExecutionData, forwardAllOutputs), and n8n answers once the
//   execution runs again (responseMode onReceived);
// - request bodies are parsed as n8n parses them (webhook-helpers
//   parseRequestBody): multipart forms into { data, files }, and a Custom
//   Form answer that is not multipart is refused with 415
//   (requiresMultipartFormData);
// - `resumeDue(now)` is n8n's WaitTracker: every execution whose waitTill has
//   passed runs again with its stored data, which makes WorkflowExecute pass
//   the waiting node's input on (handleWaitingState). Nothing waits for real
//   time: a test says when "now" is.
'use strict';

require('./environment');
const { LoopbackServer } = require('./loopback');
const { Container } = require('@n8n/di');
const { ExecutionLifecycleHooks, InstanceSettings, WAITING_TOKEN_QUERY_PARAM, WebhookContext, WorkflowExecute, validateUrlSignature } = require('n8n-core');
const { NodeHelpers, SEND_AND_WAIT_OPERATION, Workflow, createRunExecutionData, resolveWebhookDescriptionField } = require('n8n-workflow');
const { timingSafeEqual } = require('node:crypto');
const { additionalDataFor, createNodeTypes, loadPackage, qualifyTypes, RunResult } = require('./engine');
const { CredentialsHelper } = require('./credentials-helper');
const { addExpressHelpers } = require('./triggers');

/** What n8n renders for a send-and-wait link after the execution has finished (send-and-wait-no-action-required). */
const NO_ACTION_PAGE = '<html><body><h1>No action required</h1><p>This request has already been handled.</p></body></html>';
/** What n8n renders for a send-and-wait link with a wrong or missing signature (form-invalid-token). */
const INVALID_TOKEN_PAGE = '<html><body><h1>Invalid token</h1></body></html>';

/** One execution, as n8n's database holds it. */
class Execution {
	constructor(host, { id, json, mode, credentialsHelper, staticData }) {
		this.host = host;
		this.id = id;
		this.json = json;
		this.mode = mode;
		this.credentialsHelper = credentialsHelper;
		/** Where the workflow's static data lives: { load(), save(data) } (the active workflow's, or this execution's own). */
		this.staticData = staticData;
		this.status = 'new';
		/** The run data as stored (JSON), with its resumeToken. */
		this.data = undefined;
		this.waitTill = undefined;
		this.finished = false;
		/** Every run of this execution (first, then each resume), as RunResults. */
		this.runs = [];
		this.running = undefined;
	}

	/** The latest run. */
	get result() {
		return this.runs[this.runs.length - 1];
	}

	/** Resolves once no run of this execution is going on. */
	async settled() {
		while (this.running) await this.running;
		return this;
	}

	/** The URL of the waiting execution (`$execution.resumeUrl` without its token). */
	get resumeUrl() {
		return `${this.host.webhookWaitingBaseUrl}/${this.id}`;
	}

	workflow() {
		return new Workflow({
			id: this.json.id ?? 'waiting-test',
			name: this.json.name,
			nodes: this.json.nodes,
			connections: this.json.connections ?? {},
			nodeTypes: createNodeTypes(this.host.loader),
			settings: this.json.settings ?? {},
			staticData: this.staticData.load(),
			active: this.mode !== 'manual',
		});
	}

	additionalData(hooks, extra = {}) {
		const data = additionalDataFor(this.credentialsHelper, hooks);
		return Object.assign(data, {
			executionId: this.id,
			webhookBaseUrl: `${this.host.url}/webhook`,
			webhookWaitingBaseUrl: this.host.webhookWaitingBaseUrl,
			formWaitingBaseUrl: `${this.host.url}/form-waiting`,
			...extra,
		});
	}

	/** Runs WorkflowExecute on `runData` and stores what it ended with; resolves once the run has ended. */
	start(workflow, runData) {
		this.status = 'running';
		const hooks = new ExecutionLifecycleHooks(this.mode, this.id, { id: workflow.id, nodes: this.json.nodes, connections: this.json.connections ?? {} });
		const ended = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (run, newStaticData) => resolve({ run, newStaticData })));
		const execute = new WorkflowExecute(this.additionalData(hooks), this.mode, runData);
		const running = (async () => {
			await execute.processRunExecutionData(workflow);
			const { run, newStaticData } = await ended;
			// n8n saves static data after a run that changed it, except in manual executions (ExecutionLifecycleHooks).
			if (newStaticData && this.mode !== 'manual') this.staticData.save(newStaticData);
			this.data = JSON.parse(JSON.stringify(run.data));
			this.status = run.status;
			this.waitTill = run.waitTill ? new Date(run.waitTill) : undefined;
			this.finished = run.finished === true;
			this.runs.push(new RunResult(run, this.credentialsHelper));
		})();
		this.running = running.finally(() => {
			if (this.running === tracked) this.running = undefined;
		});
		const tracked = this.running;
		return this.running;
	}
}

/** A stand-in for n8n's server: runs executions, keeps the waiting ones, serves /webhook-waiting/. */
class WaitingHost {
	constructor() {
		this.executions = new Map();
		this.nextId = 1;
		/** Every request to /webhook-waiting/ with what it was answered: { method, url, status }. */
		this.requests = [];
		this.server = new LoopbackServer((req, res) => {
			this.onRequest(req, res).catch((error) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: error.message }));
			});
		});
	}

	async start() {
		this.url = await this.server.listen();
		this.webhookWaitingBaseUrl = `${this.url}/webhook-waiting`;
		this.loader = await loadPackage();
		return this;
	}

	async close() {
		await Promise.all([...this.executions.values()].map((execution) => execution.settled()));
		await this.server.close();
	}

	/** Forgets every execution (between tests). */
	reset() {
		this.executions.clear();
		this.requests = [];
	}

	/**
	 * Starts an execution of `workflowJson` at `startNode` (the Manual Trigger
	 * stand-in by default) with `input` items, in `mode`. Resolves with the
	 * Execution once its first run has ended (waiting, or finished).
	 * `staticData` is where the workflow's static data lives (default: the execution's own).
	 */
	async run(workflowJson, { credentials = {}, input = [{ json: {} }], startNode, mode = 'manual', credentialsHelper, staticData } = {}) {
		const json = qualifyTypes(workflowJson, this.loader.packageName);
		const own = { data: {} };
		const execution = this.track({
			json,
			mode,
			credentialsHelper: credentialsHelper ?? new CredentialsHelper(this.loader, credentials),
			staticData: staticData ?? { load: () => JSON.parse(JSON.stringify(own.data)), save: (data) => (own.data = JSON.parse(JSON.stringify(data))) },
		});
		const workflow = execution.workflow();
		const start = workflow.getNode(startNode ?? json.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name);
		await this.startAt(execution, workflow, start, [input]);
		return execution;
	}

	/**
	 * An execution an active workflow of the trigger host (active-workflow.js)
	 * starts, when that host has this one as `waiting`: it runs here, with the
	 * active workflow's credentials and static data, so it can wait and be
	 * resumed. Resolves with its first run's RunResult, which also joins the
	 * active workflow's executions.
	 */
	startActive(active, workflow, node, data, mode) {
		active.credentialsHelper ??= new CredentialsHelper(active.loader, active.credentials);
		const execution = this.track({
			json: active.json,
			mode,
			credentialsHelper: active.credentialsHelper,
			staticData: { load: () => JSON.parse(JSON.stringify(active.saved)), save: (saved) => (active.saved = JSON.parse(JSON.stringify(saved))) },
		});
		const running = (async () => {
			await this.startAt(execution, workflow, node, data);
			active.executions.push(execution.result);
			return execution.result;
		})();
		active.running.add(running);
		running.finally(() => active.running.delete(running));
		return running;
	}

	/** Deletes an execution, as a user or n8n's pruning does: its links find nothing any more. */
	delete(execution) {
		this.executions.delete(execution.id);
	}

	/** A new execution in the store (n8n creates its row before it runs). */
	track(fields) {
		const execution = new Execution(this, { id: String(this.nextId++), ...fields });
		this.executions.set(execution.id, execution);
		return execution;
	}

	/** Runs `execution` from `node` with `main` as its input; resolves once that run has ended. */
	async startAt(execution, workflow, node, main) {
		const runData = createRunExecutionData({ executionData: { nodeExecutionStack: [{ node, data: { main }, source: null }] } });
		await execution.start(workflow, runData);
		return execution;
	}

	/** The executions in the store with this status. */
	withStatus(status) {
		return [...this.executions.values()].filter((execution) => execution.status === status);
	}

	/**
	 * n8n's WaitTracker at `now`: every waiting execution whose waitTill is
	 * not after `now` runs again with its stored data. Resolves with them once
	 * their runs have ended.
	 */
	async resumeDue(now = new Date()) {
		const due = this.withStatus('waiting').filter((execution) => execution.waitTill && execution.waitTill.getTime() <= now.getTime());
		for (const execution of due) {
			await execution.start(execution.workflow(), JSON.parse(JSON.stringify(execution.data)));
		}
		return due;
	}

	async onRequest(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const rawBody = Buffer.concat(chunks);
		addExpressHelpers(res);
		const record = { method: req.method, url: req.url, status: undefined };
		this.requests.push(record);
		res.on('finish', () => (record.status = res.statusCode));
		const url = new URL(req.url, this.url);
		const match = /^\/webhook-waiting\/([^/]+)(?:\/(.+))?$/.exec(url.pathname);
		if (!match) return res.status(404).json({ code: 404, message: 'Not a waiting webhook' });
		await this.executeWebhook(req, res, { executionId: decodeURIComponent(match[1]), suffix: match[2] && decodeURIComponent(match[2]), url, rawBody });
	}

	/** waiting-webhooks.js WaitingWebhooks.executeWebhook. */
	async executeWebhook(req, res, { executionId, suffix, url, rawBody }) {
		const execution = this.executions.get(executionId);
		if (execution?.data?.resumeToken) {
			const nodes = execution.json.nodes;
			const isSendAndWait = Boolean(suffix) && nodes.some((node) => node.id === suffix && node.parameters?.operation === SEND_AND_WAIT_OPERATION);
			const { valid, webhookPath } = isSendAndWait ? validateSignature(req) : validateToken(req, execution);
			if (!valid) {
				if (isSendAndWait) return res.status(401).send(INVALID_TOKEN_PAGE);
				return res.status(401).json({ error: 'Invalid token' });
			}
			if (!suffix && webhookPath) suffix = webhookPath;
		}
		if (!execution) return res.status(404).json({ code: 404, message: `The execution "${executionId}" does not exist.` });
		if (execution.status === 'running') return res.status(409).json({ code: 409, message: `The execution "${executionId}" is running already.` });
		if (execution.data?.resultData?.error) return res.status(409).json({ code: 409, message: `The execution "${executionId}" has finished with error.` });
		const isSendAndWaitNode = execution.json.nodes.some((node) => node.id === suffix && node.parameters?.operation === SEND_AND_WAIT_OPERATION);
		if (execution.finished) {
			if (isSendAndWaitNode) return res.status(200).send(NO_ACTION_PAGE);
			return res.status(409).json({ code: 409, message: `The execution "${executionId} has finished already.` });
		}
		await this.resumeFromWebhook(execution, req, res, { suffix, url, rawBody, isSendAndWaitNode });
	}

	/** waiting-webhooks.js getWebhookExecutionData + webhook-helpers executeWebhook for a waiting execution. */
	async resumeFromWebhook(execution, req, res, { suffix, url, rawBody, isSendAndWaitNode }) {
		const data = JSON.parse(JSON.stringify(execution.data));
		data.executionData.nodeExecutionStack[0].node.disabled = true;
		data.waitTill = undefined;
		const workflow = execution.workflow();
		const node = workflow.getNode(data.resultData.lastNodeExecuted);
		if (!node) return res.status(404).json({ code: 404, message: 'Could not find node to process webhook.' });
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const webhookData = restartWebhooks(workflow, node, nodeType).find((webhook) => webhook.httpMethod === req.method && webhook.path === (suffix ?? ''));
		if (!webhookData) {
			if (isSendAndWaitNode) return res.status(200).send(NO_ACTION_PAGE);
			return res.status(404).json({ code: 404, message: `The workflow for execution "${execution.id}" does not contain a waiting webhook with a matching path/method.` });
		}
		const body = parseBody(req, rawBody, node);
		if (body === 415) return res.status(415).json({ code: 415, message: 'Expected multipart/form-data' });
		Object.assign(req, { rawBody, readRawBody: async () => undefined, body, query: Object.fromEntries(url.searchParams), params: {}, contentType: contentTypeOf(req) });
		const additionalData = execution.additionalData(undefined, { httpRequest: req, httpResponse: res });
		const context = new WebhookContext(workflow, node, additionalData, execution.mode, webhookData, [], data);
		let result;
		let failure;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			// n8n answers 500 and runs the execution on with the error recorded, which ends it with that error.
			failure = error;
			if (!res.writableEnded) res.status(500).json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			result = { noWebhookResponse: true, workflowData: [[{ json: {} }]] };
			data.resultData = { runData: {}, lastNodeExecuted: node.name, error: { message: error.message, stack: error.stack } };
		}
		if (result.workflowData === undefined) {
			if (!result.noWebhookResponse && !res.writableEnded) res.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		const entry = data.executionData.nodeExecutionStack[0];
		entry.data.main = result.workflowData;
		entry.metadata = { ...entry.metadata, forwardAllOutputs: true };
		execution.status = 'running';
		if (failure) {
			// The run with the recorded error: WorkflowExecute ends at once with it.
			execution.start(workflow, data);
			return;
		}
		execution.start(workflow, data);
		if (result.noWebhookResponse || res.writableEnded) return;
		const response = result.webhookResponse ?? { message: 'Workflow was started' };
		if (typeof response === 'string') {
			if (!res.getHeader('Content-Type')) res.setHeader('Content-Type', 'text/html; charset=utf-8');
			res.status(200).end(response);
		} else res.status(200).json(response);
	}
}

/** The node's restart webhooks, as WebhookService.getNodeWebhooks makes them (path evaluated, restartWebhook paths as they are). */
function restartWebhooks(workflow, node, nodeType) {
	return (nodeType.description.webhooks ?? [])
		.filter((description) => description.restartWebhook === true)
		.map((description) => {
			const resolved = resolveWebhookDescriptionField(node, description, 'path');
			const raw = resolved.resolved ? resolved.value : workflow.expression.getSimpleParameterValue(node, description.path, 'internal', {});
			const path = String(raw).trim().replace(/^\//, '').replace(/\/$/, '');
			return {
				httpMethod: description.httpMethod,
				node: node.name,
				path: NodeHelpers.getNodeWebhookPath(workflow.id, node, path, description.isFullPath === true, true),
				webhookDescription: description,
				workflowId: workflow.id,
			};
		});
}

/** waiting-webhooks.js parseSignatureParam. */
function parseSignatureParam(req) {
	const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
	let token = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM) ?? undefined;
	let webhookPath;
	if (token?.includes('/')) {
		const slash = token.indexOf('/');
		webhookPath = token.slice(slash + 1);
		token = token.slice(0, slash);
	}
	return { token, webhookPath };
}

/** waiting-webhooks.js validateSignature: the link's HMAC, with the instance's secret. */
function validateSignature(req) {
	const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
	const { token, webhookPath } = parseSignatureParam(req);
	if (!token) return { valid: false };
	url.searchParams.set(WAITING_TOKEN_QUERY_PARAM, token);
	return { valid: validateUrlSignature(token, url, Container.get(InstanceSettings).hmacSignatureSecret), webhookPath };
}

/** waiting-webhooks.js validateToken: the execution's resumeToken. */
function validateToken(req, execution) {
	const { token, webhookPath } = parseSignatureParam(req);
	const stored = execution.data.resumeToken;
	if (!token || !stored || token.length !== stored.length) return { valid: false };
	return { valid: timingSafeEqual(Buffer.from(token), Buffer.from(stored)), webhookPath };
}

function contentTypeOf(req) {
	return String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** webhook-helpers requiresMultipartFormData, for the nodes of this package. */
function requiresMultipart(node) {
	return node.parameters?.operation === SEND_AND_WAIT_OPERATION && node.parameters?.responseType === 'customForm';
}

/** webhook-helpers parseRequestBody: multipart into { data, files }, JSON, URL-encoded; 415 for a form that must be multipart. */
function parseBody(req, raw, node) {
	const type = contentTypeOf(req);
	if (req.method === 'POST' && requiresMultipart(node) && type !== 'multipart/form-data') return 415;
	if (type === 'multipart/form-data') return { data: parseMultipart(req, raw), files: {} };
	if (!raw.length) return {};
	if (type === 'application/json') return JSON.parse(raw.toString('utf8'));
	if (type === 'application/x-www-form-urlencoded') {
		const body = {};
		for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) body[key] = key in body ? [].concat(body[key], value) : value;
		return body;
	}
	return {};
}

/** The text fields of a multipart body; a field sent more than once becomes a list (formidable, multiples: true, normalised as n8n does). */
function parseMultipart(req, raw) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(String(req.headers['content-type']));
	const fields = {};
	if (!boundary) return fields;
	const parts = raw.toString('utf8').split(`--${boundary[1] ?? boundary[2]}`);
	for (const part of parts) {
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd === -1) continue;
		const name = /name="([^"]*)"/.exec(part.slice(0, headerEnd));
		if (!name || /filename=/.test(part.slice(0, headerEnd))) continue;
		const value = part.slice(headerEnd + 4).replace(/\r\n$/, '');
		fields[name[1]] = name[1] in fields ? [].concat(fields[name[1]], value) : value;
	}
	return fields;
}

async function startWaitingHost() {
	return await new WaitingHost().start();
}

module.exports = { startWaitingHost, WaitingHost, Execution };
