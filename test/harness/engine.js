// Runs n8n workflows with n8n's own engine (n8n-core's WorkflowExecute), with
// this package loaded from dist/ by n8n-core's PackageDirectoryLoader — the
// loader n8n uses for community packages — so node and credential type names
// are `n8n-nodes-customer-messaging.<name>` exactly as in a real install.
'use strict';

require('./environment');
const fs = require('node:fs');
const path = require('node:path');
const { PackageDirectoryLoader, WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, NodeHelpers } = require('n8n-workflow');
const { CredentialsHelper } = require('./credentials-helper');

const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

function createDeferredPromise() {
	let resolve;
	const promise = new Promise((r) => (resolve = r));
	return { promise, resolve };
}

let loaded;
/** Loads the package from dist/ once per process, as n8n loads a community package. */
async function loadPackage() {
	if (!loaded) {
		loaded = (async () => {
			const loader = new PackageDirectoryLoader(PACKAGE_DIR);
			await loader.loadAll();
			return loader;
		})();
	}
	return await loaded;
}

const COPIES = path.join(PACKAGE_DIR, 'node_modules', '.cache', 'customer-messaging-process-copies');
let copies = 0;

/**
 * A fresh copy of the built package (dist/ copied beside node_modules, so it
 * finds the same n8n), loaded as n8n loads a community package: the nodes of
 * another n8n process, or of n8n after a restart, with none of the first
 * one's memory. (Jest keeps one instance of each module file, so loading
 * dist/ again would give back the same modules.)
 */
async function loadPackageCopy() {
	const directory = path.join(COPIES, `${process.pid}-${copies++}`);
	fs.rmSync(directory, { recursive: true, force: true });
	fs.mkdirSync(directory, { recursive: true });
	fs.copyFileSync(path.join(PACKAGE_DIR, 'package.json'), path.join(directory, 'package.json'));
	fs.cpSync(path.join(PACKAGE_DIR, 'dist'), path.join(directory, 'dist'), { recursive: true });
	const loader = new PackageDirectoryLoader(directory);
	await loader.loadAll();
	return loader;
}

/** Removes the copies this process made. */
function removePackageCopies() {
	if (!fs.existsSync(COPIES)) return;
	for (const name of fs.readdirSync(COPIES)) if (name.startsWith(`${process.pid}-`)) fs.rmSync(path.join(COPIES, name), { recursive: true, force: true });
}

// n8n-nodes-base is not loaded here, so its Manual Trigger gets a stand-in that
// emits the run's input items, like a trigger with pinned data. Workflow files
// keep the real type name and so import into n8n unchanged.
const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
const manualTrigger = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [this.getInputData()];
	},
};

function createNodeTypes(loader) {
	const byName = (type) => {
		if (type === MANUAL_TRIGGER_TYPE) return manualTrigger;
		const [pkg, name] = type.split('.');
		if (pkg !== loader.packageName || !loader.nodeTypes[name]) {
			throw new Error(`Unknown node type ${type}: the harness loads only ${loader.packageName}`);
		}
		return loader.nodeTypes[name].type;
	};
	return {
		getByName: byName,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(byName(type), version),
		getKnownTypes: () => loader.known.nodes,
	};
}

/** What n8n's CLI hands the engine besides the workflow; the parts the harness does not offer throw. */
function additionalDataFor(credentialsHelper, hooks) {
	return {
		executionId: '1',
		credentialsHelper,
		hooks,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in the test harness');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Code tasks are not available in the test harness');
		},
	};
}

/** Gives a node type name without package the package's prefix. */
function qualifyTypes(workflowJson, packageName) {
	const nodes = workflowJson.nodes.map((node) => ({
		...node,
		type: node.type.includes('.') ? node.type : `${packageName}.${node.type}`,
	}));
	return { ...workflowJson, nodes };
}

/**
 * Executes a workflow. `input` is the list of items fed to the start node
 * (default: one empty item); `credentials` maps a credential type name to its
 * data; `credentialWriteMs` is how long each write of a renewed credential to
 * n8n's database takes (see CredentialsHelper). Returns the run, with helpers
 * to read a node's output and error.
 */
async function runWorkflow(workflowJson, { credentials = {}, input = [{ json: {} }], startNode, credentialWriteMs = 0 } = {}) {
	const loader = await loadPackage();
	const nodeTypes = createNodeTypes(loader);
	const wf = qualifyTypes(workflowJson, loader.packageName);
	const workflow = new Workflow({
		id: 'test',
		name: wf.name,
		nodes: wf.nodes,
		connections: wf.connections ?? {},
		nodeTypes,
		settings: wf.settings ?? {},
		active: false,
	});
	const credentialsHelper = new CredentialsHelper(loader, credentials, { writeMs: credentialWriteMs });
	const hooks = new ExecutionLifecycleHooks('manual', '1', { id: 'test', nodes: wf.nodes, connections: wf.connections ?? {} });
	const done = createDeferredPromise();
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => done.resolve(fullRunData));
	const additionalData = additionalDataFor(credentialsHelper, hooks);

	const trigger = wf.nodes.find((n) => n.type === MANUAL_TRIGGER_TYPE);
	const start = workflow.getNode(startNode ?? trigger?.name) ?? workflow.getStartNode();
	const execute = new WorkflowExecute(additionalData, 'manual', startingAt(start, [input]));
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	return new RunResult(run, credentialsHelper);
}

/** A run's execution data that starts at `node` with `main` (one list of items per output) as its input. */
function startingAt(node, main) {
	return {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main }, source: null }],
		},
	};
}

class RunResult {
	constructor(run, credentialsHelper) {
		this.run = run;
		/** The credentials as n8n's database would hold them after the run (renewed tokens stored), by type. */
		this.storedCredentials = credentialsHelper.stored;
		/** Every renewal the run stored: { type, kind }. */
		this.credentialUpdates = credentialsHelper.updates;
	}

	get status() {
		return this.run.status;
	}

	/** The workflow-level error, if the run failed. */
	get error() {
		return this.run.data.resultData.error;
	}

	/** Items on output `outputIndex` of a node's last run. */
	output(nodeName, outputIndex = 0) {
		const runs = this.run.data.resultData.runData[nodeName];
		if (!runs || !runs.length) return undefined;
		const last = runs[runs.length - 1];
		return last.data?.main?.[outputIndex] ?? [];
	}

	/** The error of a node's last run, if it failed. */
	nodeError(nodeName) {
		const runs = this.run.data.resultData.runData[nodeName];
		return runs?.[runs.length - 1]?.error;
	}

	/** Everything the run produced, serialised as n8n would store it. */
	serialized() {
		return JSON.stringify(this.run);
	}
}

module.exports = { PACKAGE_DIR, loadPackage, loadPackageCopy, removePackageCopies, runWorkflow, additionalDataFor, RunResult, createNodeTypes, qualifyTypes, startingAt };
