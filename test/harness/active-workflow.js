// One workflow activated in the trigger host (triggers.js), run as n8n's
// server runs it: webhook methods in n8n-core's HookContext, webhook() in a
// WebhookContext, poll() in a PollContext, executions with WorkflowExecute, and
// static data through JSON between calls, as n8n's database keeps it.
'use strict';

require('./environment');
const { HookContext, PollContext, WebhookContext, WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, NodeHelpers, resolveWebhookDescriptionField } = require('n8n-workflow');
const { additionalDataFor, createNodeTypes, RunResult, startingAt } = require('./engine');
const { CredentialsHelper } = require('./credentials-helper');

let nextWorkflowId = 1;

// n8n 2.41.1 dist/constants.js TRIGGER_ACTIVATION_MAX_ATTEMPTS.
const ACTIVATION_ATTEMPTS = 5;

class ActiveWorkflow {
	constructor(host, loader, workflowJson, credentials, staticData, test = false) {
		this.host = host;
		/** A test listener (the editor's Listen for test event) instead of an active workflow. */
		this.test = test;
		this.loader = loader;
		this.json = workflowJson;
		this.id = workflowJson.id ?? `wf${nextWorkflowId++}`;
		this.credentials = credentials;
		/** Static data as n8n's database holds it between calls. */
		this.saved = JSON.parse(JSON.stringify(staticData));
		/** Every execution the triggers started, as RunResults, in order. */
		this.executions = [];
		this.running = new Set();
		/** Errors a poll reported after activation (n8n's __emitError). */
		this.pollErrors = [];
		this.webhooks = [];
		this.hooksCreated = [];
	}

	/** A fresh Workflow on the saved static data: what n8n loads for each call. */
	workflow(staticData = this.saved) {
		return new Workflow({
			id: this.id,
			name: this.json.name,
			nodes: this.json.nodes,
			connections: this.json.connections ?? {},
			nodeTypes: createNodeTypes(this.loader),
			settings: this.json.settings ?? {},
			staticData: JSON.parse(JSON.stringify(staticData)),
			active: true,
		});
	}

	/**
	 * n8n's WorkflowStaticDataService.saveStaticData: saved only when n8n-workflow's
	 * ObservableObject noticed a change (it does not see one inside an object added
	 * to static data since the workflow was loaded).
	 */
	save(workflow) {
		if (workflow.staticData.__dataChanged !== true) return;
		this.saved = JSON.parse(JSON.stringify(workflow.staticData));
		workflow.staticData.__dataChanged = false;
	}

	/**
	 * n8n 2.41.1's WebhookTriggerRegistrar.register inside retryTriggerActivation
	 * (up to TRIGGER_ACTIVATION_MAX_ATTEMPTS = 5, on the same Workflow): checkExists,
	 * create; a failed attempt runs `delete` and saves static data before the next.
	 * Without n8n's waits between attempts. A test listener gets one attempt.
	 */
	async register(workflow, data) {
		for (let attempt = 1; ; attempt++) {
			try {
				if (!(await this.runWebhookMethod(workflow, data, 'checkExists'))) {
					await this.runWebhookMethod(workflow, data, 'create');
				}
				return;
			} catch (error) {
				await this.runWebhookMethod(workflow, data, 'delete').catch(() => undefined);
				this.save(workflow);
				if (this.test || attempt >= ACTIVATION_ATTEMPTS) throw error;
			}
		}
	}

	additionalData(extra = {}) {
		// One credential store for the workflow's whole life, as n8n's database is: a token renewed in one
		// execution is there for the next.
		this.credentialsHelper ??= new CredentialsHelper(this.loader, this.credentials);
		const data = additionalDataFor(this.credentialsHelper, undefined);
		return Object.assign(data, { webhookBaseUrl: this.host.webhookBaseUrl, webhookTestBaseUrl: this.host.webhookTestBaseUrl, ...extra });
	}

	/** n8n's mode for this workflow's calls: a test listener (Listen for test event) runs them as manual. */
	get mode() {
		return this.test ? 'manual' : 'trigger';
	}

	triggerNodes(workflow, kind) {
		return Object.values(workflow.nodes).filter((node) => {
			if (node.disabled) return false;
			const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			return kind === 'webhook' ? type.description.webhooks?.length > 0 && type.webhook : typeof type.poll === 'function';
		});
	}

	/** What n8n's WebhookService.getNodeWebhooks makes of a node's webhook descriptions. */
	webhookData(workflow, node, additionalData) {
		const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		return type.description.webhooks.map((description) => {
			const path = String(description.path);
			return {
				httpMethod: description.httpMethod,
				node: node.name,
				path: NodeHelpers.getNodeWebhookPath(workflow.id, node, path, description.isFullPath === true),
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: node.webhookId,
				isTest: this.test,
			};
		});
	}

	async runWebhookMethod(workflow, data, method) {
		const node = workflow.getNode(data.node);
		const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = type.webhookMethods?.[data.webhookDescription.name]?.[method];
		if (!fn) return undefined;
		const context = new HookContext(workflow, node, data.workflowExecuteAdditionalData, this.mode, this.test ? 'manual' : 'activate', data);
		return await fn.call(context);
	}

	async activate() {
		const workflow = this.workflow();
		const additionalData = this.additionalData();
		try {
			for (const node of this.triggerNodes(workflow, 'webhook')) {
				for (const data of this.webhookData(workflow, node, additionalData)) {
					this.webhooks.push(data);
					// WebhookService.createWebhookIfNotExists; static data is saved
					// first, so webhook calls during `create` see the same state.
					this.save(workflow);
					await this.register(workflow, data);
					this.hooksCreated.push(data);
				}
			}
		} finally {
			this.save(workflow);
		}
		// n8n runs the first poll at activation and fails the activation with its error.
		for (const node of this.triggerNodes(this.workflow(), 'poll')) await this.poll(node.name, { activation: true });
	}

	async deactivate() {
		const workflow = this.workflow();
		for (const data of this.hooksCreated) await this.runWebhookMethod(workflow, { ...data, workflowExecuteAdditionalData: this.additionalData() }, 'delete');
		this.save(workflow);
		this.hooksCreated = [];
		this.webhooks = [];
		this.host.active.delete(this);
		await this.settled();
	}

	webhookFor(method, path, isTest) {
		const data = this.webhooks.find((w) => w.httpMethod === method && w.path === path && w.isTest === isTest);
		return data ? { active: this, data } : undefined;
	}

	/**
	 * This workflow as another n8n process serves it from now on, with the
	 * nodes of `loader` (engine.js loadPackageCopy): the same webhooks, saved
	 * static data and executions so far, none of the nodes' memory. Takes this
	 * one's place among the host's active workflows.
	 */
	movedTo(loader) {
		const moved = new ActiveWorkflow(this.host, loader, this.json, this.credentials, this.saved, this.test);
		Object.assign(moved, { id: this.id, webhooks: this.webhooks, hooksCreated: this.hooksCreated, executions: this.executions });
		this.host.active.delete(this);
		this.host.active.add(moved);
		return moved;
	}

	/**
	 * n8n 2.41.1's LiveWebhooks.executeWebhook + webhook-helpers' executeWebhook,
	 * for responseMode onReceived:
	 * - webhook() throws: 500, and static data is not saved;
	 * - the node answered itself (noWebhookResponse), or the call starts nothing:
	 *   n8n answers, saves static data, then starts the run if there is one;
	 * - otherwise n8n starts the run first and answers once the execution
	 *   exists, with the webhook description's responseCode and responseData.
	 *   Starting the run builds a second Workflow over the same static data
	 *   object (WorkflowRunner.establishContextForPersistence), which clears
	 *   n8n-workflow's "changed" flag: what webhook() changed is not saved.
	 *   The execution loads static data from the database when it starts.
	 */
	async receive({ data }, req, res) {
		const workflow = this.workflow();
		const node = workflow.getNode(data.node);
		const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const additionalData = this.additionalData({ httpRequest: req, httpResponse: res });
		const context = new WebhookContext(workflow, node, additionalData, this.test ? 'manual' : 'webhook', data, [], null);
		const mode = this.test ? 'manual' : 'webhook';
		let result;
		try {
			result = await type.webhook.call(context);
		} catch (error) {
			if (!res.writableEnded) res.status(500).json({ code: 0, message: error.message });
			return;
		}
		const description = data.webhookDescription;
		const responseCode = descriptionValue(workflow, node, description, 'responseCode', 200, mode);
		if (result.noWebhookResponse || result.workflowData === undefined) {
			this.save(workflow);
			if (result.workflowData === undefined) {
				if (!result.noWebhookResponse && !res.writableEnded) {
					res.status(responseCode).json(result.webhookResponse ?? { message: 'Webhook call received' });
				}
				return;
			}
			await this.startFromWebhook(data.node, result.workflowData, mode);
			return;
		}
		await this.startFromWebhook(data.node, result.workflowData, mode);
		const responseData = description.responseData ?? 'firstEntryJson';
		if (res.writableEnded) return;
		res.status(responseCode);
		if (responseData === 'noData') res.end();
		else if (responseData) res.send(responseData);
		else res.json(result.webhookResponse ?? { message: 'Workflow was started' });
	}

	/** Starts the run from a webhook call on the workflow as saved; a test listener then goes away (TestWebhooks). */
	async startFromWebhook(nodeName, workflowData, mode) {
		if (this.test) await this.deactivate();
		// A queue-mode worker of n8n 2.41.1 starts a new execution with empty static data
		// (scaling/job-processor.js) and, like any execution, saves it whole when it ends.
		const workflow = this.host.queueWorkers ? this.workflow({}) : this.workflow();
		this.start(workflow, workflow.getNode(nodeName), workflowData, mode);
	}

	/**
	 * Runs one poll of the named trigger node (the first one by default) as
	 * n8n's PollTriggerExecutor does and, when it returns items, starts an
	 * execution with them. Resolves with that execution's result, or null.
	 */
	async poll(nodeName, { activation = false, budgetMs } = {}) {
		const workflow = this.workflow();
		const node = nodeName ? workflow.getNode(nodeName) : this.triggerNodes(workflow, 'poll')[0];
		const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		let emitted;
		const context = new PollContext(
			workflow,
			node,
			this.additionalData(),
			'trigger',
			activation ? 'activate' : 'init',
			(data) => (emitted = data),
			(error) => this.pollErrors.push(error),
			undefined,
			undefined,
			undefined,
			// n8n's default budget (5 minutes) unless the test gives one.
			budgetMs === undefined ? undefined : () => budgetMs,
		);
		let response;
		try {
			response = await type.poll.call(context);
		} catch (error) {
			if (activation) throw error;
			context.__emitError(error);
			return null;
		}
		if (response !== null) context.__emit(response);
		this.save(workflow);
		if (!emitted) return null;
		return await this.start(workflow, node, emitted, 'trigger');
	}

	/** Starts an execution from `node` with its output `data`; resolves with its RunResult. */
	start(workflow, node, data, mode) {
		// With a waiting host (test/harness/waiting.js), executions can wait and be resumed, as in n8n.
		if (this.host.waiting) return this.host.waiting.startActive(this, workflow, node, data, mode);
		const hooks = new ExecutionLifecycleHooks(mode, String(this.executions.length + 1), this.json);
		const done = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
		const additionalData = this.additionalData();
		additionalData.hooks = hooks;
		const execution = new WorkflowExecute(additionalData, mode, startingAt(node, data));
		const running = (async () => {
			await execution.processRunExecutionData(workflow);
			const result = new RunResult(await done, this.credentialsHelper);
			this.executions.push(result);
			this.save(workflow);
			return result;
		})();
		this.running.add(running);
		running.finally(() => this.running.delete(running));
		return running;
	}

	/** Resolves once no execution this workflow started is still running. */
	async settled() {
		while (this.running.size) await Promise.allSettled([...this.running]);
	}

	/** The static data n8n would hold for a node now. */
	staticDataOf(nodeName) {
		return this.saved[`node:${nodeName}`];
	}

	/** The production URL of the named node's webhook, as the node itself computes it. */
	webhookUrl(nodeName) {
		const data = this.webhooks.find((w) => w.node === nodeName);
		return data ? `${this.test ? this.host.webhookTestBaseUrl : this.host.webhookBaseUrl}/${data.path}` : undefined;
	}
}

/**
 * A webhook description's value as n8n 2.41.1 evaluates a simple one
 * (WebhookExecutionContext.evaluateSimpleWebhookDescriptionExpression): the
 * field's native resolver when it declares one and the node's parameters are
 * static, else n8n's expression engine.
 */
function descriptionValue(workflow, node, description, field, fallback, mode) {
	const native = resolveWebhookDescriptionField(node, description, field);
	if (native.resolved) return native.value;
	return workflow.expression.getSimpleParameterValue(node, description[field], mode, {}, undefined, fallback);
}

module.exports = { ActiveWorkflow };
