// The package as users get it: built, packed by npm into the tarball npm
// would publish, and installed from that tarball the way n8n's
// community-package installer does (n8n 2.41.1
// dist/modules/community-packages/community-packages.service.js, downloadPackage).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT, PACKAGE, LIMITS } = require('./config');
const { mustRun, envWithPath } = require('./processes');

async function build() {
	await mustRun('npx', ['tsc', '-p', 'tsconfig.json'], { label: 'tsc', timeoutMs: LIMITS.build });
	await mustRun('npx', ['gulp', 'build:icons'], { label: 'gulp build:icons', timeoutMs: LIMITS.build });
}

/** The source file a dist/ file is built or copied from. */
function sourceOf(distFile) {
	const rel = distFile.slice('dist/'.length);
	if (/\.(js|d\.ts|js\.map)$/.test(rel)) return rel.replace(/\.(js|d\.ts|js\.map)$/, '.ts');
	return rel;
}

/**
 * `npm pack --json` of the package in `cwd` into `destination`; returns npm's
 * record of the tarball and the tarball's path. --ignore-scripts: dist/ was
 * just built; a prepack hook must not rebuild (and wipe dist/) while others
 * use the working tree.
 */
async function npmPack(destination, { cwd = ROOT, label = 'npm pack' } = {}) {
	const result = await mustRun('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
		cwd,
		label,
		timeoutMs: LIMITS.pack,
	});
	const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
	return { info, tarball: path.join(destination, info.filename) };
}

/** `npm pack` into <tempDir>/pack; returns the tarball path and its file list. */
async function pack(tempDir) {
	const out = path.join(tempDir, 'pack');
	fs.mkdirSync(out);
	const { info, tarball } = await npmPack(out);
	const files = new Set(info.files.map((f) => f.path));
	const declared = [...(PACKAGE.n8n?.nodes ?? []), ...(PACKAGE.n8n?.credentials ?? [])];
	const missing = declared.filter((p) => !files.has(p));
	if (missing.length) throw new Error(`The tarball lacks files package.json declares: ${missing.join(', ')}`);
	// tsc + gulp do not empty dist/ first (`npm run build` would, under everyone
	// else working in the tree), so output of deleted sources would ship too.
	const orphans = [...files].filter((f) => f.startsWith('dist/') && !fs.existsSync(path.join(ROOT, sourceOf(f))));
	if (orphans.length) {
		console.log(`\n  warning: the tarball has build output without a source (left in dist/?): ${orphans.join(', ')}`);
	}
	return { tarball, note: `${info.filename}, ${info.entryCount} files, ${Math.round(info.size / 1024)} kB` };
}

/**
 * Installs the tarball as n8n's community-package installer does: unpack into
 * <user folder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, `npm install` with n8n's flags, and
 * record it in nodes/package.json beside the packages installed before.
 * `name` is the tarball's package name: ours unless given (the benchmark
 * installs one more).
 */
async function installPackage(tarball, userFolder, nodeBin, name = PACKAGE.name) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', name);
	fs.mkdirSync(packageDir, { recursive: true });
	await mustRun('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		label: 'tar',
		timeoutMs: LIMITS.packageInstall,
	});
	const packageJsonPath = path.join(packageDir, 'package.json');
	// n8n drops these before its `npm install`, so a package that wrongly
	// lists n8n (or anything else) there does not drag it in here either.
	const manifest = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[key];
	fs.writeFileSync(packageJsonPath, JSON.stringify(manifest, null, 2), 'utf8');
	await mustRun(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{
			cwd: packageDir,
			env: envWithPath(path.dirname(nodeBin)),
			label: `npm install in ${packageDir}`,
			timeoutMs: LIMITS.packageInstall,
		},
	);
	const installed = fs.readdirSync(packageDir);
	if (installed.includes('node_modules') && fs.readdirSync(path.join(packageDir, 'node_modules')).some((n) => !n.startsWith('.'))) {
		throw new Error(`Installing the package pulled in runtime dependencies (${packageDir}/node_modules); community nodes must have none`);
	}
	const listPath = path.join(nodesDir, 'package.json');
	const list = fs.existsSync(listPath) ? JSON.parse(fs.readFileSync(listPath, 'utf8')) : { name: 'installed-nodes', private: true };
	list.dependencies = { ...list.dependencies, [name]: manifest.version };
	fs.writeFileSync(listPath, JSON.stringify(list, null, 2));
	return { packageDir, note: `${path.relative(userFolder, packageDir)}` };
}

module.exports = { build, npmPack, pack, installPackage };
