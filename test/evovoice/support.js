// Shared set-up for the EvoVoice tests.
'use strict';

/** The secrets the sandbox's EvoVoice credential holds; none may show up in a run's output. */
function secretsOf(sandbox) {
	const { email, password } = sandbox.credentials().evovoice.evoVoiceBasicApi;
	return [password, Buffer.from(`${email}:${password}`).toString('base64')];
}

module.exports = { secretsOf };
