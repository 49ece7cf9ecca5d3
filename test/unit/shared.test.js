'use strict';

// Pure helpers, tested from the compiled package.
const { normalizeBaseUrl } = require('../../dist/nodes/shared/baseUrl');
const { retryAfterSeconds } = require('../../dist/nodes/shared/answers');
const { networkErrorCode } = require('../../dist/nodes/shared/transport');
const { tooLong, readWholeNumber, parseWholeNumber, shownValue } = require('../../dist/nodes/shared/validation');
const { readAttachments } = require('../../dist/nodes/EdnaChatCenter/attachments');

describe('normalizeBaseUrl', () => {
	test.each([
		['https://edna.example.com', 'https://edna.example.com'],
		[' https://edna.example.com/// ', 'https://edna.example.com'],
		['http://host:8080/chat/', 'http://host:8080/chat'],
	])('%s → %s', (raw, url) => {
		expect(normalizeBaseUrl(raw, 'edna')).toEqual({ url });
	});

	test('drops a suffix the node adds itself', () => {
		const apiV1 = /\/api\/v1$/i;
		expect(normalizeBaseUrl('https://online.superoffice.com/Cust12345/api/v1/', 'SuperOffice', apiV1)).toEqual({
			url: 'https://online.superoffice.com/Cust12345',
		});
		expect(normalizeBaseUrl('https://host/SuperOffice', 'SuperOffice', apiV1)).toEqual({ url: 'https://host/SuperOffice' });
	});

	test.each(['', 'ftp://x', 'not a url', 'https://u:p@x', undefined])('rejects %p with a sentence', (raw) => {
		expect(normalizeBaseUrl(raw, 'edna')).toEqual({ error: expect.stringMatching(/Base URL.*\.$/) });
	});
});

describe('retryAfterSeconds', () => {
	test('reads seconds and HTTP dates', () => {
		expect(retryAfterSeconds('3')).toBe(3);
		expect(retryAfterSeconds(['2'])).toBe(2);
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		expect(retryAfterSeconds(inTenSeconds)).toBeGreaterThanOrEqual(9);
		expect(retryAfterSeconds(inTenSeconds)).toBeLessThanOrEqual(11);
		expect(retryAfterSeconds(undefined)).toBeUndefined();
		expect(retryAfterSeconds('soon')).toBeUndefined();
	});
});

describe('networkErrorCode', () => {
	test('finds the code anywhere in the cause chain', () => {
		expect(networkErrorCode({ cause: { cause: { code: 'ECONNREFUSED' } } })).toBe('ECONNREFUSED');
		expect(networkErrorCode(new Error('timeout of 1000ms exceeded'))).toBe('ETIMEDOUT');
		expect(networkErrorCode(new Error('nothing'))).toBeUndefined();
	});
});

describe('validation helpers', () => {
	test('tooLong names the field and both counts', () => {
		expect(tooLong('Text', 'x'.repeat(2001), 2000, 'edna')).toBe('Text is 2,001 characters long; edna accepts at most 2,000.');
		expect(tooLong('Text', 'x'.repeat(2000), 2000, 'edna')).toBeUndefined();
	});

	test('readWholeNumber takes digits only, within bounds', () => {
		expect(readWholeNumber('42')).toBe(42);
		expect(readWholeNumber(7, 1)).toBe(7);
		expect(readWholeNumber('0', 1)).toBeUndefined();
		expect(readWholeNumber('-1')).toBeUndefined();
		expect(readWholeNumber('1.5')).toBeUndefined();
		expect(readWholeNumber('1e3')).toBeUndefined();
		expect(readWholeNumber('99999999999999999999')).toBeUndefined();
		expect(readWholeNumber('11', 1, 10)).toBeUndefined();
	});

	test('parseWholeNumber names the field and says when a number is too large', () => {
		const rule = { min: 1, max: 2147483647, what: 'a positive whole number' };
		expect(parseWholeNumber('X', ' 42 ', rule)).toEqual({ value: 42 });
		expect(parseWholeNumber('X', '4 2', rule)).toEqual({ error: 'X must be a positive whole number, not "4 2".' });
		expect(parseWholeNumber('X', 1e21, rule)).toEqual({ error: 'X must be a positive whole number, not "1e+21".' });
		expect(parseWholeNumber('X', '2147483648', rule)).toEqual({
			error: 'X must be a positive whole number no larger than 2,147,483,647, not "2147483648".',
		});
	});

	test('shownValue shortens long values and flattens line breaks', () => {
		expect(shownValue('a'.repeat(60))).toBe(`${'a'.repeat(37)}…`);
		expect(shownValue('a'.repeat(70), 60)).toBe(`${'a'.repeat(57)}…`);
		expect(shownValue('one\ntwo')).toBe('one two');
		expect(shownValue({ a: 1 })).toBe('{"a":1}');
	});

});

describe('readAttachments', () => {
	test('a single object from an expression counts as a one-item list', () => {
		expect(readAttachments('json', undefined, { url: 'https://x/a.jpg', name: 'a.jpg' })).toEqual({
			attachments: [{ url: 'https://x/a.jpg', name: 'a.jpg' }],
		});
	});

	test('empty inputs mean no attachments', () => {
		expect(readAttachments('json', undefined, '')).toEqual({ attachments: [] });
		expect(readAttachments('json', undefined, null)).toEqual({ attachments: [] });
		expect(readAttachments('fields', {}, undefined)).toEqual({ attachments: [] });
	});

	test('names the failing attachment by its position', () => {
		expect(readAttachments('json', undefined, [{ url: 'https://x/a.jpg', name: 'a.jpg' }, { name: 'b.jpg' }])).toEqual({
			error: 'Attachment 2 has no URL.',
		});
	});
});
