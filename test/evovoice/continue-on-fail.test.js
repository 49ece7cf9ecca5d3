'use strict';

// Get Many with Continue On Fail; how a send handles a batch with bad items is in test/shared/continue-on-fail.test.js.
const { useSandbox, loadWorkflow, items, credentialsOf, runWorkflow } = require('../helpers');

const env = useSandbox();

describe('EvoVoice: Get Many with some failing queries', () => {
	test('Continue On Fail: a failing query becomes an error item, the others list their messages', async () => {
		const workflow = loadWorkflow('evovoice/get-many-all.workflow.json', { 'Get Messages': { onError: 'continueRegularOutput' } });
		const result = await runWorkflow(workflow, {
			credentials: credentialsOf(env.sandbox, 'evovoice'),
			input: items({ conversationIds: 'conv-a' }, { accountIds: 'acc-globex' }, { afterDate: 'soon' }, { conversationIds: 'conv-l' }),
		});
		expect(result.status).toBe('success');
		const output = result.output('Get Messages');
		const byItem = (n) => output.filter((i) => i.pairedItem.item === n);
		expect(byItem(0)).toHaveLength(50);
		expect(byItem(1).map((i) => i.json)).toEqual([
			{
				error: 'EvoVoice rejected the request (HTTP 403): You do not have access to account acc-globex. [item 1]',
				details: { delivery: 'notDelivered' },
			},
		]);
		expect(byItem(2).map((i) => i.json.error)).toEqual([expect.stringMatching(/^After Date "soon" is not a date: .* \[item 2\]$/)]);
		expect(byItem(3)).toHaveLength(50);
		expect(byItem(3).every((i) => i.json.endpointId === 'ep-labs')).toBe(true);
		expect(output.map((i) => i.pairedItem.item)).toEqual([...Array(50).fill(0), 1, 2, ...Array(50).fill(3)]);
	});
});
