// An active workflow served by another n8n process: a queue-mode webhook
// processor, or n8n after a restart. Its nodes are another copy of the
// package (engine.js loadPackageCopy), so whatever the first process's nodes
// keep in memory is not there; only what n8n keeps in its database (static
// data) is.
'use strict';

const { loadPackageCopy, removePackageCopies } = require('../harness/engine');

/** `active` as another process serves it from now on: same workflow, webhooks and saved static data, none of the memory. */
async function inAnotherProcess(active) {
	return active.movedTo(await loadPackageCopy());
}

afterAll(() => removePackageCopies());

module.exports = { inAnotherProcess, loadPackageCopy };
