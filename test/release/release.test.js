// Ready for n8n's verification, checked before any release is tagged: the two
// GitHub workflows pass a workflow linter (actionlint), the release workflow's
// steps run here without publishing (npm pack, the tag/version check, n8n's
// scanner on the source and on the tarball — `npm publish --provenance`
// itself needs GitHub's OIDC token), package.json names one repository
// everywhere, and eslint.config.mjs is the one `n8n-node lint` accepts in
// strict mode. `npm test` has built dist/ before this runs.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { npmPack } = require('../../scripts/e2e/package-install');
const { changelogSection, releaseProblems, tarballPackage } = require('../../scripts/release/check');
const { ROOT, readPackage, repositorySlug, metadataProblems, repositoryLinks, setHome } = require('../../scripts/release/metadata');

const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
// Paths, not require.resolve: neither package exports these files.
const ACTIONLINT = path.join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');
const N8N_DEFAULT_ESLINT_CONFIG = path.join(ROOT, 'node_modules', '@n8n', 'node-cli', 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs');
const SCAN = path.join(ROOT, 'scripts', 'release', 'scan.mjs');
const pkg = readPackage();
const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');

jest.setTimeout(120_000);

let work;
beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'release-test-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** actionlint (rhysd/actionlint built to WebAssembly) on the files `pattern` matches: { code, output }. */
function actionlint(pattern) {
	const result = spawnSync(process.execPath, [ACTIONLINT, pattern], { cwd: ROOT, encoding: 'utf8' });
	return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const workflow = (name) => fs.readFileSync(path.join(WORKFLOWS, name), 'utf8');

describe('the GitHub workflows', () => {
	test('pass actionlint', () => {
		const { code, output } = actionlint(path.join(WORKFLOWS, '*.yml'));
		expect(output).toContain('Checking 2 workflow file(s)');
		expect(output).not.toMatch(/\[ [a-z-]+ \]/);
		expect(code).toBe(0);
	});

	test('actionlint finds a mistake in them (a job that needs a missing job, a permission that does not exist)', () => {
		const broken = workflow('release.yml').replace('needs: check', 'needs: chek').replace('id-token: write', 'id-token: writ');
		fs.writeFileSync(path.join(work, 'release.yml'), broken);
		const { code, output } = actionlint(path.join(work, '*.yml'));
		expect(code).toBe(1);
		expect(output).toContain('[ job-needs ]');
		expect(output).toContain('[ permissions ]');
	});

	test('CI runs .ci/run; the release runs it too, then the scanner, and publishes with provenance', () => {
		expect(workflow('ci.yml')).toMatch(/run: bash \.ci\/run$/m);
		const release = workflow('release.yml');
		const at = (text) => release.indexOf(text);
		for (const step of ['scripts/release/check.js --tag', 'bash .ci/run', 'npm pack', 'scripts/release/scan.mjs --tarball', 'npm publish --provenance']) {
			expect(at(step)).toBeGreaterThan(-1);
		}
		expect(at('scripts/release/check.js --tag')).toBeLessThan(at('bash .ci/run'));
		expect(at('bash .ci/run')).toBeLessThan(at('npm publish --provenance'));
		// The OIDC token npm signs the provenance statement with; only the publishing job gets it.
		expect(release.match(/id-token: write/g)).toHaveLength(1);
		expect(release.indexOf('id-token: write')).toBeGreaterThan(release.indexOf('\n  publish:'));
	});
});

describe('a dry run of the release: what release.yml does before npm publish', () => {
	let tarball;
	let files;
	let fork;
	const forkSlug = 'alice/n8n-nodes-customer-messaging';
	beforeAll(async () => {
		let info;
		({ info, tarball } = await npmPack(work, { label: 'npm pack (release dry run)' }));
		files = info.files.map((f) => f.path);
		// A fork's first release: its own repository and author, set with npm run release:home.
		fork = path.join(work, 'fork');
		fs.mkdirSync(path.join(fork, 'nodes'), { recursive: true });
		fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(fork, 'package.json'));
		fs.copyFileSync(path.join(ROOT, 'CHANGELOG.md'), path.join(fork, 'CHANGELOG.md'));
		fs.writeFileSync(path.join(fork, 'nodes', 'A.node.json'), JSON.stringify({ url: `https://github.com/${repositorySlug(pkg)}/blob/main/docs/evovoice.md` }));
		execFileSync('git', ['init', '-q'], { cwd: fork });
		execFileSync('git', ['add', '.'], { cwd: fork });
	});

	/** scripts/release/check.js as release.yml runs it, in `cwd`, on GitHub in `repository`. */
	const checkCli = (cwd, tag, repository) =>
		spawnSync(process.execPath, [path.join(ROOT, 'scripts/release/check.js'), '--tag', tag, '--tarball', tarball], {
			cwd,
			encoding: 'utf8',
			env: { ...process.env, GITHUB_REPOSITORY: repository },
		});

	test('npm pack: the built nodes and credentials, the README, LICENSE and CHANGELOG, nothing else', () => {
		const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		const documents = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
		expect(files).toEqual(expect.arrayContaining([...declared, ...documents]));
		expect(files.filter((f) => !f.startsWith('dist/') && !documents.includes(f))).toEqual([]);
		expect(tarballPackage(tarball).version).toBe(pkg.version);
	});

	test("on main it is refused for one reason only: the author is package.json's placeholder", () => {
		const problems = releaseProblems({ tag: `v${pkg.version}`, pkg, changelog, githubRepository: repositorySlug(pkg), tarballPkg: tarballPackage(tarball) });
		expect(problems).toEqual([expect.stringContaining("package.json's author (publisher@example.invalid) is the placeholder")]);
	});

	test('npm run release:home moves repository, homepage, bugs, author and every link at once', () => {
		expect(setHome(fork, forkSlug, 'Alice Example <alice@example.com>')).toEqual(['package.json', 'nodes/A.node.json']);
		const moved = readPackage(fork);
		expect(metadataProblems(moved)).toEqual([]);
		expect(moved.repository.url).toBe(`git+https://github.com/${forkSlug}.git`);
		expect(moved.bugs.url).toBe(`https://github.com/${forkSlug}/issues`);
		expect(moved.author).toEqual({ name: 'Alice Example', email: 'alice@example.com' });
		expect(repositoryLinks(fork).filter((l) => l.slug !== forkSlug)).toEqual([]);
	});

	test(`then the check passes for v${pkg.version} in the fork's repository, and refuses another tag, repository, tarball or a CHANGELOG without the version`, () => {
		const passed = checkCli(fork, `v${pkg.version}`, forkSlug);
		expect(passed.stderr).toBe('');
		expect(passed.status).toBe(0);
		const refused = checkCli(fork, 'v9.9.9', forkSlug);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain(`The tag is v9.9.9, but package.json's version is ${pkg.version}`);

		const forked = readPackage(fork);
		const check = (changes) => releaseProblems({ tag: `v${pkg.version}`, pkg: forked, changelog, githubRepository: forkSlug, tarballPkg: tarballPackage(tarball), ...changes });
		expect(check({})).toEqual([]);
		expect(check({ tag: pkg.version })).toEqual([expect.stringContaining(`The tag is ${pkg.version}`)]);
		expect(check({ githubRepository: 'bob/n8n-nodes-customer-messaging' })).toEqual([expect.stringContaining('npm would refuse the provenance statement')]);
		expect(check({ tarballPkg: { version: '9.9.9' } })).toEqual(['The tarball is version 9.9.9, package.json ' + pkg.version + '.']);
		expect(check({ changelog: changelog.replace(`## [${pkg.version}]`, '## [0.0.0]') })).toEqual([`CHANGELOG.md has no section "## [${pkg.version}]".`]);
	});

	test("n8n's scanner, as verification runs it, passes the source and the tarball", () => {
		const result = spawnSync(process.execPath, [SCAN, '--tarball', tarball], { cwd: ROOT, encoding: 'utf8' });
		const output = `${result.stdout}${result.stderr}`;
		expect(output).toMatch(/n8n scanner on the source \(.*\): \d+ files, passed/);
		expect(output).toMatch(/n8n scanner on the n8n-nodes-customer-messaging-.*\.tgz \(.*\): \d+ files, passed/);
		expect(result.status).toBe(0);
	});
});

describe('package.json metadata', () => {
	test('repository, homepage, bugs and author are there and agree; CHANGELOG.md has this version', () => {
		expect(metadataProblems(pkg)).toEqual([]);
		expect(changelogSection(changelog, pkg.version)).toBeTruthy();
	});

	test('every link to the repository in the project names the one package.json names', () => {
		const links = repositoryLinks();
		expect(links.length).toBeGreaterThan(0);
		expect(links.filter((l) => l.slug !== repositorySlug(pkg))).toEqual([]);
	});
});

test('eslint.config.mjs is n8n\'s default config, as `n8n-node lint` requires in strict mode', () => {
	const normalize = (text) => text.replace(/\s+/g, ' ').trim();
	expect(normalize(fs.readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8'))).toBe(normalize(fs.readFileSync(N8N_DEFAULT_ESLINT_CONFIG, 'utf8')));
	expect(pkg.n8n.strict).toBe(true);
});
