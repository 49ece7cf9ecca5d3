// A headless browser for the parts of the end-to-end check that only a user in
// n8n's editor can do (the OAuth2 sign-in). Debian's `chromium` is installed
// with apt-get when it is missing (as root), and `playwright-core` — the
// browser driver without bundled browsers — into the e2e cache, never into the
// repository, so `npm test` never needs either.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { CACHE_ROOT, MINUTE } = require('./config');
const { run } = require('./processes');
const { ensureDebianPackage } = require('./services');

const PLAYWRIGHT_VERSION = '1.65.1';
const PLAYWRIGHT_DIR = path.join(CACHE_ROOT, `playwright-core-${PLAYWRIGHT_VERSION}`);
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function findChromium() {
	return CHROMIUM_PATHS.find((file) => fs.existsSync(file));
}

/** Debian's chromium; installed with apt-get when missing and this runs as root. */
function ensureChromium() {
	return ensureDebianPackage('chromium', findChromium);
}

/** playwright-core from the npm registry, into the cache (no browsers are downloaded: it has none). */
async function ensurePlaywright() {
	const entry = path.join(PLAYWRIGHT_DIR, 'node_modules', 'playwright-core');
	if (!fs.existsSync(path.join(entry, 'package.json'))) {
		fs.mkdirSync(PLAYWRIGHT_DIR, { recursive: true });
		fs.writeFileSync(path.join(PLAYWRIGHT_DIR, 'package.json'), JSON.stringify({ private: true, name: 'e2e-browser-driver' }));
		const result = await run(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', '--package-lock=false', `playwright-core@${PLAYWRIGHT_VERSION}`],
			{ cwd: PLAYWRIGHT_DIR, timeoutMs: 5 * MINUTE, label: 'npm install playwright-core' },
		);
		if (result.code !== 0) throw new Error(`npm install playwright-core failed: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
	}
	return require(entry);
}

/** Launches headless Chromium; returns { browser, chromiumPath }. */
async function launchBrowser() {
	const chromiumPath = await ensureChromium();
	const { chromium } = await ensurePlaywright();
	const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
	return { browser, chromiumPath };
}

module.exports = { launchBrowser, ensureChromium, ensurePlaywright };
