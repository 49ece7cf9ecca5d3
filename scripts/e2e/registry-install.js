// The package installed the two ways users install it, both from a registry
// (the local one of registry.js, holding the packed tarball):
//
// 1. Settings → Community Nodes → Install: n8n's own installer, through the
//    REST call that screen makes (POST /rest/community-packages), into the
//    user folder the examples then run in. n8n is then restarted and must
//    load the package: Settings lists it as loaded, and the node and
//    credential types are in what the editor is served (/types/nodes.json,
//    /types/credentials.json).
// 2. The README's manual path: `npm install n8n-nodes-customer-messaging` in
//    <user folder>/.n8n/nodes of a second user folder, then n8n started on it.
//
// Both must offer the same node types (same versions) and credential types,
// of the same package version, and run the same workflow against the sandbox.
// "Installed but not loaded" — the package on disk, its nodes missing from the
// editor — is the failure users report most, and is reported as that.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT, PACKAGE, LIMITS, classOfFile } = require('./config');
const { freePort, mustRun, envWithPath } = require('./processes');
const { n8nCli } = require('./n8n-cli');
const { startN8n, ownerSession, rest } = require('./n8n-server');
const { startRegistry, publish } = require('./registry');
const { credentialIdsFor, credentialsFor, prepareWorkflow, runReferences } = require('./workflows');
const { parseRawOutput, judge } = require('./judge');
const { n8nFolderFiles } = require('./secret-scan');

// n8n 2.41.1 installs community packages from the public npm registry; any other
// registry (N8N_COMMUNITY_PACKAGES_REGISTRY) is an Enterprise licence feature
// (community-packages.service.js, getNpmRegistry). n8n's own end-to-end mode
// (E2E_TESTS=true) lets a test switch licence features on (PATCH
// /rest/e2e/feature); it is used for the install session only, so the
// installer runs unchanged but fetches from the local registry. The restart
// that must load the package is a plain n8n.
const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';
const SMOKE_EXAMPLE = 'evovoice-send-sms.workflow.json';
const SETTINGS_ROW = 'install: Settings → Community Nodes (registry)';
const MANUAL_ROW = 'install: npm install in ~/.n8n/nodes (README)';

/** Whether any version of a node says usableAsTool (n8n then also offers `<name>Tool` to its AI Agent). */
function usableAsTool(node) {
	const descriptions = node.nodeVersions ? Object.values(node.nodeVersions).map((v) => v.description) : [node.description];
	return descriptions.some((d) => d.usableAsTool);
}

/**
 * What the package declares, from the built classes: its node types as n8n
 * names them (with the `…Tool` types n8n makes of nodes usable as AI tools)
 * and its credential types.
 */
function declaredTypes() {
	// As n8n's loader does: the class named like the file (Foo.node.js exports Foo).
	// A file without it cannot load in n8n either; it is then expected under the
	// name n8n's conventions give it (fooBar), so the check reports it missing.
	const names = (files, nameOf) =>
		files.map((file) => {
			const className = path.basename(file).split('.')[0];
			const Type = classOfFile(path.join(ROOT, file));
			return Type ? nameOf(new Type()) : [className[0].toLowerCase() + className.slice(1)];
		});
	const nodeNames = (node) => [node.description.name, ...(usableAsTool(node) ? [`${node.description.name}Tool`] : [])];
	return {
		nodes: names(PACKAGE.n8n.nodes, nodeNames).flat().map((name) => `${PACKAGE.name}.${name}`).sort(),
		credentials: names(PACKAGE.n8n.credentials, (credential) => [credential.name]).flat().sort(),
	};
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The lines of n8n's log about the package or community packages that say something went wrong. */
function logHint(output) {
	const lines = output
		.replace(ANSI_COLOUR, '')
		.split('\n')
		.filter((line) => /n8n-nodes-customer-messaging|community/i.test(line) && /error|fail|warn|unrecognized|not/i.test(line))
		.slice(-3);
	return lines.length ? ` n8n's log: ${lines.map((line) => line.trim().slice(0, 200)).join(' | ')}` : '';
}

/**
 * What a running n8n offers of the package, as its editor is served it: our
 * node types with their versions, and which of the declared credential types
 * it knows. Adds an "installed but not loaded" problem for anything missing.
 */
async function loadedTypes({ base, cookie, declared, packageDir, server, problems }) {
	const { data: nodes } = await rest(base, 'GET', '/types/nodes.json', undefined, cookie);
	const { data: credentials } = await rest(base, 'GET', '/types/credentials.json', undefined, cookie);
	const versions = new Map();
	for (const node of nodes.filter((n) => n.name.startsWith(`${PACKAGE.name}.`))) {
		versions.set(node.name, [...new Set([...(versions.get(node.name) ?? []), ...[node.version].flat()])].sort());
	}
	const known = new Set(credentials.map((c) => c.name));
	const missingNodes = declared.nodes.filter((name) => !versions.has(name));
	const missingCredentials = declared.credentials.filter((name) => !known.has(name));
	if (missingNodes.length || missingCredentials.length) {
		const onDisk = fs.existsSync(path.join(packageDir, 'package.json'));
		problems.push(
			`${onDisk ? 'installed but not loaded' : 'not installed'}: ${onDisk ? `the package is in ${packageDir}, but ` : ''}n8n's editor is not offered ` +
				`${[...missingNodes, ...missingCredentials].join(', ')} (${missingNodes.length} of ${declared.nodes.length} node types, ` +
				`${missingCredentials.length} of ${declared.credentials.length} credential types missing); the nodes panel would not show them.${logHint(server.output())}`,
		);
	}
	return {
		nodes: [...versions].map(([name, v]) => `${name}@${v.join(',')}`).sort(),
		credentials: declared.credentials.filter((name) => known.has(name)),
	};
}

function installedVersion(packageDir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

/** Runs `fn` with a started n8n and the owner's session; n8n's output joins the secret scan. */
async function withN8n(ctx, cli, { env, logName }, fn) {
	const { server, base } = await startN8n({ cli, nodeBin: ctx.nodeBin, n8nBin: ctx.n8nBin, cwd: ctx.tempDir, env, logFile: path.join(ctx.workDir, logName) });
	try {
		return await fn({ base, cookie: await ownerSession(base), server });
	} finally {
		await server.stop();
		cli.outputs.push({ where: `n8n start (${logName})`, text: server.output() });
	}
}

/** Path 1: the install the Settings screen makes, a restart, and what the restarted n8n loaded. */
async function installThroughSettings(ctx, cli, userFolder, problems) {
	const packageDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE.name);
	const env = { E2E_TESTS: 'true', N8N_COMMUNITY_PACKAGES_REGISTRY: ctx.registry.url.replace(/\/$/, '') };
	const installed = await withN8n(ctx, cli, { env, logName: 'n8n-settings-install.log' }, async ({ base, cookie }) => {
		await rest(base, 'PATCH', '/rest/e2e/feature', { feature: CUSTOM_REGISTRY_FEATURE, enabled: true });
		// The body the editor's "Install community nodes" dialog sends (n8n-editor-ui, installNewPackage).
		const answer = await rest(base, 'POST', '/rest/community-packages', { name: PACKAGE.name, verify: false, version: ctx.version }, cookie).catch((error) => {
			// n8n loads the package right after downloading it and rolls the install back when it cannot.
			const quoted = /"message":("(?:[^"\\]|\\.)*")/.exec(error.message)?.[1];
			const said = quoted ? JSON.parse(quoted) : error.message.split('\n')[0];
			throw new Error(`${/could not be loaded/.test(said) ? 'installed but not loaded: ' : ''}Settings → Community Nodes → Install failed: ${said}`);
		});
		return answer.data;
	});
	if (installed.installedVersion !== ctx.version) problems.push(`n8n installed version ${installed.installedVersion}, not ${ctx.version}`);
	return withN8n(ctx, cli, { logName: 'n8n-after-install-restart.log' }, async ({ base, cookie, server }) => {
		const { data: packages } = await rest(base, 'GET', '/rest/community-packages', undefined, cookie);
		const listed = packages.find((p) => p.packageName === PACKAGE.name);
		if (!listed) problems.push('after the restart, Settings → Community Nodes does not list the package');
		else if (listed.failedLoading) problems.push(`installed but not loaded: after the restart, Settings → Community Nodes marks the package as failed to load.${logHint(server.output())}`);
		const types = await loadedTypes({ base, cookie, declared: ctx.declared, packageDir, server, problems });
		return { ...types, packageDir, version: installedVersion(packageDir), installedNodes: installed.installedNodes?.length };
	});
}

/**
 * Path 2: the README's `npm install` in ~/.n8n/nodes, word for word, then n8n
 * started on that folder. The package marks its peer dependency n8n-workflow
 * optional (package.json peerDependenciesMeta); otherwise npm 7 and later would
 * install n8n-workflow@latest there too — ~300 packages, native addons
 * (isolated-vm) compiled from source, a second n8n-workflow beside n8n's own —
 * and fail where that cannot be built. The check below fails if anything
 * besides the package lands in the folder.
 */
async function installManually(ctx, cli, userFolder, problems) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	fs.mkdirSync(nodesDir, { recursive: true });
	await mustRun('npm', ['install', PACKAGE.name, '--registry', ctx.registry.url, '--userconfig', ctx.registry.npmrc, '--no-audit', '--no-fund'], {
		cwd: nodesDir,
		env: envWithPath(path.dirname(ctx.nodeBin)),
		label: `npm install ${PACKAGE.name} in ${nodesDir}`,
		timeoutMs: LIMITS.packageInstall,
	});
	const others = fs.readdirSync(path.join(nodesDir, 'node_modules')).filter((name) => !name.startsWith('.') && name !== PACKAGE.name);
	if (others.length) problems.push(`npm install put more than the package into ~/.n8n/nodes: ${others.join(', ')}`);
	return withN8n(ctx, cli, { logName: 'n8n-manual-install.log' }, async ({ base, cookie, server }) => {
		const types = await loadedTypes({ base, cookie, declared: ctx.declared, packageDir, server, problems });
		return { ...types, packageDir, version: installedVersion(packageDir) };
	});
}

/** One example through `n8n execute` in the given user folder, judged against the harness run like the examples. */
async function runSmoke(ctx, cli, label) {
	const original = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', SMOKE_EXAMPLE), 'utf8'));
	const credentialIds = credentialIdsFor(Object.keys(ctx.credentialsByType));
	const { workflow, needed } = prepareWorkflow(SMOKE_EXAMPLE, original, credentialIds);
	await cli.importList('credentials', credentialsFor(needed, credentialIds, ctx.credentialsByType));
	await cli.importList('workflow', [workflow]);
	ctx.sandbox.reset();
	const result = await cli.execute(workflow.id, `n8n execute ${SMOKE_EXAMPLE} (${label})`);
	fs.writeFileSync(path.join(ctx.workDir, `${label}-${SMOKE_EXAMPLE}.log`), result.stdout + result.stderr);
	const ledger = ctx.sandbox.ledger.map((m) => ({ vendor: m.vendor, operation: m.operation }));
	const verdict = judge({ workflow: original, result, runJson: parseRawOutput(result.stdout), ledger, reference: ctx.reference, secrets: [] });
	return {
		items: verdict.items,
		messages: `${ledger.length}/${ctx.reference?.ledger.length ?? '?'}`,
		problems: verdict.problems.map((p) => `${SMOKE_EXAMPLE}: ${p}`),
	};
}

/** Both installs must give the same nodes; returns the differences as problems. */
function differences(settings, manual) {
	const out = [];
	for (const key of ['nodes', 'credentials']) {
		const a = settings[key].join(' ');
		const b = manual[key].join(' ');
		if (a !== b) out.push(`the two installs offer different ${key === 'nodes' ? 'node' : 'credential'} types: Settings [${a}], manual [${b}]`);
	}
	if (settings.version !== manual.version) out.push(`the two installs hold different versions: Settings ${settings.version}, manual ${manual.version}`);
	return out;
}

/**
 * The check. `ctx`: { cli (the run's n8nCli, on userFolder), nodeBin, n8nBin,
 * tempDir, userFolder, tarball, sandbox, credentialsByType, and optionally
 * retryOnceIfCrashed(name, attempt, failed) from report.js }. Installs through
 * Settings into userFolder (where the examples then run) and by hand into a
 * second folder. Returns { rows, packageDir } (packageDir: userFolder's copy).
 */
async function registryInstallCheck(ctx) {
	const workDir = path.join(ctx.tempDir, 'registry-install');
	fs.mkdirSync(workDir, { recursive: true });
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const references = await runReferences({ nodeBin: ctx.nodeBin, tempDir: workDir, examplesDir: path.join(ROOT, 'examples'), files: [SMOKE_EXAMPLE] });
	const registryStarted = Date.now();
	const registry = await startRegistry({ nodeBin: ctx.nodeBin, tempDir: ctx.tempDir });
	const run = { ...ctx, workDir, registry, version: manifest.version, declared: declaredTypes(), reference: references[SMOKE_EXAMPLE] };
	const manualFolder = path.join(ctx.tempDir, 'user-manual');
	const manualCli = n8nCli({ nodeBin: ctx.nodeBin, n8nBin: ctx.n8nBin, userFolder: manualFolder, cwd: ctx.tempDir, brokerPort: await freePort() });
	const rows = [];
	let settings;
	try {
		await publish(registry, ctx.tarball, { name: PACKAGE.name, version: run.version }, ctx.nodeBin);
		run.registryMs = Date.now() - registryStarted;
		for (const [file, folder, cli, install] of [
			[SETTINGS_ROW, ctx.userFolder, ctx.cli, installThroughSettings],
			[MANUAL_ROW, manualFolder, manualCli, installManually],
		]) {
			const started = Date.now();
			const problems = [];
			const row = { file, ok: false, items: 0, messages: '0/1', problems };
			rows.push(row);
			try {
				const got = await install(run, cli, folder, problems);
				if (got.version !== run.version) problems.push(`the installed package is version ${got.version}, not ${run.version}`);
				if (file === SETTINGS_ROW) settings = got;
				else if (settings) problems.push(...differences(settings, got));
				const label = file === SETTINGS_ROW ? 'settings' : 'manual';
				// With main.js's retryOnceIfCrashed, an n8n execute that crashes on its own runs once more (reported there).
				const retry = ctx.retryOnceIfCrashed ?? ((name, attempt) => attempt());
				const smoke = await retry(`n8n execute ${SMOKE_EXAMPLE} (${label} install)`, () => runSmoke(run, cli, label), (r) => r.problems.length > 0);
				row.items = smoke.items;
				row.messages = smoke.messages;
				problems.push(...smoke.problems);
			} catch (error) {
				const log = path.join(workDir, `${file === SETTINGS_ROW ? 'settings' : 'manual'}-error.log`);
				fs.writeFileSync(log, error.stack ?? String(error));
				problems.push(`${error.message.split('\n')[0]} (details in ${path.relative(ctx.tempDir, log)})`);
			}
			row.executeMs = Date.now() - started;
			row.ok = problems.length === 0;
		}
	} finally {
		await registry.stop();
		ctx.cli.outputs.push(...manualCli.outputs, ...(fs.existsSync(path.join(manualFolder, '.n8n')) ? n8nFolderFiles(manualFolder).map((f) => ({ ...f, where: `user-manual/${f.where}` })) : []));
	}
	const summary = [
		settings ? `${settings.nodes.length} node types, ${settings.credentials.length} credential types of ${PACKAGE.name}@${settings.version}` : 'no install',
		run.registryMs === undefined ? undefined : `registry up + publish ${(run.registryMs / 1000).toFixed(1)} s`,
	]
		.filter(Boolean)
		.join('; ');
	return { rows, summary, packageDir: settings?.packageDir ?? path.join(ctx.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE.name) };
}

module.exports = { registryInstallCheck };
