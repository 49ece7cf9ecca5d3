'use strict';

// Get Many with Continue On Fail; how Add handles a batch with bad items is in test/shared/continue-on-fail.test.js.
const { useSandbox, items, credentialsOf, runWorkflow } = require('../helpers');
const { GET_MANY, workflowFor } = require('./support');

const env = useSandbox();

describe('SuperOffice: Get Many with a missing session', () => {
	test('Continue On Fail: a missing session fails alone, the others return their messages', async () => {
		const workflow = workflowFor(GET_MANY, 'basic', { 'Get Chat Messages': { onError: 'continueRegularOutput' } });
		const result = await runWorkflow(workflow, {
			credentials: credentialsOf(env.sandbox, 'superoffice'),
			input: items({ chatSessionId: 7 }, { chatSessionId: 70 }, { chatSessionId: 8 }),
		});
		expect(result.output('Get Chat Messages').map((i) => [i.pairedItem.item, i.json.ChatMessageId ?? i.json.error])).toEqual([
			[0, 1],
			[0, 2],
			[1, 'SuperOffice rejected the request (HTTP 404): ChatSession with id 70 not found. [item 1]'],
			[2, 3],
		]);
	});
});
