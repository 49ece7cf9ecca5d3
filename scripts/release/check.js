#!/usr/bin/env node
// What the release workflow (.github/workflows/release.yml) checks before it
// publishes, and the tests check the same way: the tag is v<version> of
// package.json (and of the packed tarball's package.json), CHANGELOG.md has a
// section for that version, and package.json names the GitHub repository the
// workflow runs in (GITHUB_REPOSITORY) — npm refuses a provenance statement
// whose repository.url is another one, and n8n's verification compares them —
// and the author is the publisher, not package.json's placeholder.
//
// Usage (in the repository's root): node scripts/release/check.js --tag v0.1.0 [--tarball <file.tgz>]
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { readPackage, repositorySlug, metadataProblems, publisherProblems } = require('./metadata');

/** The text of CHANGELOG.md's section for `version` ("## [0.1.0]…" up to the next "## "), or undefined. */
function changelogSection(changelog, version) {
	const lines = changelog.split('\n');
	const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\](\\s|$)`);
	const start = lines.findIndex((line) => heading.test(line));
	if (start < 0) return undefined;
	const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
	return lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
}

/** package.json as packed into a tarball by npm pack. */
function tarballPackage(tarball) {
	return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
}

/**
 * Why a release of `tag` must not be published; [] when it may. `tarballPkg`:
 * the packed package.json, when there is a tarball; `githubRepository`:
 * 'owner/name' of the repository the workflow runs in, when it runs in one.
 */
function releaseProblems({ tag, pkg, changelog, githubRepository, tarballPkg }) {
	const problems = [];
	if (tag !== `v${pkg.version}`) problems.push(`The tag is ${tag}, but package.json's version is ${pkg.version}: tag v${pkg.version}, or change the version.`);
	if (tarballPkg && tarballPkg.version !== pkg.version) problems.push(`The tarball is version ${tarballPkg.version}, package.json ${pkg.version}.`);
	const section = changelogSection(changelog ?? '', pkg.version);
	if (section === undefined) problems.push(`CHANGELOG.md has no section "## [${pkg.version}]".`);
	else if (!section) problems.push(`CHANGELOG.md's section for ${pkg.version} is empty.`);
	problems.push(...metadataProblems(pkg), ...publisherProblems(pkg));
	const slug = repositorySlug(pkg);
	if (githubRepository && slug && slug.toLowerCase() !== githubRepository.toLowerCase()) {
		problems.push(`package.json names github.com/${slug}, but this runs in github.com/${githubRepository}: npm would refuse the provenance statement (npm run release:home -- ${githubRepository} --author "Name <email>", then commit; CONTRIBUTING.md, Releasing).`);
	}
	return problems;
}

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i += 2) {
		if (!['--tag', '--tarball'].includes(argv[i]) || argv[i + 1] === undefined) {
			console.error('Usage: node scripts/release/check.js --tag v<version> [--tarball <file.tgz>]');
			process.exit(2);
		}
		out[argv[i].slice(2)] = argv[i + 1];
	}
	return out;
}

if (require.main === module) {
	const args = parseArgs(process.argv.slice(2));
	const root = process.cwd();
	const pkg = readPackage(root);
	const problems = releaseProblems({
		tag: args.tag ?? '(none)',
		pkg,
		changelog: fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'),
		githubRepository: process.env.GITHUB_REPOSITORY,
		tarballPkg: args.tarball ? tarballPackage(args.tarball) : undefined,
	});
	if (problems.length) {
		console.error(`Not releasing ${pkg.name} ${args.tag}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
		process.exit(1);
	}
	console.log(`${pkg.name} ${pkg.version}: the tag ${args.tag}, CHANGELOG.md and the repository agree${args.tarball ? `, and so does ${path.basename(args.tarball)}` : ''}.`);
}

module.exports = { changelogSection, tarballPackage, releaseProblems };
