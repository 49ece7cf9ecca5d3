// Credentials applied the way n8n's CLI applies them
// (packages/cli/src/credentials-helper.ts): a generic `authenticate` template
// is resolved as an n8n expression with $credentials, a function
// `authenticate` is called. The stored data is whatever the test passed in,
// keyed by credential type; like n8n's database it changes when a credential
// renews itself (preAuthentication → updateCredentials, an OAuth2 refresh →
// updateCredentialsOauthTokenData), and every read sees the latest.
'use strict';

require('./environment');
const { Credentials } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow } = require('n8n-workflow');

/** The credential type `typeName` (with or without the package prefix) from the loaded package. */
function credentialType(loader, typeName) {
	const name = typeName.startsWith(`${loader.packageName}.`) ? typeName.split('.')[1] : typeName;
	const entry = loader.credentialTypes[name];
	if (!entry) throw new Error(`Unknown credential type ${typeName}`);
	return entry.type;
}

/** The hidden fields of OAuth credentials whose stored values the CLI ignores (the type or an overwrite sets them). */
const OAUTH_PINNED_FIELDS = ['grantType', 'authUrl', 'accessTokenUrl', 'authQueryParameters', 'scope', 'authentication'];

// What the CLI resolves credential expressions ($self) against.
const mockNode = { id: 'mock', name: 'mock', type: 'mock', typeVersion: 1, position: [0, 0], parameters: {} };
const mockNodeTypes = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
};

class CredentialsHelper extends ICredentialsHelper {
	constructor(loader, credentialsByType, { writeMs = 0 } = {}) {
		super();
		this.loader = loader;
		/**
		 * How long one write to the "database" takes. The CLI writes a renewed
		 * credential once for every request that called preAuthentication, one
		 * write after the other (SQLite), and the request goes out only after its
		 * write: with 16 requests renewing together, the last waits for all 16.
		 */
		this.writeMs = writeMs;
		this.writing = Promise.resolve();
		/** The "database": one stored copy per type, updated as n8n updates it. */
		this.stored = Object.fromEntries(Object.entries(credentialsByType).map(([type, data]) => [type, structuredClone(data)]));
		/** Every write to the store, in order: { type, kind: 'preAuthentication' | 'oauthTokenData' }. */
		this.updates = [];
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

	/**
	 * As the CLI: a credential with a hidden `expirable` field and a
	 * `preAuthentication` function gets it called when that field is empty,
	 * when a request failed with 401 (`credentialsExpired`), or when the
	 * credential is being tested; the output is stored and assigned to the
	 * credentials object the request uses. (The CLI also limits the helpers to
	 * the credential's allowed domains; the sandbox is the only domain here.)
	 */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = credentialType(this.loader, typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (expirable?.name === undefined) return undefined;
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof type.preAuthentication !== 'function') return undefined;
		if (!(credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials)) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		await this.updateCredentials(node.credentials[type.name], type.name, { ...this.storedData(type.name), ...output });
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = credentialType(this.loader, typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) ?? undefined;
	}

	storedData(type) {
		const data = this.stored[type];
		if (!data) throw new Error(`No credentials of type ${type} were given to the test run`);
		return data;
	}

	/**
	 * As the CLI (applyDefaultsAndOverwrites): the stored data, with `raw`
	 * unchanged, else with the hidden OAuth fields the type pins taken from
	 * the type or the admin's overwrites (CREDENTIALS_OVERWRITE_DATA, which
	 * fill fields that are empty), the type's defaults filled in (OAuth token
	 * data kept) and expressions such as `={{$self.environment}}` resolved
	 * against the data itself.
	 */
	async getDecrypted(_additionalData, _nodeCredentials, type, _mode, _executeData, raw) {
		const original = structuredClone(this.storedData(type));
		if (raw === true) return original;
		const properties = this.getCredentialsProperties(type);
		const stored = { ...original };
		for (const field of OAUTH_PINNED_FIELDS) {
			if (properties.some((p) => p.name === field && p.type === 'hidden')) delete stored[field];
		}
		const overwrites = JSON.parse(process.env.CREDENTIALS_OVERWRITE_DATA || '{}')[type] ?? {};
		for (const [key, value] of Object.entries(overwrites)) {
			if ([null, undefined, ''].includes(stored[key])) stored[key] = value;
		}
		const data = NodeHelpers.getNodeParameters(properties, stored, true, false, null, null);
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;
		const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
		return await workflow.expression.withIsolate(async () =>
			workflow.expression.getComplexParameterValue(mockNode, data, 'internal', {}, undefined, undefined, data),
		);
	}

	async getCredentials(nodeCredentials, type) {
		const credentials = new Credentials({ id: nodeCredentials.id ?? null, name: nodeCredentials.name ?? '' }, type ?? '', '');
		return credentials;
	}

	async updateCredentials(_nodeCredentials, type, data) {
		if (this.writeMs) {
			this.writing = this.writing.then(() => new Promise((resolve) => setTimeout(resolve, this.writeMs)));
			await this.writing;
		}
		this.stored[type] = structuredClone(data);
		this.updates.push({ type, kind: 'preAuthentication' });
	}

	async updateCredentialsOauthTokenData(_nodeCredentials, type, data) {
		this.stored[type] = { ...this.storedData(type), oauthTokenData: structuredClone(data.oauthTokenData) };
		this.updates.push({ type, kind: 'oauthTokenData' });
	}

	getCredentialsProperties(type) {
		return credentialType(this.loader, type).properties;
	}
}

module.exports = { CredentialsHelper, credentialType };
