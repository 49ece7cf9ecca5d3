// n8n in queue mode on this machine, as an admin runs it: Redis and
// PostgreSQL (services.js), one main (`n8n start`), two workers (`n8n worker`)
// and two webhook processors (`n8n webhook`). Each has its own user folder
// with the package installed as a community package (as separate machines or
// containers would), and all share the database, Redis and the encryption key.
// Settings: https://docs.n8n.io/hosting/scaling/queue-mode/
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { MINUTE } = require('./config');
const { start, freePort, waitFor } = require('./processes');
const { installPackage } = require('./package-install');
const { n8nCli } = require('./n8n-cli');
const { startRedis, startPostgres } = require('./services');

// Shorter than n8n's defaults (lock 60 s, stalled check every 30 s, recovery
// every 180 min) so that a killed worker's execution is settled within a
// minute or two; what happens to it does not depend on them (docs/queue-mode.md).
const FAST_RECOVERY = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
};
const WORKER_CONCURRENCY = 5;

/**
 * Starts the services, installs the package into four user folders, imports
 * `credentials` and `workflows` and publishes them, then starts main, two
 * workers and the webhook processor; `runDir` is the run's temp folder (the
 * services' data go beside it), `dir` where the logs go. Returns { cli, postgres, webhookBase,
 * processes: { main, worker1, worker2, webhook, webhook2 }, stop() }.
 */
async function startCluster({ nodeBin, n8nBin, tarball, runDir, dir, credentials, workflows, extraEnv }) {
	const stops = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) await stop().catch(() => undefined);
		stops.length = 0;
	};
	try {
		const redis = await startRedis({ tempDir: runDir, logDir: dir });
		stops.push(() => redis.stop());
		const postgres = await startPostgres({ tempDir: runDir, logDir: dir });
		stops.push(() => postgres.stop());

		const names = ['main', 'worker1', 'worker2', 'webhook', 'webhook2'];
		for (const name of names) await installPackage(tarball, path.join(dir, name), nodeBin);
		const webhookPort = await freePort();
		const webhookBase = `http://127.0.0.1:${webhookPort}/`;
		// A second webhook processor, as behind a load balancer: a vendor's redelivery may reach either.
		const webhook2Port = await freePort();
		const webhook2Base = `http://127.0.0.1:${webhook2Port}/`;
		const shared = {
			...extraEnv,
			...FAST_RECOVERY,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			// Production webhooks (and the SuperOffice webhook registered on activation) point at the webhook processor.
			WEBHOOK_URL: webhookBase,
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// Lines like "Worker started execution 12 (job 3)" tell which worker ran what.
			N8N_LOG_LEVEL: 'info',
		};
		const cliFor = async (name) => n8nCli({ nodeBin, n8nBin, userFolder: path.join(dir, name), cwd: dir, brokerPort: await freePort(), extraEnv: shared });
		const cli = await cliFor('main');

		await cli.importList('credentials', credentials);
		await cli.importList('workflow', workflows);
		for (const workflow of workflows) await cli.command(['publish:workflow', `--id=${workflow.id}`], `n8n publish:workflow ${workflow.id}`);

		const processes = {};
		const launch = async (name, args, env, healthUrl) => {
			const { env: base } = await cliFor(name);
			const server = start(nodeBin, [n8nBin, ...args], { cwd: dir, env: { ...base, ...env } });
			processes[name] = Object.assign(server, { name, healthUrl });
			stops.push(async () => {
				await server.stop();
				fs.writeFileSync(path.join(dir, `${name}.log`), server.output());
				cli.outputs.push({ where: `n8n ${args[0]} (${name}, queue mode)`, text: server.output() });
			});
		};
		// The main first: it activates the workflows (and registers the SuperOffice webhook) before anything calls them.
		const mainPort = await freePort();
		await launch('main', ['start'], { N8N_PORT: String(mainPort), N8N_LISTEN_ADDRESS: '127.0.0.1' }, `http://127.0.0.1:${mainPort}/healthz/readiness`);
		await waitUntilHealthy(processes.main);
		for (const name of ['worker1', 'worker2']) {
			const port = await freePort();
			await launch(
				name,
				['worker', `--concurrency=${WORKER_CONCURRENCY}`],
				{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' },
				`http://127.0.0.1:${port}/healthz/readiness`,
			);
		}
		await launch('webhook', ['webhook'], { N8N_PORT: String(webhookPort), N8N_LISTEN_ADDRESS: '127.0.0.1' }, `${webhookBase}healthz/readiness`);
		await launch('webhook2', ['webhook'], { N8N_PORT: String(webhook2Port), N8N_LISTEN_ADDRESS: '127.0.0.1' }, `${webhook2Base}healthz/readiness`);
		for (const name of ['worker1', 'worker2', 'webhook', 'webhook2']) await waitUntilHealthy(processes[name]);
		return { cli, postgres, webhookBase, webhook2Base, processes, stop: stopAll };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

function waitUntilHealthy(server) {
	return waitFor(`n8n ${server.name} answering ${server.healthUrl}`, async () => (await fetch(server.healthUrl)).ok, 4 * MINUTE, server);
}

/** Execution ids a worker's log says it started ("Worker started execution 12 (job 3)"). */
function executionsStartedBy(server) {
	return [...server.output().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
}

/**
 * Ends a process and its children at once, as a crash or an out-of-memory kill
 * would. Through the handle's kill() where processes.js has one, so that this
 * kill on purpose is not counted as n8n crashing.
 */
function killHard(server) {
	if (typeof server.kill === 'function') return server.kill('SIGKILL');
	process.kill(-server.child.pid, 'SIGKILL');
	return undefined;
}

module.exports = { startCluster, executionsStartedBy, killHard, FAST_RECOVERY };
