#!/usr/bin/env node
// n8n's own scanner (@n8n/scan-community-package, which n8n runs on every
// package it verifies, docs.n8n.io → Verification guidelines) run the way it
// runs for verification, minus the download: its analyzePackage() on the
// source (package.json and {nodes,credentials}/**/*.{js,ts,json}, the
// patterns it exports) and on the packed tarball (**/*.js and package.json),
// with its own eslint rules and its own pinned plugin versions. What it does
// before that — the provenance check and fetching both from npm and GitHub —
// needs a published release; the release workflow publishes with provenance.
//
// Usage: node scripts/release/scan.mjs [--tarball <file.tgz>]
//   without --tarball, the built dist/ is packed with npm pack first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCANNER = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** Files analyzePackage() lints under `dir` for `patterns`: its own glob, so a pattern that matches nothing shows. */
function filesScanned(dir, patterns) {
	const glob = createRequire(SCANNER)('fast-glob');
	return glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;
}

async function main() {
	const argv = process.argv.slice(2);
	if (argv.length && (argv[0] !== '--tarball' || !argv[1])) {
		console.error('Usage: node scripts/release/scan.mjs [--tarball <file.tgz>]');
		process.exit(2);
	}
	// eslint-plugin-n8n-nodes-base switches to a test mode of its own under
	// NODE_ENV=test (which jest sets), with other filename rules: verification runs without it.
	delete process.env.NODE_ENV;
	// The scanner makes a temp folder when it loads and leaves it: it goes in ours, removed below.
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	process.env.TMPDIR = work;
	try {
		let tarball = argv[1] && path.resolve(argv[1]);
		if (!tarball) {
			const { npmPack } = require('../e2e/package-install.js');
			({ tarball } = await npmPack(work, { label: 'npm pack for the scanner' }));
		}
		const unpacked = path.join(work, 'package');
		fs.mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

		// A tarball without the files it declares (dist/ not built) would pass the scan and prove nothing.
		const declared = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')).n8n;
		const missing = [...declared.nodes, ...declared.credentials].filter((file) => !fs.existsSync(path.join(unpacked, file)));
		if (missing.length) throw new Error(`${path.basename(tarball)} lacks what its package.json declares (is dist/ built?): ${missing.join(', ')}`);

		const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(SCANNER);
		const legs = [
			{ what: 'source', dir: ROOT, patterns: SOURCE_FILE_PATTERNS },
			{ what: path.basename(tarball), dir: unpacked, patterns: TARBALL_PATTERNS },
		];
		let passed = true;
		for (const { what, dir, patterns } of legs) {
			const files = filesScanned(dir, patterns);
			const result = await analyzePackage(dir, patterns);
			// analyzePackage passes a folder with nothing to lint: that would prove nothing.
			const ok = result.passed && files > 0;
			passed &&= ok;
			console.log(`n8n scanner on the ${what} (${patterns.join(', ')}): ${files} files, ${ok ? 'passed' : `FAILED: ${result.message ?? 'no files'}`}`);
			if (result.details) console.log(result.details);
		}
		process.exitCode = passed ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

try {
	await main();
} catch (error) {
	console.error(`n8n scanner: ${error.message}`);
	process.exitCode = 1;
}
