// The Send and Wait part of `npm run demo`: each appointment confirmation of
// examples/send-and-wait/ asks, the execution waits (as n8n keeps it, see
// test/harness/waiting.js), the sandbox customer opens the Yes link and taps
// it on the page, and the workflow goes on and answers. Then the examples of
// examples/send-and-wait/in-chat/: a customer writes, the trigger starts the
// workflow, it asks, and the customer answers "yes" in the chat.
'use strict';

const { startTriggerHost } = require('../test/harness');
const { startWaitingHost } = require('../test/harness/waiting');
const { CHAT_VENDORS, SEND_AND_WAIT_EXAMPLES, loadSendAndWaitExample, linksOf, tapAnswer } = require('../test/shared/send-and-wait');

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
	failures += await runInChat(sandbox, credentials, host);
	await host.close();
	return failures;
}

/** The in-chat examples, each with its trigger active; returns the number that failed. */
async function runInChat(sandbox, credentials, host) {
	const triggers = await startTriggerHost();
	triggers.waiting = host;
	let failures = 0;
	console.log('Send and Wait, answered in the chat: a customer writes, the workflow asks, the customer replies "yes"\n');
	for (const chat of CHAT_VENDORS) {
		const workflow = loadSendAndWaitExample(`in-chat/${chat.file}`);
		let ok = false;
		try {
			sandbox.reset();
			const active = await triggers.activate(workflow, { credentials });
			chat.connect(sandbox, active.webhookUrl(chat.trigger));
			const write = async (text) => {
				await chat.write(sandbox, chat.conversations[0], text);
				if (chat.polls) await active.poll();
				await active.settled();
			};
			await write('Hi, about my appointment');
			const [execution] = [...host.executions.values()].slice(-1);
			const waited = execution.status;
			await write('yes');
			await execution.settled();
			const [question, answer] = chat.sent(sandbox);
			ok = waited === 'waiting' && execution.status === 'success' && answer !== undefined && active.executions.length === 1;
			console.log(`${ok ? '✔' : '✘'} ${workflow.name}  (send-and-wait/in-chat/${chat.file})`);
			console.log(`    the workflow asked: ${JSON.stringify(question?.text)}`);
			console.log(`    execution ${execution.id}: ${waited}; the customer wrote "yes" in the chat; executions started: ${active.executions.length}`);
			console.log(`    "${workflow.nodes[1].name}" returned ${JSON.stringify(execution.result.output(workflow.nodes[1].name)?.[0]?.json)}`);
			if (answer) console.log(`    ${chat.vendor} received the answer: ${JSON.stringify(answer.text)}`);
			await active.deactivate();
		} catch (error) {
			console.log(`✘ ${workflow.name}  (send-and-wait/in-chat/${chat.file})\n    error: ${error.message}`);
		}
		if (!ok) failures++;
		console.log('');
	}
	await triggers.close();
	return failures;
}

module.exports = { runSendAndWait };
