// The appointment confirmations of examples/send-and-wait/, as users import
// them: the question goes out, the execution waits, and the workflow answers
// the customer according to what they tapped — or, when a day passes without
// an answer, says so.
'use strict';

const { useSandbox, credentialsOf, secretsOf, expectNoSecrets } = require('../helpers');
const { SEND_AND_WAIT_EXAMPLES, loadSendAndWaitExample, linksOf, tapAnswer, useWaitingHost } = require('./send-and-wait');

const env = useSandbox();
const waiting = useWaitingHost();

/** The texts the sandbox received, in order, whatever the vendor calls its message field. */
const texts = (sandbox) => sandbox.ledger.map((entry) => entry.body.text ?? entry.body.body ?? entry.body.Message);

describe.each(SEND_AND_WAIT_EXAMPLES)('%s', (file) => {
	async function start() {
		const execution = await waiting.host.run(loadSendAndWaitExample(file), { credentials: credentialsOf(env.sandbox) });
		expect(execution.status).toBe('waiting');
		const [question] = texts(env.sandbox);
		expect(texts(env.sandbox)).toHaveLength(1);
		return { execution, links: linksOf(question) };
	}

	test('the customer taps Yes: the workflow confirms the appointment', async () => {
		const { execution, links } = await start();
		expect(Object.keys(links)).toEqual(['✗ No, another time', '✓ Yes, I can come']);
		expect((await tapAnswer(links['✓ Yes, I can come'])).status).toBe(200);
		await execution.settled();
		expect(execution.status).toBe('success');
		expect(texts(env.sandbox)[1]).toBe('Thank you, see you on Tuesday at 10:00.');
		for (const run of execution.runs) expectNoSecrets(run, secretsOf(env.sandbox));
	});

	test('the customer taps No: the workflow offers to find another time', async () => {
		const { execution, links } = await start();
		await tapAnswer(links['✗ No, another time']);
		await execution.settled();
		expect(texts(env.sandbox)[1]).toBe('No problem: we will call you to find another time.');
	});

	test('no answer within a day: the workflow goes on without one', async () => {
		const { execution } = await start();
		expect(execution.waitTill.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
		await waiting.host.resumeDue(execution.waitTill);
		expect(execution.status).toBe('success');
		expect(texts(env.sandbox)[1]).toBe('We did not hear from you, so we will call you to agree on a time.');
	});
});
