// One n8n credential of every type the vendor sandbox accepts, imported with
// `n8n import:credentials` under fixed ids (workflows that point at them keep
// working when they are imported again, for example with a new sandbox port).
'use strict';

const { credentialsFor } = require('./workflows');

/** Imports every type of `credentialsByType` under its id and name from `credentialIds`. */
async function importSandboxCredentials({ cli, credentialsByType, credentialIds }) {
	const types = Object.keys(credentialsByType);
	await cli.importList('credentials', credentialsFor(types, credentialIds, credentialsByType));
	return { note: `${types.length} credentials` };
}

module.exports = { importSandboxCredentials };
