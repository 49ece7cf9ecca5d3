// Deciding whether one workflow passed in real n8n: from n8n's exit and run
// JSON, and by comparing with what the test harness did with the same workflow.
'use strict';

const { PACKAGE } = require('./config');
const { lastLines } = require('./processes');
const { leakedIn } = require('./secret-scan');

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * The run JSON `n8n execute --rawOutput` prints after its log lines. At the
 * default log level it starts at a line that is just `{`; at debug level n8n's
 * logger wraps it: `07:07:08.381   info    {` … `} { "file": "base-command.js", … }`,
 * coloured.
 */
function parseRawOutput(stdout) {
	const lines = stdout.replace(ANSI_COLOUR, '').split('\n');
	const start = lines.findIndex((line) => /^(?:[\d:.]+\s+info\s+)?\{$/.test(line));
	const end = lines.findIndex((line, i) => i > start && line.startsWith('}'));
	if (start === -1 || end === -1) return undefined;
	try {
		return JSON.parse(['{', ...lines.slice(start + 1, end), '}'].join('\n'));
	} catch {
		return undefined;
	}
}

function ourNodes(workflow) {
	return workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE.name}.`) && !n.disabled);
}

/** Problems with one node of ours in the run; adds to problems, returns its success items. */
function judgeNode(node, runData, reference, problems) {
	const runs = runData[node.name];
	const last = runs && runs[runs.length - 1];
	if (!last) {
		problems.push(`${node.name} did not run`);
		return 0;
	}
	if (last.error) problems.push(`${node.name} failed: ${last.error.message}`);
	const outputs = last.data?.main ?? [];
	const counts = outputs.map((o) => (o ?? []).length);
	const success = counts[0] ?? 0;
	if (success === 0) problems.push(`${node.name} put out no items`);
	const errorItems = outputs.flat().filter((item) => item && (item.error || (item.json && item.json.error !== undefined)));
	const onErrorOutput = node.onError === 'continueErrorOutput' ? counts.slice(1).reduce((a, b) => a + b, 0) : 0;
	if (errorItems.length || onErrorOutput) {
		const first = errorItems[0]?.json?.error ?? errorItems[0]?.error?.message;
		problems.push(`${node.name} put out ${errorItems.length || onErrorOutput} error item(s)${first ? `: ${first}` : ''}`);
	}
	const expected = reference?.nodes?.[node.name];
	if (expected && JSON.stringify(expected.outputs) !== JSON.stringify(counts)) {
		problems.push(`${node.name} put out ${JSON.stringify(counts)} items per output; the harness run put out ${JSON.stringify(expected.outputs)}`);
	}
	return success;
}

/** The sandbox must have received the messages it received in the harness run. */
function judgeMessages(ledger, reference, problems) {
	if (!reference) {
		problems.push('no harness run to compare with');
		return;
	}
	if (reference.status !== 'success') {
		problems.push(`the harness run of this workflow did not succeed (${reference.error ?? reference.status}), so there is no expectation to compare with`);
	}
	const key = (m) => `${m.vendor}/${m.operation}`;
	const got = ledger.map(key).sort();
	const want = reference.ledger.map(key).sort();
	if (JSON.stringify(got) !== JSON.stringify(want)) {
		problems.push(`the sandbox received ${got.length} message(s) [${got.join(', ')}], expected ${want.length} [${want.join(', ')}] as in the harness run`);
	}
}

/** Checks one real run against expectations; returns a list of problems (empty = ok). */
function judge({ workflow, result, runJson, ledger, reference, secrets }) {
	const problems = [];
	if (result.signal) problems.push(`n8n execute was ended by ${result.signal}`);
	else if (result.code !== 0) problems.push(`n8n execute exited ${result.code}`);
	const leaks = leakedIn(result.stdout + result.stderr, secrets);
	if (leaks.length) problems.push(`${leaks.length} credential secret(s) appear in n8n's output`);
	if (!runJson) {
		problems.push(`no run JSON in n8n's output (${lastLines(result.stderr || result.stdout, 5, ' | ')})`);
		return { problems, items: 0 };
	}
	if (runJson.status !== 'success') problems.push(`run status ${runJson.status}`);
	const runError = runJson.data?.resultData?.error;
	if (runError) problems.push(`workflow error: ${runError.message}`);
	const runData = runJson.data?.resultData?.runData ?? {};
	let items = 0;
	for (const node of ourNodes(workflow)) items += judgeNode(node, runData, reference, problems);
	judgeMessages(ledger, reference, problems);
	return { problems, items };
}

module.exports = { parseRawOutput, judge };
