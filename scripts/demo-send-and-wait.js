// The Send and Wait part of `npm run demo`: each appointment confirmation of
// examples/send-and-wait/ asks, the execution waits (as n8n keeps it, see
// test/harness/waiting.js), the sandbox customer opens the Yes link and taps
// it on the page, and the workflow goes on and answers.
'use strict';

const { startWaitingHost } = require('../test/harness/waiting');
const { SEND_AND_WAIT_EXAMPLES, loadSendAndWaitExample, linksOf, tapAnswer } = require('../test/shared/send-and-wait');

/** The text of a message the sandbox received, whatever the vendor calls it. */
const textOf = (entry) => entry.body.text ?? entry.body.body ?? entry.body.Message;

/** Runs every Send and Wait example against `sandbox`; returns the number that failed. */
async function runSendAndWait(sandbox, credentials) {
	const host = await startWaitingHost();
	let failures = 0;
	console.log('Send and Wait: the workflow asks, waits, the customer answers through the link, the workflow goes on\n');
	for (const file of SEND_AND_WAIT_EXAMPLES) {
		const workflow = loadSendAndWaitExample(file);
		const before = sandbox.ledger.length;
		let ok = false;
		try {
			const execution = await host.run(workflow, { credentials });
			const [question] = sandbox.ledger.slice(before);
			const waited = execution.status;
			const links = linksOf(textOf(question));
			const yes = Object.keys(links).find((label) => label.startsWith('✓'));
			const tapped = await tapAnswer(links[yes]);
			await execution.settled();
			const [, answer] = sandbox.ledger.slice(before);
			const output = execution.result.output(workflow.nodes[1].name);
			ok = waited === 'waiting' && tapped.status === 200 && execution.status === 'success' && answer !== undefined;
			console.log(`${ok ? '✔' : '✘'} ${workflow.name}  (send-and-wait/${file})`);
			console.log(`    ${question.vendor} received the question (${question.operation}): ${JSON.stringify(textOf(question))}`);
			console.log(`    execution ${execution.id}: ${waited}; the customer tapped "${yes}" on the page (${tapped.status})`);
			console.log(`    "${workflow.nodes[1].name}" returned ${JSON.stringify(output?.[0]?.json)}`);
			if (answer) console.log(`    ${answer.vendor} received the answer (${answer.operation}): ${JSON.stringify(textOf(answer))}`);
		} catch (error) {
			console.log(`✘ ${workflow.name}  (send-and-wait/${file})\n    error: ${error.message}`);
		}
		if (!ok) failures++;
		console.log('');
	}
	await host.close();
	return failures;
}

module.exports = { runSendAndWait };
