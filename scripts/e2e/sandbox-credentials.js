// One n8n credential of every type the vendor sandbox accepts, imported with
// `n8n import:credentials` under fixed ids (workflows that point at them keep
// working when they are imported again, for example with a new sandbox port).
// The file holding the secrets is deleted right after.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** Imports every type of `credentialsByType` under its id and name from `credentialIds`. */
async function importSandboxCredentials({ cli, tempDir, credentialsByType, credentialIds }) {
	const file = path.join(tempDir, `sandbox-credentials-${process.pid}-${Date.now()}.json`);
	const list = Object.entries(credentialsByType).map(([type, data]) => ({ ...credentialIds[type], type, data }));
	fs.writeFileSync(file, JSON.stringify(list), { mode: 0o600 });
	try {
		await cli.importFile('credentials', file);
	} finally {
		fs.rmSync(file, { force: true });
	}
	return { note: `${list.length} credentials` };
}

module.exports = { importSandboxCredentials };
