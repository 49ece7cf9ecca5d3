// Tests a credential as n8n's CredentialsTester does
// (packages/cli/src/services/credentials-tester.service.ts, n8n 2.41.1):
// - a credential type with a declarative `test`: its request goes through
//   n8n-core's RoutingNode inside a throwaway one-node workflow — a credential
//   that logs in first does so inside it, with n8n's current request helper —
//   and its `rules` are judged the same way;
// - otherwise the test function a node that lists the credential names
//   (`testedBy`, found in the node's or its versions' `methods.credentialTest`),
//   called with n8n-core's own CredentialTestContext, so its requests take
//   n8n's real legacy request path.
'use strict';

require('./environment');
const { CredentialTestContext, ExecuteContext, RoutingNode } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { loadPackage, additionalDataFor } = require('./engine');
const { CredentialsHelper, credentialType } = require('./credentials-helper');

/** Returns { status: 'OK' | 'Error', message } for `data` of credential type `typeName`. */
async function testCredential(typeName, given) {
	const data = given;
	const loader = await loadPackage();
	const type = credentialType(loader, typeName);
	if (!type.test) {
		const testFunction = nodeTestFunction(loader, type.name);
		if (!testFunction) return { status: 'Error', message: 'No testing function found for this credential.' };
		const additionalData = additionalDataFor(new CredentialsHelper(loader, { [type.name]: data }), undefined);
		return await testFunction.call(new CredentialTestContext(additionalData), { id: 'temp', name: 'temp', type: type.name, data });
	}
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
	// n8n runs the test as its No Operation node: that type, with `temp` empty, is what makes its
	// CredentialsHelper log a credential in (preAuthentication) for every test, inside the request.
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
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
		return judgeFailure(type.test.rules, error);
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

/**
 * The versions of a node type as n8n's tester walks them: each version of a
 * versioned node (VersionedNodeType), else the node itself.
 */
function versionsOf(nodeType) {
	return nodeType.nodeVersions ? Object.values(nodeType.nodeVersions) : [nodeType];
}

/**
 * The test function n8n 2.41.1 finds for credential type `name`
 * (CredentialsTester.getCredentialTestFunction): on the first node listing the
 * credential with a `testedBy` name, that name in the `methods.credentialTest`
 * of its highest version that has it, or of the node itself.
 */
function nodeTestFunction(loader, name) {
	for (const { type: nodeType } of Object.values(loader.nodeTypes)) {
		for (const version of versionsOf(nodeType)) {
			const listed = (version.description.credentials ?? []).find((c) => c.name === name && typeof c.testedBy === 'string');
			if (!listed) continue;
			if (nodeType.nodeVersions) {
				const numbers = Object.keys(nodeType.nodeVersions).sort().reverse();
				for (const number of numbers) {
					const found = nodeType.nodeVersions[Number(number)].methods?.credentialTest?.[listed.testedBy];
					if (found) return found;
				}
			}
			return nodeType.methods?.credentialTest?.[listed.testedBy];
		}
	}
	return undefined;
}

/** The tester's answer when the test request failed: a `responseCode` rule's message, else the HTTP or network reason. */
function judgeFailure(rules, error) {
	if (error.cause?.response) {
		const statusCode = error.cause.response.status;
		for (const rule of rules ?? []) {
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

module.exports = { testCredential, versionsOf };
