'use strict';

// Every example workflow in examples/ must run as it is against the sandbox,
// with the credentials it hands out, as `npm run demo` runs them: a file added
// there is tested without touching this one. What particular examples must
// deliver is in test/<vendor>/examples.test.js.
const { useSandbox, EXAMPLE_FILES, loadExample, credentialsOf, secretsOf, expectNoSecrets, runWorkflow } = require('../helpers');
const { loadPackage } = require('../harness');

const env = useSandbox();

test.each(EXAMPLE_FILES)('%s runs: every node of this package succeeds on every item, and no secret shows', async (file) => {
	const workflow = loadExample(file);
	const { packageName } = await loadPackage();
	const ours = workflow.nodes.filter((n) => n.type.startsWith(`${packageName}.`));
	expect(ours).not.toEqual([]);
	const result = await runWorkflow(workflow, { credentials: credentialsOf(env.sandbox) });
	expect(result.status).toBe('success');
	for (const node of ours) {
		const output = result.output(node.name);
		expect({ node: node.name, ran: output !== undefined }).toEqual({ node: node.name, ran: true });
		expect(output.filter((item) => item.json.error)).toEqual([]);
	}
	expect(env.sandbox.requests.filter((r) => !(r.status >= 200 && r.status < 300))).toEqual([]);
	expectNoSecrets(result, secretsOf(env.sandbox));
});
