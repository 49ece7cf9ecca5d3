// An active workflow served by another n8n process: a queue-mode webhook
// processor, or n8n after a restart. Its nodes are another copy of the
// package (dist/ copied beside node_modules, so it finds the same n8n), so
// whatever the first process's nodes keep in memory is not there; only what
// n8n keeps in its database (static data) is. (Jest keeps one instance of
// each module file, so unloading the package and loading it again would not
// do: it gives back the same modules.)
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PackageDirectoryLoader } = require('n8n-core');
const { PACKAGE_DIR } = require('../harness/engine');
const { ActiveWorkflow } = require('../harness/active-workflow');

const COPIES = path.join(PACKAGE_DIR, 'node_modules', '.cache', 'customer-messaging-process-copies');

let copies = 0;

/** A fresh copy of the built package, loaded as n8n loads a community package. */
async function loadPackageCopy() {
	const directory = path.join(COPIES, `${process.pid}-${copies++}`);
	fs.rmSync(directory, { recursive: true, force: true });
	fs.mkdirSync(directory, { recursive: true });
	fs.copyFileSync(path.join(PACKAGE_DIR, 'package.json'), path.join(directory, 'package.json'));
	fs.cpSync(path.join(PACKAGE_DIR, 'dist'), path.join(directory, 'dist'), { recursive: true });
	const loader = new PackageDirectoryLoader(directory);
	await loader.loadAll();
	return loader;
}

/** `active` as another process serves it from now on: same workflow, webhooks and saved static data, none of the memory. */
async function inAnotherProcess(active) {
	const loader = await loadPackageCopy();
	const moved = new ActiveWorkflow(active.host, loader, active.json, active.credentials, active.saved, active.test);
	moved.id = active.id;
	moved.adopt(active);
	active.host.active.delete(active);
	active.host.active.add(moved);
	return moved;
}

afterAll(() => fs.rmSync(COPIES, { recursive: true, force: true }));

module.exports = { inAnotherProcess, loadPackageCopy };
