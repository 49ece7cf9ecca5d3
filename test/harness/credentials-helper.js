// Credentials applied the way n8n's CLI applies them
// (packages/cli/src/credentials-helper.ts): a generic `authenticate` template
// is resolved as an n8n expression with $credentials, a function
// `authenticate` is called. The decrypted data is whatever the test passed in,
// keyed by credential type.
'use strict';

require('./environment');
const { Credentials } = require('n8n-core');
const { ICredentialsHelper } = require('n8n-workflow');

/** The credential type `typeName` (with or without the package prefix) from the loaded package. */
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

module.exports = { CredentialsHelper, credentialType };
