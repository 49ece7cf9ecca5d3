#!/usr/bin/env node
// End-to-end check in a REAL n8n (2.41.1), on the path users take: the package
// is built, packed with `npm pack`, published to a local npm registry and
// installed from there through n8n's Settings → Community Nodes (and, in a
// second user folder, by the README's `npm install` in ~/.n8n/nodes; both must
// load the same nodes: registry-install.js). Every
// examples/*.workflow.json is then imported and run with `n8n execute` against
// the vendor sandbox, and checked: n8n exits 0, each of our nodes puts out
// items without errors, the sandbox received the same messages as when the
// harness (n8n-core) runs the workflow, and no credential secret shows up in
// n8n's output or its database.
//
// Then edna's login credential renews an expired token (renewal-check.js), the
// SuperOffice OAuth2 credential is signed in through n8n's editor in headless
// Chromium and used by a workflow (oauth-signin.js), and the triggers: `n8n
// start` runs the workflows of examples/conversations/ as active workflows,
// and each simulated customer message must give exactly one successful
// execution and one reply; a forged one none (triggers.js).
//
// Then Send and Wait for Response (send-and-wait.js): published workflows ask,
// wait in n8n's database and go on with the sandbox customer's answer — through
// the link, in a phone-sized Chromium, in the chat, or not in time.
//
// Usage: node scripts/e2e/main.js [--no-build] [--keep] [--only <text>] [--examples <dir>] [--no-browser] [--no-triggers] [--no-registry] [--no-queue] [--no-editor] [--no-send-and-wait]
//   --no-build       use dist/ as it is (skip tsc and the icon copy)
//   --no-registry    unpack the tarball into the user folder as n8n's installer would, instead of
//                    installing from a local registry (faster; proves less)
//   --no-browser     skip the OAuth2 sign-in in the editor (no Chromium needed)
//   --keep           keep the temp folder (n8n user folder, logs) for a look afterwards
//   --only text      run only examples whose file name contains text
//   --examples dir   run the *.workflow.json of another folder (default examples/)
//   --no-triggers    skip the trigger check in n8n start
//   --no-queue       skip the queue-mode check (Redis, PostgreSQL, main + 2 workers + 2 webhook processors)
//   --no-editor      skip the editor check in Chromium (editor-check.js; screenshots in <temp folder>-screenshots)
//   --no-send-and-wait  skip Send and Wait for Response in n8n start (send-and-wait.js)
// Environment: E2E_N8N_CACHE (default ~/.cache/n8n-nodes-customer-messaging)
// holds the n8n install, one folder per n8n version; see docs/testing-in-real-n8n.md.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT, N8N_VERSION } = require('./config');
const { freePort, killAll } = require('./processes');
const n8nInstall = require('./n8n-install');
const { build, pack, installPackage } = require('./package-install');
const { n8nCli } = require('./n8n-cli');
const { listExamples, credentialIdsFor, credentialsFor, prepareWorkflow, runReferences } = require('./workflows');
const { parseRawOutput, judge } = require('./judge');
const { secretFieldsByType, secretsOf, n8nFolderFiles, leakPlaces } = require('./secret-scan');
const { step, printRow, printSummary, retryOnceIfCrashed } = require('./report');
const { oauthSignInCheck } = require('./oauth-signin');
const { credentialTestsCheck } = require('./credential-tests');
const { ednaRenewalCheck } = require('./renewal-check');
const { runTriggers } = require('./triggers');
const { queueModeCheck } = require('./queue-mode');
const { registryInstallCheck } = require('./registry-install');
const { editorCheck } = require('./editor-check');
const { sendAndWaitCheck } = require('./send-and-wait');
const { launchBrowser } = require('./browser');

const USAGE = 'node scripts/e2e/main.js [--no-build] [--keep] [--only <text>] [--examples <dir>] [--no-browser] [--no-triggers] [--no-registry] [--no-queue] [--no-editor] [--no-send-and-wait]';
const args = parseArgs(process.argv.slice(2));
const EXAMPLES = path.resolve(args.examples ?? path.join(ROOT, 'examples'));
let tempDir;
let sandbox;

function parseArgs(argv) {
	const out = { build: true, keep: process.env.E2E_KEEP === '1', only: undefined, examples: undefined, browser: true, triggers: true, registry: true, queue: true, editor: true, sendAndWait: true };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--no-build') out.build = false;
		else if (argv[i] === '--keep') out.keep = true;
		else if (argv[i] === '--no-browser') out.browser = false;
		else if (argv[i] === '--only') out.only = argv[++i];
		else if (argv[i] === '--examples') out.examples = argv[++i];
		else if (argv[i] === '--no-triggers') out.triggers = false;
		else if (argv[i] === '--no-registry') out.registry = false;
		else if (argv[i] === '--no-queue') out.queue = false;
		else if (argv[i] === '--no-editor') out.editor = false;
		else if (argv[i] === '--no-send-and-wait') out.sendAndWait = false;
		else {
			console.error(`Unknown argument ${argv[i]}. Usage: ${USAGE}`);
			process.exit(2);
		}
	}
	return out;
}

// On every way out, Ctrl+C included: no n8n left running, no half install or
// lock left in the cache, no temp folder unless asked to keep it.
function cleanUp() {
	killAll();
	n8nInstall.cleanUp();
	if (tempDir && !args.keep) fs.rmSync(tempDir, { recursive: true, force: true });
}

process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		console.error(`\nStopped by ${signal}; cleaning up.`);
		process.exit(130);
	});
}

/** Imports the credentials the workflows need and the workflows; the credential file (secrets) goes right after. */
async function importAll(cli, prepared, credentialsByType, credentialIds) {
	const neededTypes = [...new Set(prepared.flatMap((p) => [...p.needed]))].sort();
	await cli.importList('credentials', credentialsFor(neededTypes, credentialIds, credentialsByType));
	await cli.importList('workflow', prepared.map((p) => p.workflow));
	return { note: `${neededTypes.length} credential(s): ${neededTypes.join(', ') || 'none'}` };
}

/** One `n8n execute` of a prepared workflow, judged; n8n's output is left in the temp folder for a look. */
async function runExample(cli, p, reference, secrets) {
	sandbox.reset();
	const result = await cli.execute(p.workflow.id, `n8n execute ${p.file}`);
	fs.writeFileSync(path.join(tempDir, `${p.file}.stdout.log`), result.stdout);
	fs.writeFileSync(path.join(tempDir, `${p.file}.stderr.log`), result.stderr);
	const runJson = parseRawOutput(result.stdout);
	const ledger = sandbox.ledger.map((m) => ({ vendor: m.vendor, operation: m.operation }));
	const verdict = judge({ workflow: p.original, result, runJson, ledger, reference, secrets });
	return {
		file: p.file,
		ok: verdict.problems.length === 0,
		items: verdict.items,
		messages: `${ledger.length}/${reference?.ledger.length ?? '?'}`,
		executeMs: result.ms,
		runMs: runJson ? Date.parse(runJson.stoppedAt) - Date.parse(runJson.startedAt) : undefined,
		peakMb: result.peakRssKb ? Math.round(result.peakRssKb / 1024) : undefined,
		problems: verdict.problems,
	};
}

async function main() {
	const totalStarted = Date.now();
	tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const userFolder = path.join(tempDir, 'user');
	fs.mkdirSync(userFolder);
	const exampleFiles = listExamples(EXAMPLES, args.only);

	console.log(`Real n8n ${N8N_VERSION} end-to-end: ${exampleFiles.length} example workflow(s), temp folder ${tempDir}${args.keep ? ' (kept)' : ''}`);
	if (args.build) await step('build (tsc + icons)', build);
	const { tarball } = await step('npm pack', () => pack(tempDir));
	const { dir: n8nDir } = await step(`n8n ${N8N_VERSION} install`, n8nInstall.ensureN8n);
	const { nodeBin, n8nBin } = n8nInstall.binaries(n8nDir);

	const { startSandbox } = require(path.join(ROOT, 'test', 'sandbox', 'server.js'));
	await step('start the vendor sandbox', async () => {
		sandbox = await startSandbox(0);
		return { note: sandbox.url };
	});
	const credentialsByType = {};
	for (const byType of Object.values(sandbox.credentials())) Object.assign(credentialsByType, byType);

	const reference = await step('reference runs in the test harness', () =>
		runReferences({ nodeBin, tempDir, examplesDir: EXAMPLES, files: exampleFiles }),
	);

	// OAuth2 sign-in addresses pointed at the sandbox, as an admin would with n8n's credential overwrites.
	const extraEnv = { CREDENTIALS_OVERWRITE_DATA: JSON.stringify(sandbox.credentialOverwrites()) };
	const cli = n8nCli({ nodeBin, n8nBin, userFolder, cwd: tempDir, brokerPort: await freePort(), extraEnv });

	const rows = [];
	const failed = (row) => !row.ok;
	const report = (row) => {
		rows.push(row);
		printRow(row);
	};

	// --- install (registry-install.js): the examples below run on this install ---
	let packageDir;
	if (args.registry) {
		const installed = await step('install from a local registry (Settings → Community Nodes; npm install in ~/.n8n/nodes)', async () => {
			const out = await registryInstallCheck({ cli, nodeBin, n8nBin, tempDir, userFolder, tarball, sandbox, credentialsByType, retryOnceIfCrashed });
			return Object.assign(out, { note: `${out.rows.filter((r) => r.ok).length}/${out.rows.length} ok; ${out.summary}` });
		});
		for (const row of installed.rows) report(row);
		packageDir = installed.packageDir;
		if (!fs.existsSync(path.join(packageDir, 'package.json'))) throw new Error('The install through Settings → Community Nodes left no package to run the examples with');
	} else {
		({ packageDir } = await step('install the tarball as a community package (unpacked)', () => installPackage(tarball, userFolder, nodeBin)));
	}
	// --- end of install ---
	const secrets = secretsOf(credentialsByType, secretFieldsByType(packageDir));
	// Credentials: one per type the examples use, data as the sandbox accepts it.
	const credentialIds = credentialIdsFor(Object.keys(credentialsByType));
	const prepared = exampleFiles.map((file) => {
		const original = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
		return { file, original, ...prepareWorkflow(file, original, credentialIds) };
	});
	await step('n8n import:credentials + import:workflow', () => importAll(cli, prepared, credentialsByType, credentialIds));

	console.log('');
	await step(`${prepared.length} example(s) with n8n execute`, async () => {
		console.log('');
		for (const p of prepared) {
			report(await retryOnceIfCrashed(`n8n execute ${p.file}`, () => runExample(cli, p, reference[p.file], secrets), failed));
		}
	});
	await step('edna login renewal', async () => {
		console.log('');
		const renewal = await retryOnceIfCrashed('the edna login renewal', () => ednaRenewalCheck({ cli, prepared, sandbox }), (r) => r && !r.ok);
		if (renewal) report(renewal);
	});
	await step("every credential's connection test (n8n start, POST /rest/credentials/test)", async () => {
		console.log('');
		const attempt = () =>
			credentialTestsCheck({ cli, nodeBin, n8nBin, tempDir, sandbox, credentialsByType }).catch((error) => [
				{ file: 'credential tests', ok: false, items: 0, messages: '-', executeMs: 0, problems: [`${error.message.split('\n')[0]} (n8n-credential-tests.log in the temp folder)`] },
			]);
		for (const row of await retryOnceIfCrashed('the credential tests', attempt, (rows) => rows.some(failed))) report(row);
	});
	if (args.browser) {
		await step('OAuth2 sign-in in the editor', async () => {
			console.log('');
			const attempt = () =>
				oauthSignInCheck({ cli, nodeBin, n8nBin, tempDir, sandbox }).catch((error) => ({
					file: 'OAuth2 sign-in in the editor + workflow',
					ok: false,
					items: 0,
					messages: '0/1',
					executeMs: 0,
					problems: [`${error.message.split('\n')[0]} (screenshot and n8n's log in the temp folder)`],
				}));
			report(await retryOnceIfCrashed('the OAuth2 sign-in', attempt, failed));
		});
		// Every token SuperID handed out is a secret too.
		secrets.push(...sandbox.state.superoffice.superId.issued);
	}

	// --- The editor in a browser (editor-check.js) ---
	if (args.editor) {
		console.log('');
		const editorRows = await step('the nodes in the editor (Chromium)', async () => {
			const ctx = { cli, nodeBin, n8nBin, tempDir, sandbox, packageDir, credentialIds, credentialsByType, secrets };
			const attempt = () =>
				editorCheck(ctx).catch((error) => [
					{ file: 'editor check', ok: false, items: 0, messages: '-', executeMs: 0, problems: [`${error.message.split('\n')[0]} (n8n-editor.log in the temp folder)`] },
				]);
			const out = await retryOnceIfCrashed('the editor check', attempt, (rows) => rows.some(failed));
			return Object.assign(out, { note: `${out.filter((r) => r.ok).length}/${out.length} ok; screenshots in ${tempDir}-screenshots` });
		});
		for (const row of editorRows) report(row);
	}

	if (args.triggers) {
		console.log('');
		const triggerRows = await step('triggers in n8n start (active workflows)', async () => {
			const out = await retryOnceIfCrashed(
				'the triggers in n8n start',
				() => runTriggers({ cli, nodeBin, n8nBin, n8nDir, userFolder, tempDir, sandbox, credentialIds, credentialsByType }),
				(out) => out.some(failed),
			);
			return Object.assign(out, { note: `${out.filter((r) => r.ok).length}/${out.length} ok` });
		});
		for (const row of triggerRows) report(row);
	}

	// --- Send and Wait for Response (send-and-wait.js) ---
	if (args.sendAndWait) {
		console.log('');
		const sendAndWaitRows = await step('Send and Wait for Response in n8n start (links, Chromium, chat, time limit)', async () => {
			const attempt = async () => {
				const launched = args.browser ? await launchBrowser() : undefined;
				try {
					return await sendAndWaitCheck({ cli, nodeBin, n8nBin, n8nDir, userFolder, tempDir, sandbox, credentialIds, credentialsByType, browser: launched?.browser });
				} finally {
					await launched?.browser.close();
				}
			};
			const guarded = () =>
				attempt().catch((error) => [
					{ file: 'send and wait', ok: false, items: 0, messages: '-', executeMs: 0, problems: [`${error.message.split('\n')[0]} (n8n-send-and-wait.log in the temp folder)`] },
				]);
			const out = await retryOnceIfCrashed('Send and Wait', guarded, (rows) => rows.some(failed));
			return Object.assign(out, { note: `${out.filter((r) => r.ok).length}/${out.length} ok; screenshots in ${tempDir}-screenshots` });
		});
		for (const row of sendAndWaitRows) report(row);
	}

	// --- queue mode (queue-mode.js) ---
	if (args.queue) {
		console.log('');
		const queueRows = await step('queue mode: Redis + PostgreSQL, main, 2 workers, 2 webhook processors', async () => {
			const attempt = () =>
				queueModeCheck({ nodeBin, n8nBin, tarball, tempDir, sandbox, credentialIds, credentialsByType, outputs: cli.outputs }).catch((error) => [
					{ file: 'queue mode', ok: false, items: 0, messages: '0/?', executeMs: 0, problems: [`${error.message.split('\n').slice(0, 6).join(' | ')} (logs in ${tempDir}/queue-mode)`] },
				]);
			const out = await retryOnceIfCrashed('queue mode', attempt, (rows) => rows.some(failed));
			return Object.assign(out, { note: `${out.filter((r) => r.ok).length}/${out.length} ok` });
		});
		for (const row of queueRows) report(row);
	}

	const scanned = [...cli.outputs, ...n8nFolderFiles(userFolder)];
	const leaks = leakPlaces(scanned, secrets);
	const failedRows = rows.filter(failed);
	printSummary({ rows, totalStarted, secrets, scanned, leaks });
	if (failedRows.length || leaks.length) {
		// Keep the evidence: n8n's output per workflow and its database.
		args.keep = true;
		console.log(`Kept for a look: ${tempDir} (<workflow>.stdout.log / .stderr.log, user/.n8n/database.sqlite)`);
		console.log(`\nFAILED: ${failedRows.length} of ${rows.length} workflow(s)${leaks.length ? '; secrets leaked' : ''}.`);
		return 1;
	}
	if (args.keep) console.log(`Kept: ${tempDir}`);
	console.log(`\nAll ${rows.length} example workflow(s) ran in real n8n ${N8N_VERSION}.`);
	return 0;
}

main()
	.then(async (code) => {
		if (sandbox) await sandbox.close();
		process.exit(code);
	})
	.catch(async (error) => {
		console.error(`\nE2E FAILED: ${error instanceof Error ? error.message : String(error)}`);
		if (sandbox) await sandbox.close().catch(() => {});
		process.exit(1);
	});
