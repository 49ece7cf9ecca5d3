// n8n's command line against one throw-away user folder. What every command
// prints is kept, because the secret scan looks through all of it.
'use strict';

const crypto = require('node:crypto');
const path = require('node:path');

const { LIMITS } = require('./config');
const { run, lastLines, envWithPath } = require('./processes');

/** Settings that keep n8n local and quiet, and away from other n8n instances on this machine. */
function n8nEnv({ nodeBin, userFolder, brokerPort }) {
	return envWithPath(path.dirname(nodeBin), {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		// mcp-registry reaches for the internet at start-up.
		N8N_DISABLED_MODULES: 'mcp-registry',
		// n8n execute starts a task broker; the default port (5679) may be taken by a running n8n.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		// Debug logs give a secret the most chances to leak, and the secret scan the most to see.
		N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL || 'debug',
	});
}

/**
 * Returns { importFile, execute, outputs }; outputs collects { where, text }
 * of every command that finished, where being the command ("n8n …").
 */
function n8nCli({ nodeBin, n8nBin, userFolder, cwd, brokerPort }) {
	const env = n8nEnv({ nodeBin, userFolder, brokerPort });
	const outputs = [];
	const command = async (commandArgs, label) => {
		const result = await run(nodeBin, [n8nBin, ...commandArgs], { cwd, env, label, timeoutMs: LIMITS.n8nCommand });
		outputs.push({ where: label, text: result.stdout + result.stderr });
		return result;
	};

	/** `n8n import:<kind> --input=<file>`; kind is "credentials" or "workflow". */
	async function importFile(kind, file) {
		const label = `n8n import:${kind}`;
		const result = await command([`import:${kind}`, `--input=${file}`], label);
		if (result.code !== 0) throw new Error(`${label} failed (exit ${result.code}): ${lastLines(result.stderr, 5, ' | ')}`);
	}

	/** Runs an imported workflow. A run out of time is a failed run (exit -1), not the end of the check. */
	function execute(id, label) {
		return command(['execute', `--id=${id}`, '--rawOutput'], label).catch((error) => {
			outputs.push({ where: label, text: error.message });
			return { code: -1, stdout: '', stderr: error.message, ms: LIMITS.n8nCommand };
		});
	}

	// env and command: for the trigger check, which starts `n8n start` on the same folder and key.
	return { importFile, execute, outputs, env, command };
}

module.exports = { n8nCli };
