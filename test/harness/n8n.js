// Runs n8n workflows with n8n's own engine (n8n-core's WorkflowExecute), with
// this package loaded from dist/ by n8n-core's PackageDirectoryLoader — the
// loader n8n uses for community packages — so node and credential type names
// are `n8n-nodes-customer-messaging.<name>` exactly as in a real install.
//
// Credentials are applied the way n8n's CLI applies them
// (packages/cli/src/credentials-helper.ts): a generic `authenticate` template
// is resolved as an n8n expression with $credentials, a function
// `authenticate` is called. Credential tests follow the CLI's
// CredentialsTester: the test request runs through n8n-core's RoutingNode and
// its `rules` are judged the same way.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core keeps instance settings (an encryption key) in the user folder;
// give it a throwaway one instead of the developer's ~/.n8n.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
}
process.env.N8N_ENCRYPTION_KEY ??= 'customer-messaging-test-key';
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
// n8n logs every failed node; tests assert on those failures themselves.
process.env.N8N_LOG_LEVEL ??= 'silent';
const {
	PackageDirectoryLoader,
	WorkflowExecute,
	ExecutionLifecycleHooks,
	ExecuteContext,
	RoutingNode,
	Credentials,
} = require('n8n-core');
const { Workflow, ICredentialsHelper, NodeHelpers } = require('n8n-workflow');

function createDeferredPromise() {
	let resolve;
	const promise = new Promise((r) => (resolve = r));
	return { promise, resolve };
}

const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

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

function credentialType(loader, typeName) {
	const name = typeName.startsWith(`${loader.packageName}.`) ? typeName.split('.')[1] : typeName;
	const entry = loader.credentialTypes[name];
	if (!entry) throw new Error(`Unknown credential type ${typeName}`);
	return entry.type;
}

class CredentialsHelper extends ICredentialsHelper {
	constructor(loader, credentialsByType) {
		super();
		this.loader = loader;
		this.credentialsByType = credentialsByType;
	}

	getParentTypes(name) {
		const type = credentialType(this.loader, name);
		return type.extends ?? [];
	}

	async authenticate(credentials, typeName, incomingRequestOptions, workflow, node) {
		const requestOptions = incomingRequestOptions;
		const type = credentialType(this.loader, typeName);
		if (!type.authenticate) return requestOptions;
		if (typeof type.authenticate === 'function') {
			return await type.authenticate(credentials, requestOptions);
		}
		if (type.authenticate.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(type.authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue)) {
					const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
					const valueResolved = this.resolveValue(value, { $credentials: credentials }, workflow, node);
					if (!requestOptions[outerKey]) requestOptions[outerKey] = {};
					requestOptions[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	resolveValue(parameterValue, additionalKeys, workflow, node) {
		if (typeof parameterValue !== 'string' || parameterValue.charAt(0) !== '=') return parameterValue;
		const value = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!value) return '';
		return value.toString();
	}

	isCredentialUsableByNode(typeName, nodeType) {
		const type = credentialType(this.loader, typeName);
		if (!type.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).includes(nodeType);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getDecrypted(_additionalData, nodeCredentials, type) {
		const data = this.credentialsByType[type];
		if (!data) throw new Error(`No credentials of type ${type} were given to the test run`);
		return { ...data };
	}

	async getCredentials(nodeCredentials) {
		return new Credentials({ id: nodeCredentials.id ?? null, name: nodeCredentials.name ?? '' }, '', '');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type) {
		return credentialType(this.loader, type).properties;
	}
}

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
 * data. Returns the run, with helpers to read a node's output and error.
 */
async function runWorkflow(workflowJson, { credentials = {}, input = [{ json: {} }], startNode } = {}) {
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
	const credentialsHelper = new CredentialsHelper(loader, credentials);
	const hooks = new ExecutionLifecycleHooks('manual', '1', { id: 'test', nodes: wf.nodes, connections: wf.connections ?? {} });
	const done = createDeferredPromise();
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => done.resolve(fullRunData));
	const additionalData = additionalDataFor(credentialsHelper, hooks);

	const trigger = wf.nodes.find((n) => n.type === MANUAL_TRIGGER_TYPE);
	const start = workflow.getNode(startNode ?? trigger?.name) ?? workflow.getStartNode();
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [input] }, source: null }],
		},
	};
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	return new RunResult(run);
}

class RunResult {
	constructor(run) {
		this.run = run;
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

/**
 * Runs a credential type's `test` as n8n's CredentialsTester does and returns
 * { status: 'OK' | 'Error', message }.
 */
async function testCredential(typeName, data) {
	const loader = await loadPackage();
	const type = credentialType(loader, typeName);
	if (!type.test) return { status: 'Error', message: 'No testing function found for this credential.' };
	const nodeTypeCopy = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: [],
			version: 1,
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: type.test.request }, default: '' },
			],
		},
	};
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type.name]: { id: 'temp', name: 'temp' } },
	};
	const nodeTypes = {
		getByName: () => nodeTypeCopy,
		getByNameAndVersion: () => nodeTypeCopy,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new CredentialsHelper(loader, { [type.name]: data });
	const additionalData = additionalDataFor(credentialsHelper, undefined);
	const runExecutionData = { resultData: { runData: {} } };
	const executeData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const credentialsDecrypted = { id: 'temp', name: 'temp', type: type.name, data };
	const routingNode = new RoutingNode(context, nodeTypeCopy, credentialsDecrypted);
	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			for (const rule of type.test.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of type.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response[0][0].json;
			const value = rule.properties.key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), json);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { runWorkflow, testCredential, loadPackage, PACKAGE_DIR };
