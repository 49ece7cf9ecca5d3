// An active workflow served by another n8n process: a queue-mode webhook
// processor, or n8n after a restart. Its nodes are another copy of the
// package (engine.js loadPackageCopy), so whatever the first process's nodes
// keep in memory is not there; only what n8n keeps in its database (static
// data) is.
'use strict';

const { loadPackageCopy, removePackageCopies } = require('../harness/engine');
const { ActiveWorkflow } = require('../harness/active-workflow');

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

afterAll(() => removePackageCopies());

module.exports = { inAnotherProcess, loadPackageCopy };
