// What the trigger tests share: one n8n stand-in (test/harness/triggers.js)
// per test file, forgetting its active workflows after each test as the
// sandbox forgets its side.
'use strict';

const { startTriggerHost } = require('../harness');

/** Starts the trigger host for the current test file; `handle.host` fills in once it runs. */
function useTriggerHost() {
	const handle = { host: undefined };
	beforeAll(async () => {
		handle.host = await startTriggerHost();
	});
	afterEach(() => handle.host.reset());
	afterAll(async () => {
		await handle.host.close();
	});
	return handle;
}

module.exports = { useTriggerHost };
