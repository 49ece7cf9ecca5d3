'use strict';

// Pure helpers, tested from the compiled package.
const { normalizeBaseUrl } = require('../../dist/nodes/shared/baseUrl');
const { retryAfterSeconds, networkErrorCode } = require('../../dist/nodes/shared/transport');
const { tooLong, asPositiveInteger, compact } = require('../../dist/nodes/shared/validation');
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

	test('asPositiveInteger', () => {
		expect(asPositiveInteger('42')).toBe(42);
		expect(asPositiveInteger(7)).toBe(7);
		expect(asPositiveInteger('0')).toBeUndefined();
		expect(asPositiveInteger('-1')).toBeUndefined();
		expect(asPositiveInteger('1.5')).toBeUndefined();
		expect(asPositiveInteger('99999999999999999999')).toBeUndefined();
	});

	test('compact drops empty values only', () => {
		expect(compact({ a: '', b: 0, c: false, d: undefined, e: null, f: 'x' })).toEqual({ b: 0, c: false, f: 'x' });
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
