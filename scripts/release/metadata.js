#!/usr/bin/env node
// Where the package says it lives and who publishes it. package.json's
// `repository` is the one place that names the GitHub repository: `homepage`
// and `bugs` are derived from it, and every link to the repository elsewhere
// (the nodes' documentation links, the docs) must name the same one. n8n's
// verification compares the npm package's repository and author with the
// GitHub repository, and npm refuses a provenance statement whose repository
// is not the one the publishing workflow runs in. The author is whoever
// publishes: until then package.json holds a placeholder under the reserved
// .invalid domain (n8n's scanner wants an e-mail there), which the release
// check refuses. One command makes all of it true for a fork that publishes:
//
//   npm run release:home -- <owner>/<repository> --author "Name <email>"
//
// It rewrites repository, homepage, bugs and author in package.json and the
// links in every tracked file that names the previous repository.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SLUG = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

function readPackage(root = ROOT) {
	return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
}

/** 'owner/name' of a GitHub repository URL as npm writes it (git+https://github.com/owner/name.git), or undefined. */
function repositorySlug(pkg) {
	const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	const match = /^(?:git\+)?https:\/\/github\.com\/([^/]+\/[^/]+?)(?:\.git)?$/.exec(url ?? '');
	return match?.[1];
}

/** repository, homepage and bugs of a GitHub repository 'owner/name'. */
function homeUrls(slug) {
	return {
		repository: { type: 'git', url: `git+https://github.com/${slug}.git` },
		homepage: `https://github.com/${slug}#readme`,
		bugs: { url: `https://github.com/${slug}/issues` },
	};
}

/** package.json's author from "Name <email>" or "Name". */
function authorField(author) {
	const [, name, email] = /^\s*([^<]*?)\s*(?:<([^>]+)>)?\s*$/.exec(author);
	return email ? { name, email } : { name };
}

/** What is wrong with package.json's repository, homepage, bugs and author; [] when nothing. */
function metadataProblems(pkg) {
	const slug = repositorySlug(pkg);
	if (!slug) return [`package.json: repository.url must be a GitHub repository (git+https://github.com/<owner>/<name>.git), not ${JSON.stringify(pkg.repository)}`];
	const expected = homeUrls(slug);
	const problems = [];
	if (pkg.homepage !== expected.homepage) problems.push(`package.json: homepage must be ${expected.homepage} (from repository), not ${pkg.homepage}`);
	if (pkg.bugs?.url !== expected.bugs.url) problems.push(`package.json: bugs.url must be ${expected.bugs.url} (from repository), not ${pkg.bugs?.url}`);
	// What n8n's scanner asks of it (@n8n/community-nodes/valid-author).
	if (!pkg.author?.name || !pkg.author?.email) problems.push('package.json: author needs a name and an e-mail');
	return problems;
}

/** Why package.json's author cannot be published as it is: the placeholder, not a publisher. */
function publisherProblems(pkg) {
	if (!/\.invalid$/i.test(pkg.author?.email ?? '')) return [];
	return [
		`package.json's author (${pkg.author.email}) is the placeholder: the publisher's name and the e-mail of the npm account that publishes go there (npm run release:home -- <owner>/<repository> --author "Name <email>").`,
	];
}

/** Tracked text files (git ls-files), relative to root. */
function trackedFiles(root) {
	const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
	return listed.split('\0').filter((f) => f && !/\.(png|jpg|gif|ico|tgz)$/.test(f) && f !== 'package-lock.json');
}

/** Every github.com link to a repository named like the package, in tracked files: [{ file, slug }]. */
function repositoryLinks(root = ROOT) {
	const { name } = readPackage(root);
	const link = new RegExp(`github\\.com/([A-Za-z0-9-]+/${name.replace(/[.]/g, '\\.')})(?=[/#.)"'\\s]|$)`, 'g');
	const found = [];
	for (const file of trackedFiles(root)) {
		const full = path.join(root, file);
		if (!fs.existsSync(full)) continue;
		for (const match of fs.readFileSync(full, 'utf8').matchAll(link)) found.push({ file, slug: match[1] });
	}
	return found;
}

/** Sets repository, homepage, bugs and author, and rewrites every link to the previous repository; returns the files changed. */
function setHome(root, slug, author) {
	if (!SLUG.test(slug)) throw new Error(`"${slug}" is not <owner>/<repository>`);
	if (!authorField(author).email) throw new Error(`"${author}" is not "Name <email>"`);
	const pkg = readPackage(root);
	const previous = repositorySlug(pkg);
	Object.assign(pkg, homeUrls(slug), { author: authorField(author) });
	fs.writeFileSync(path.join(root, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	const changed = ['package.json'];
	if (previous && previous !== slug) {
		const files = new Set(repositoryLinks(root).filter((l) => l.slug === previous).map((l) => l.file));
		for (const file of files) {
			const full = path.join(root, file);
			fs.writeFileSync(full, fs.readFileSync(full, 'utf8').split(`github.com/${previous}`).join(`github.com/${slug}`));
			changed.push(file);
		}
	}
	return changed;
}

if (require.main === module) {
	const [slug, flag, author] = process.argv.slice(2);
	if (!slug || flag !== '--author' || !author) {
		console.error('Usage: npm run release:home -- <owner>/<repository> --author "Name <email>"');
		process.exit(2);
	}
	const changed = setHome(process.cwd(), slug, author);
	console.log(`Now at github.com/${slug}; changed: ${changed.join(', ')}`);
}

module.exports = { ROOT, readPackage, repositorySlug, homeUrls, metadataProblems, publisherProblems, repositoryLinks, setHome };
