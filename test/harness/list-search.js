// Runs a node's list search (a resource locator's From List) the way n8n's
// editor does: n8n-core's LoadOptionsContext on a one-node workflow holding
// the node's current parameters, with the package loaded from dist/ and the
// credential applied like in a run.
'use strict';

require('./environment');
const { LoadOptionsContext } = require('n8n-core');
const { Workflow, NodeHelpers } = require('n8n-workflow');
const { loadPackage, additionalDataFor } = require('./engine');
const { CredentialsHelper } = require('./credentials-helper');

/**
 * Calls `methods.listSearch[method]` of node `nodeName` (without package
 * prefix) with `filter` and `paginationToken`. `parameters` are the node's
 * parameters in the editor; `credentials` maps credential type to data.
 */
async function listSearch(nodeName, method, { parameters = {}, credentials = {}, filter, paginationToken, version } = {}) {
	const loader = await loadPackage();
	const type = `${loader.packageName}.${nodeName}`;
	const versioned = loader.nodeTypes[nodeName].type;
	const nodeType = NodeHelpers.getVersionedNodeType(versioned, version);
	const typeVersion = nodeType.description.version;
	const node = {
		id: 'picker',
		name: 'Picker',
		type,
		typeVersion: Array.isArray(typeVersion) ? Math.max(...typeVersion) : typeVersion,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((t) => [t, { id: t, name: t }])),
	};
	const nodeTypes = {
		getByName: () => versioned,
		getByNameAndVersion: (_name, v) => NodeHelpers.getVersionedNodeType(versioned, v),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { ...additionalDataFor(new CredentialsHelper(loader, credentials), undefined), currentNodeParameters: parameters };
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`${nodeName} has no list search ${method}`);
	return await search.call(context, filter, paginationToken);
}

module.exports = { listSearch };
