'use strict';

// Bad input of EvoVoice's own fields; bad Base URLs are in test/shared/base-url.test.js.
const { useSandbox, loadWorkflow, items, credentialsOf, expectRejectedBeforeSending, runWorkflow } = require('../helpers');

const env = useSandbox();

const ENDPOINT = 'evovoice/send-to-endpoint.workflow.json';
const SESSION = 'evovoice/send-to-session.workflow.json';
const ALL = 'evovoice/get-many-all.workflow.json';
const LIMIT = 'evovoice/get-many-limit.workflow.json';

async function expectRejected(workflowFile, input, expected) {
	const credentials = credentialsOf(env.sandbox, 'evovoice');
	return await expectRejectedBeforeSending(env.sandbox, loadWorkflow(workflowFile), { credentials, input: items(...input) }, expected);
}

describe('EvoVoice: bad input is reported before anything is sent', () => {
	test.each([
		['empty', '', 'To Address is empty: give the phone number to send to, in international form such as +15556667777.'],
		['only spaces', '   ', 'To Address is empty: give the phone number to send to, in international form such as +15556667777.'],
		['letters', '+1 555 CALL NOW', 'To Address "+1 555 CALL NOW" is not a phone number: use only digits, with + and the country code in front, such as +15556667777.'],
		['an email address', 'anna@example.com', 'To Address "anna@example.com" is not a phone number: use only digits, with + and the country code in front, such as +15556667777.'],
		['an extension', '+1 555 666 7777 x12', 'To Address "+1 555 666 7777 x12" is not a phone number: use only digits, with + and the country code in front, such as +15556667777.'],
		['a + in the middle', '+1 555 +666 7777', 'To Address "+1 555 +666 7777" is not a phone number: use only digits, with + and the country code in front, such as +15556667777.'],
		['no country code', '(555) 666-7777', 'To Address "(555) 666-7777" has no country code: start it with + and the country code (E.164), such as +15556667777.'],
		['a national number with a trunk 0', '020 7946 0958', 'To Address "020 7946 0958" has no country code: start it with + and the country code (E.164), such as +15556667777.'],
		['too short', '+12345', 'To Address "+12345" is not a valid international number: after the + come the country code and number, 7 to 15 digits, not starting with 0 (E.164), such as +15556667777.'],
		['too long', '+1234567890123456', 'To Address "+1234567890123456" is not a valid international number: after the + come the country code and number, 7 to 15 digits, not starting with 0 (E.164), such as +15556667777.'],
		['a country code starting with 0', '+0 555 666 7777', 'To Address "+0 555 666 7777" is not a valid international number: after the + come the country code and number, 7 to 15 digits, not starting with 0 (E.164), such as +15556667777.'],
	])('To Address that is %s', async (_name, toAddress, message) => {
		await expectRejected(ENDPOINT, [{ toAddress, text: 'hi' }], `${message} [item 0]`);
	});

	test('a number from an expression without a country code', async () => {
		await expectRejected(
			ENDPOINT,
			[{ toAddress: 5556667777, text: 'hi' }],
			'To Address "5556667777" has no country code: start it with + and the country code (E.164), such as +15556667777. [item 0]',
		);
	});

	test('no endpoint', async () => {
		await expectRejected(
			ENDPOINT,
			[{ endpointId: '  ', toAddress: '+15556667777', text: 'hi' }],
			'Endpoint ID is empty: give the EvoVoice endpoint (usually your phone number) to send from. [item 0]',
		);
	});

	test('no session', async () => {
		await expectRejected(SESSION, [{ text: 'hi' }], 'Session ID is empty: give the EvoVoice session to post the message in. [item 0]');
	});

	// `/sessions/../messages` is `/messages` to every URL parser: another operation.
	test.each(['.', '..'])('a Session ID of %p, which would leave its path segment', async (sessionId) => {
		await expectRejected(
			SESSION,
			[{ sessionId, text: 'hi' }],
			`Session ID "${sessionId}" is not an ID: "." and ".." would send the message to another address. [item 0]`,
		);
	});

	test.each([
		['missing', {}],
		['empty', { text: '' }],
		['only spaces and line breaks', { text: ' \n\t ' }],
	])('message text that is %s', async (_name, fields) => {
		await expectRejected(SESSION, [{ sessionId: 'ses-1001', ...fields }], 'Message is empty: give the text to send. [item 0]');
	});

	test('a bad item anywhere stops the node before any item is sent', async () => {
		await expectRejected(
			ENDPOINT,
			[
				{ toAddress: '+15556667777', text: 'fine' },
				{ toAddress: '+15556667778', text: 'also fine' },
				{ toAddress: '555-0100', text: 'no country code' },
			],
			'To Address "555-0100" has no country code: start it with + and the country code (E.164), such as +15556667777. [item 2]',
		);
	});

	test('Send To given by an expression must be one of the two ways', async () => {
		const workflow = loadWorkflow(SESSION, {
			'Send Message': { parameters: { sendTo: '={{ $json.sendTo }}', endpointId: 'ep-main', toAddress: '+15556667777' } },
		});
		const result = await runWorkflow(workflow, { credentials: credentialsOf(env.sandbox, 'evovoice'), input: items({ sendTo: 'email', sessionId: 'ses-1001', text: 'hi' }) });
		expect(result.error.message).toBe('Send To must be "session" or "endpointAndAddress", not "email". [item 0]');
		expect(env.sandbox.requests).toEqual([]);
	});

	test.each([
		['zero', 0, 'Limit must be a whole number of 1 or more, not "0". Turn on Return All to get every message.'],
		['negative', -5, 'Limit must be a whole number of 1 or more, not "-5". Turn on Return All to get every message.'],
		['a fraction', 2.5, 'Limit must be a whole number of 1 or more, not "2.5". Turn on Return All to get every message.'],
		['text', 'lots', 'Limit must be a whole number of 1 or more, not "lots". Turn on Return All to get every message.'],
	])('Limit that is %s', async (_name, limit, message) => {
		await expectRejected(LIMIT, [{ limit }], `${message} [item 0]`);
	});

	test.each([
		['words', 'last tuesday', 'After Date "last tuesday" is not a date: use a date such as 2024-05-01, or a date and time such as 2024-05-01T14:30:00 (read in the workflow\'s time zone) or 2024-05-01T14:30:00Z.'],
		['a day that does not exist', '2024-02-30', 'After Date "2024-02-30" is not a date: use a date such as 2024-05-01, or a date and time such as 2024-05-01T14:30:00 (read in the workflow\'s time zone) or 2024-05-01T14:30:00Z.'],
		['an American-style date', '03/07/2024', 'After Date "03/07/2024" is not a date: use a date such as 2024-05-01, or a date and time such as 2024-05-01T14:30:00 (read in the workflow\'s time zone) or 2024-05-01T14:30:00Z.'],
		['a yes/no value', true, 'After Date must be a date such as 2024-05-01T14:30:00Z, not a boolean value.'],
	])('After Date that is %s', async (_name, afterDate, message) => {
		await expectRejected(ALL, [{ afterDate }], `${message} [item 0]`);
	});

	test.each([
		['Account IDs', { accountIds: { id: 'acc-acme' } }, 'Account IDs must be IDs separated by commas (or a list of IDs from an expression), not an object.'],
		['Customer IDs', { customerIds: [['cus-north']] }, 'Customer IDs must be IDs separated by commas (or a list of IDs from an expression), not a nested list.'],
		['Endpoint IDs', { endpointIds: true }, 'Endpoint IDs must be IDs separated by commas (or a list of IDs from an expression), not a boolean value.'],
		['Conversation IDs', { conversationIds: [{ id: 'conv-a' }] }, 'Conversation IDs must be IDs separated by commas (or a list of IDs from an expression), not an object.'],
	])('%s given as something that is not a list of IDs', async (_name, filters, message) => {
		await expectRejected(ALL, [filters], `${message} [item 0]`);
	});
});
