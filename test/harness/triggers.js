// Runs trigger nodes the way n8n's server does (packages/cli: ActiveWorkflowManager,
// WebhookService, webhook-helpers), built on n8n-core's own contexts:
// - activation runs each webhook's `checkExists` and, when it answers false,
//   `create` in a HookContext; deactivation runs `delete`;
// - a loopback HTTP server stands in for n8n's webhook endpoint: it keeps the
//   raw body on the request (as n8n's raw-body middleware does), parses JSON,
//   calls `webhook()` in a WebhookContext and, when it returns workflowData,
//   runs the workflow from the trigger with that data and answers (responseMode
//   onReceived) once the execution exists, as n8n 2.41.1 does;
// - a poll runs `poll()` in a PollContext (mode trigger); the first poll runs
//   on activation and its error fails the activation, as in n8n;
// - static data goes through JSON between calls, as n8n saves it in its
//   database after webhook methods, webhook calls and polls — and drops what
//   webhook() changed when the call starts a run that n8n answers for
//   (active-workflow.js receive);
// - restart() is n8n restarting: a fresh copy of the package is loaded, so
//   whatever the nodes kept in memory is gone, and only saved static data remains.
'use strict';

require('./environment');
const { LoopbackServer } = require('./loopback');
const { loadPackage, loadPackageCopy, removePackageCopies, qualifyTypes } = require('./engine');
const { ActiveWorkflow } = require('./active-workflow');

/** An n8n stand-in that serves webhooks on a loopback port and keeps active workflows. */
class TriggerHost {
	constructor() {
		this.active = new Set();
		/** Executions started by webhooks run as on a queue-mode worker: with empty static data. */
		this.queueWorkers = false;
		this.server = new LoopbackServer((req, res) => this.onRequest(req, res));
	}

	async start() {
		this.url = await this.server.listen();
		this.webhookBaseUrl = `${this.url}/webhook`;
		this.webhookTestBaseUrl = `${this.url}/webhook-test`;
		return this;
	}

	/** Forgets every active workflow without deactivating it (between tests: the sandbox forgets its side too). */
	reset() {
		this.active.clear();
		this.queueWorkers = false;
	}

	/**
	 * n8n restarting: every active workflow stops (webhooks stay registered at
	 * the vendor), a fresh copy of the package is loaded, and each workflow
	 * is active again from its saved static data, without running its webhook
	 * methods (n8n checks them on start; these are known to exist). Resolves
	 * with the new ActiveWorkflows, in the order they were active.
	 */
	async restart() {
		const before = [...this.active];
		await Promise.all(before.map((active) => active.settled()));
		const loader = await loadPackageCopy();
		return before.map((active) => active.movedTo(loader));
	}

	/** Stops serving, as n8n shutting down: webhooks stay registered at the vendor. */
	async close() {
		this.active.clear();
		removePackageCopies();
		await this.server.close();
	}

	/**
	 * Activates `workflowJson` with `credentials` (by type). Resolves once its
	 * webhooks are registered and its first poll ran; rejects with the
	 * activation error otherwise. `staticData` starts from a saved state.
	 * `test: true` is the editor's Listen for test event instead: the test
	 * URL, manual mode, removed after the first call that starts the workflow.
	 */
	async activate(workflowJson, { credentials = {}, staticData = {}, test = false } = {}) {
		const loader = await loadPackage();
		const active = new ActiveWorkflow(this, loader, qualifyTypes(workflowJson, loader.packageName), credentials, staticData, test);
		// n8n stores a workflow's webhooks before it runs `create`, so the
		// vendor's test call during registration already reaches the node.
		this.active.add(active);
		try {
			await active.activate();
		} catch (error) {
			this.active.delete(active);
			throw error;
		}
		return active;
	}

	async onRequest(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url, this.url);
		const prefix = /^\/(webhook|webhook-test)\//.exec(url.pathname);
		const path = decodeURIComponent(url.pathname.slice(prefix ? prefix[0].length : 0));
		const isTest = prefix?.[1] === 'webhook-test';
		const target = prefix ? [...this.active].map((a) => a.webhookFor(req.method, path, isTest)).find(Boolean) : undefined;
		addExpressHelpers(res);
		if (!target) {
			return res.status(404).json({ code: 404, message: `The requested webhook "${req.method} ${path}" is not registered.` });
		}
		let body = {};
		if (rawBody.length && /json/i.test(req.headers['content-type'] ?? '')) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				return res.status(400).json({ message: 'The request body is not valid JSON' });
			}
		}
		Object.assign(req, {
			rawBody,
			readRawBody: async () => undefined,
			body,
			query: Object.fromEntries(url.searchParams),
			params: {},
		});
		await target.active.receive(target, req, res);
	}
}

/** The parts of Express's response the nodes use. */
function addExpressHelpers(res) {
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.json = (value) => {
		if (!res.headersSent) res.setHeader('Content-Type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(value));
		return res;
	};
	res.send = (value) => {
		res.end(typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value));
		return res;
	};
}

async function startTriggerHost() {
	return await new TriggerHost().start();
}

module.exports = { startTriggerHost, TriggerHost, addExpressHelpers };
