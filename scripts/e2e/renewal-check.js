// edna's Login and Password credential renewing itself in real n8n: the
// example that sends with it runs once more after the sandbox has forgotten
// every session (as edna does when a token expires). n8n then holds the token
// stored by the first run (updateCredentials), edna answers 401, and the node
// must log in once and send the message once.
'use strict';

const EXAMPLE = 'edna-send-with-login.workflow.json';
const LOGIN_PATH = '/api/auth/login';

/** Returns a report row, or undefined when the example was not among the ones run. */
async function ednaRenewalCheck({ cli, prepared, sandbox }) {
	const p = prepared.find((entry) => entry.file === EXAMPLE);
	if (!p) return undefined;
	sandbox.reset();
	const result = await cli.execute(p.workflow.id, `n8n execute ${EXAMPLE} (token expired)`);
	const sends = sandbox.requests.filter((r) => r.vendor === 'edna' && r.path !== LOGIN_PATH);
	const logins = sandbox.requests.filter((r) => r.vendor === 'edna' && r.path === LOGIN_PATH);
	const delivered = sandbox.received('edna');
	const problems = [];
	if (result.code !== 0) problems.push(`n8n execute exited with ${result.code}`);
	if (delivered.length !== 1) problems.push(`edna received ${delivered.length} messages; expected 1`);
	if (logins.length !== 1) problems.push(`the node logged in ${logins.length} times; expected 1`);
	if (sends.map((r) => r.status).join(',') !== '401,200') problems.push(`edna answered ${sends.map((r) => r.status).join(', ')}; expected 401 (expired token), then 200`);
	return {
		file: 'edna login renewal (expired token)',
		ok: problems.length === 0,
		items: delivered.length,
		messages: `${delivered.length}/1`,
		executeMs: result.ms,
		problems,
	};
}

module.exports = { ednaRenewalCheck };
