// n8n's command line against one throw-away user folder. What every command
// prints is kept, because the secret scan looks through all of it.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { LIMITS } = require('./config');
const { run, lastLines, envWithPath } = require('./processes');

/** Settings that keep n8n local and quiet, and away from other n8n instances on this machine. */
function n8nEnv({ nodeBin, userFolder, brokerPort, extraEnv }) {
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
		...extraEnv,
	});
}

/**
 * Returns { importList, execute, command, outputs, env }; outputs collects { where, text }
 * of every command that finished, where being the command ("n8n …"); env is
 * what every command runs with (for an `n8n start` on the same folder and key).
 * `extraEnv` adds settings, such as n8n's credential overwrites.
 */
function n8nCli({ nodeBin, n8nBin, userFolder, cwd, brokerPort, extraEnv = {} }) {
	const env = n8nEnv({ nodeBin, userFolder, brokerPort, extraEnv });
	const outputs = [];
	const command = async (commandArgs, label) => {
		const result = await run(nodeBin, [n8nBin, ...commandArgs], { cwd, env, label, timeoutMs: LIMITS.n8nCommand, stdoutToFile: true });
		outputs.push({ where: label, text: result.stdout + result.stderr });
		return result;
	};

	/**
	 * `n8n import:<kind>` of a list (kind "credentials" or "workflow"), through
	 * a file in `cwd` readable by this user only and deleted right after: a
	 * credential list holds secrets.
	 */
	let imports = 0;
	async function importList(kind, list) {
		const label = `n8n import:${kind}`;
		const file = path.join(cwd, `import-${kind}-${process.pid}-${++imports}.json`);
		fs.writeFileSync(file, JSON.stringify(list), { mode: 0o600 });
		try {
			const result = await command([`import:${kind}`, `--input=${file}`], label);
			if (result.code !== 0) throw new Error(`${label} failed (exit ${result.code}): ${lastLines(result.stderr, 5, ' | ')}`);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Runs an imported workflow. A run out of time is a failed run (exit -1), not the end of the check. */
	function execute(id, label) {
		return command(['execute', `--id=${id}`, '--rawOutput'], label).catch((error) => {
			outputs.push({ where: label, text: error.message });
			return { code: -1, stdout: '', stderr: error.message, ms: LIMITS.n8nCommand };
		});
	}

	/** Any other command (`n8n publish:workflow …`); a non-zero exit is an error. */
	async function other(commandArgs, label) {
		const result = await command(commandArgs, label);
		if (result.code !== 0) throw new Error(`${label} failed (exit ${result.code}): ${lastLines(result.stderr, 5, ' | ')}`);
		return result;
	}

	return { importList, execute, command: other, outputs, env };
}

module.exports = { n8nCli };
