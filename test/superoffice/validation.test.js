'use strict';

// Bad input of SuperOffice's own fields; bad Base URLs are in test/shared/base-url.test.js.
const { useSandbox, items, credentialsOf, expectRejectedBeforeSending } = require('../helpers');
const { ADD, GET_MANY, GET_SESSION, workflowFor, superoffice } = require('./support');

const env = useSandbox();

async function expectRejected(file, input, expected) {
	const credentials = credentialsOf(env.sandbox, 'superoffice');
	return await expectRejectedBeforeSending(env.sandbox, workflowFor(file, 'soTicket'), { credentials, input: items(...input) }, expected);
}

const hello = { chatSessionId: 101, message: 'hello' };

describe('SuperOffice: bad input is reported before anything is sent', () => {
	test('no Chat Session ID', async () => {
		await expectRejected(ADD, [{ message: 'hi' }], 'Chat Session ID is empty: give the ID of the SuperOffice chat session. [item 0]');
	});

	test.each([
		['abc', 'Chat Session ID must be a positive whole number, not "abc". [item 0]'],
		['0', 'Chat Session ID must be a positive whole number, not "0". [item 0]'],
		[-5, 'Chat Session ID must be a positive whole number, not "-5". [item 0]'],
		[1.5, 'Chat Session ID must be a positive whole number, not "1.5". [item 0]'],
		['12abc', 'Chat Session ID must be a positive whole number, not "12abc". [item 0]'],
		['2147483648', 'Chat Session ID must be a positive whole number no larger than 2,147,483,647, not "2147483648". [item 0]'],
		[{ id: 101 }, 'Chat Session ID must be a positive whole number, not "{"id":101}". [item 0]'],
	])('Chat Session ID %p', async (chatSessionId, message) => {
		await expectRejected(ADD, [{ chatSessionId, message: 'hi' }], message);
	});

	test.each([
		['empty', ''],
		['only spaces and line breaks', '  \n\t '],
		['missing', undefined],
	])('Message %s', async (_name, message) => {
		await expectRejected(ADD, [{ chatSessionId: 101, message }], 'Message is empty: give the text to add to the chat session. [item 0]');
	});

	test.each([
		['Bogus', 'Type must be ToCustomer, ToUser or Special, not "Bogus". [item 0]'],
		['Invalid', 'Type must be ToCustomer, ToUser or Special, not "Invalid". [item 0]'],
		[7, 'Type must be ToCustomer, ToUser or Special, not "7". [item 0]'],
	])('Type %p', async (type, message) => {
		await expectRejected(ADD, [{ ...hello, type }], message);
	});

	test('Special Type that SuperOffice does not have: the message offers every one SuperOffice has', async () => {
		const known = [...superoffice.SPECIAL_TYPES].sort().join(', ');
		await expectRejected(ADD, [{ ...hello, specialType: 'Redirect' }], `Special Type must be one of ${known}, not "Redirect". [item 0]`);
	});

	test.each([['yes'], [-1], [1.5], [{ read: true }]])('Read By Customer %p', async (readByCustomer) => {
		const shown = typeof readByCustomer === 'object' ? JSON.stringify(readByCustomer) : String(readByCustomer);
		await expectRejected(
			ADD,
			[{ ...hello, readByCustomer }],
			`Read By Customer must be a whole number (0 for not read, 1 for read), not "${shown}". [item 0]`,
		);
	});

	test.each([['tomorrow'], ['2024-02-30T10:00:00'], ['2024-05-01T25:00:00Z'], ['01.05.2024 10:00']])('When Posted %p', async (whenPosted) => {
		await expectRejected(
			ADD,
			[{ ...hello, whenPosted }],
			`When Posted must be a date and time such as 2024-05-01T10:00:00Z, not "${whenPosted}". [item 0]`,
		);
	});

	test.each([
		['language', 'en us', 'Language must be a language code such as en, de or nb-NO, not "en us". [item 0]'],
		['language', 'en\r\nX-Injected: 1', 'Language must be a language code such as en, de or nb-NO, not "en X-Injected: 1". [item 0]'],
		['culture', '*', 'Culture must be a culture code such as sv or nb-NO, not "*". [item 0]'],
		['timeZone', 'Europe/Oslo', 'Time Zone must be a SuperOffice time zone code or ID such as NO, US-NY or 261, not "Europe/Oslo". [item 0]'],
	])('option %s %p', async (option, value, message) => {
		await expectRejected(ADD, [{ ...hello, [option]: value }], message);
	});

	test('a bad third item stops the node before the first two are sent', async () => {
		await expectRejected(
			ADD,
			[hello, { chatSessionId: 102, message: 'fine too' }, { chatSessionId: 'latest', message: 'bad' }],
			'Chat Session ID must be a positive whole number, not "latest". [item 2]',
		);
	});

	test.each([
		['latest', 'After Message ID must be the whole-number ID of a chat message, not "latest". [item 0]'],
		[-1, 'After Message ID must be the whole-number ID of a chat message, not "-1". [item 0]'],
		[[1003], 'After Message ID must be the whole-number ID of a chat message, not "[1003]". [item 0]'],
	])('After Message ID %p', async (after, message) => {
		await expectRejected(GET_MANY, [{ chatSessionId: 101, after }], message);
	});

	test.each([
		[0, 'Limit must be a whole number of 1 or more, not "0". Turn on Return All to get every message. [item 0]'],
		['ten', 'Limit must be a whole number of 1 or more, not "ten". Turn on Return All to get every message. [item 0]'],
	])('Limit %p', async (limit, message) => {
		await expectRejected(GET_MANY, [{ chatSessionId: 101, limit }], message);
	});

	test('Chat Session → Get checks its Chat Session ID too', async () => {
		await expectRejected(GET_SESSION, [{ chatSessionId: 'abc' }], 'Chat Session ID must be a positive whole number, not "abc". [item 0]');
	});
});
