'use strict';

// Pure helpers of the EvoVoice node, tested from the compiled package.
const { normalizePhoneNumber } = require('../../dist/nodes/EvoVoice/phone');
const { readIdList, readAfterDate } = require('../../dist/nodes/EvoVoice/filters');
const { hasMorePages, FIRST_PAGE } = require('../../dist/nodes/EvoVoice/paging');
const { evoVoice, describeFieldError } = require('../../dist/nodes/EvoVoice/transport');

describe('normalizePhoneNumber', () => {
	test.each([
		['+15556667777', '+15556667777'],
		['+1 (555) 666-7777', '+15556667777'],
		['+1-555-666-7777', '+15556667777'],
		['+1.555.666.7777', '+15556667777'],
		['+1 555 666 7777', '+15556667777'],
		['(+1) 555 666 7777', '+15556667777'],
		['001 555 666 7777', '+15556667777'],
		['+44 (0)20 7946 0958', '+442079460958'],
		['0044 (0) 20 7946 0958', '+442079460958'],
		['+49 30/1234567', '+49301234567'],
		['+1\u2013555\u2013666\u20137777', '+15556667777'],
		['+1\u00a0555\u202f666 7777', '+15556667777'],
		['+3531234567', '+3531234567'],
		['+123456789012345', '+123456789012345'],
	])('%p → %s', (raw, number) => {
		expect(normalizePhoneNumber(raw)).toEqual({ number });
	});

	test.each([
		['', /is empty/],
		[undefined, /is empty/],
		[{}, /is empty/],
		['5556667777', /has no country code/],
		[5556667777, /has no country code/],
		['(0)20 7946 0958', /has no country code/],
		['+1 555 CALL NOW', /is not a phone number/],
		['tel:+15556667777', /is not a phone number/],
		['+1 555 666 7777 ext. 12', /is not a phone number/],
		['++15556667777', /is not a phone number/],
		['+', /is not a phone number/],
		['+123456', /is not a valid international number/],
		['+1234567890123456', /is not a valid international number/],
		['+05556667777', /is not a valid international number/],
		['000 555 666 7777', /is not a valid international number/],
	])('rejects %p, naming the field', (raw, pattern) => {
		const result = normalizePhoneNumber(raw);
		expect(result.error).toMatch(pattern);
		expect(result.error).toMatch(/^To Address /);
		expect(result.error).toMatch(/\+15556667777\.$/);
	});

	test('a very long value is shortened in the message', () => {
		const result = normalizePhoneNumber(`+1 ${'x'.repeat(100)}`);
		expect(result.error).toBe(`To Address "+1 ${'x'.repeat(34)}…" is not a phone number: use only digits, with + and the country code in front, such as +15556667777.`);
	});
});

describe('readIdList', () => {
	test.each([
		[undefined, {}],
		['', {}],
		[' , ,', {}],
		['a', { ids: 'a' }],
		[' a , b,,c ', { ids: 'a,b,c' }],
		[['a', 'b'], { ids: 'a,b' }],
		[['a, b', 'c'], { ids: 'a,b,c' }],
		[['a', 'a', 'b'], { ids: 'a,b' }],
		[[42, 'b', null], { ids: '42,b' }],
		[[], {}],
	])('%p → %p', (raw, expected) => {
		expect(readIdList(raw, 'Endpoint IDs')).toEqual(expected);
	});

	test('names the field when the value is not a list of IDs', () => {
		expect(readIdList({ a: 1 }, 'Endpoint IDs')).toEqual({
			error: 'Endpoint IDs must be IDs separated by commas (or a list of IDs from an expression), not an object.',
		});
	});
});

describe('readAfterDate', () => {
	test.each([
		['2024-03-07T12:00:00Z', 'UTC', '2024-03-07T12:00:00.000Z'],
		['2024-03-07T12:00:00.123Z', 'UTC', '2024-03-07T12:00:00.123Z'],
		['2024-03-07T14:00:00+02:00', 'UTC', '2024-03-07T12:00:00.000Z'],
		['2024-03-07T14:00:00+0200', 'UTC', '2024-03-07T12:00:00.000Z'],
		['2024-03-07 12:00', 'UTC', '2024-03-07T12:00:00.000Z'],
		['2024-03-07', 'UTC', '2024-03-07T00:00:00.000Z'],
		['2024-03-07', 'Europe/Berlin', '2024-03-06T23:00:00.000Z'],
		['2024-07-07', 'Europe/Berlin', '2024-07-06T22:00:00.000Z'],
		['2024-03-07T09:30:00', 'America/New_York', '2024-03-07T14:30:00.000Z'],
		['2024-03-11T09:30:00', 'America/New_York', '2024-03-11T13:30:00.000Z'],
		['2024-03-07T12:00:00', 'Not/AZone', '2024-03-07T12:00:00.000Z'],
		[new Date('2024-03-07T12:00:00Z'), 'UTC', '2024-03-07T12:00:00.000Z'],
		[{ toISO: () => '2024-03-07T13:00:00.000+01:00' }, 'UTC', '2024-03-07T12:00:00.000Z'],
	])('%p in %s → %s', (raw, zone, iso) => {
		expect(readAfterDate(raw, zone)).toEqual({ iso });
	});

	test.each([undefined, null, '', '  '])('%p means no filter', (raw) => {
		expect(readAfterDate(raw, 'UTC')).toEqual({});
	});

	test.each(['yesterday', '2024-13-01', '2024-02-30', '2024-03-07T25:00:00', '07.03.2024'])('rejects %p', (raw) => {
		expect(readAfterDate(raw, 'UTC').error).toMatch(/^After Date ".*" is not a date: /);
	});
});

describe('hasMorePages', () => {
	test.each([
		['hasMorePages true', { hasMorePages: true }, 0, 100, true],
		['totalPages says more, though hasMorePages reads false (set only for simplified paging)', { hasMorePages: false, totalPages: 3 }, 1, 100, true],
		['totalPages says this was the last page', { hasMorePages: false, totalPages: 3 }, 2, 100, false],
		['hasMorePages false and no totals', { hasMorePages: false }, 0, 100, false],
		['no paging fields, a full page', {}, 0, 100, true],
		['no paging fields, a short page', {}, 0, 40, false],
		['an empty page, whatever the flags say', { hasMorePages: true, totalPages: 9 }, 0, 0, false],
	])('%s', (_name, response, page, received, expected) => {
		expect(hasMorePages(response, FIRST_PAGE + page, received, 100)).toBe(expected);
	});
});

describe('EvoVoice error bodies', () => {
	test.each([
		[{ fieldName: 'ToAddress', message: "'To Address' must not be empty." }, 'To Address must not be empty'],
		[{ fieldName: 'Body', message: "'Body' must not be empty." }, 'Message must not be empty'],
		[{ fieldName: 'EndpointId', message: "'Endpoint Id' must not be empty." }, 'Endpoint ID must not be empty'],
		[{ fieldName: 'SessionId', message: 'SessionId is not valid' }, 'Session ID is not valid'],
		[{ fieldName: 'EndpointId', message: 'Endpoint is not a phone number' }, 'Endpoint ID: Endpoint is not a phone number'],
		[{ fieldName: 'Body', message: 'The message body is too long' }, 'The message body is too long'],
		[{ fieldName: 'SomethingElse', errorCode: 'Invalid' }, 'Something Else: Invalid'],
		[{ fieldName: 'ToAddress' }, 'To Address was rejected'],
		[{ message: 'General problem.' }, 'General problem'],
		[{}, undefined],
		[null, undefined],
	])('%p → %p', (error, text) => {
		expect(describeFieldError(error)).toBe(text);
	});

	test('field errors win over the summary message; the summary is used when there are none', () => {
		expect(
			evoVoice.errorMessage({
				responseStatus: {
					errorCode: 'NotEmpty',
					message: "'Body' must not be empty.",
					errors: [
						{ errorCode: 'NotEmpty', fieldName: 'Body', message: "'Body' must not be empty." },
						{ errorCode: 'NotEmpty', fieldName: 'EndpointId', message: "'Endpoint Id' must not be empty." },
					],
				},
			}),
		).toBe('Message must not be empty; Endpoint ID must not be empty');
		expect(evoVoice.errorMessage({ responseStatus: { errorCode: 'NotFound', message: 'Session not found' } })).toBe('Session not found');
		expect(evoVoice.errorMessage({ responseStatus: { errorCode: 'Forbidden' } })).toBe('Forbidden');
	});

	test('bodies that are not ServiceStack errors give no vendor message', () => {
		expect(evoVoice.errorMessage({ message: 'x' })).toBeUndefined();
		expect(evoVoice.errorMessage('<html><body>502</body></html>')).toBeUndefined();
		expect(evoVoice.errorMessage('Handler for Request not found (404):\n  Request.PathInfo: /x')).toBeUndefined();
		expect(evoVoice.errorMessage('Bad Gateway')).toBe('Bad Gateway');
		expect(evoVoice.errorMessage(undefined)).toBeUndefined();
	});

	test('hints say what to do for 401, 403 and both kinds of 404', () => {
		const answered = { vendorAnswered: true, credentialType: 'evoVoiceBasicApi' };
		expect(evoVoice.statusHint(401, answered)).toMatch(/email and password/);
		expect(evoVoice.statusHint(403, answered)).toMatch(/may not use this session, endpoint or account/);
		expect(evoVoice.statusHint(404, answered)).toMatch(/Session ID or Endpoint ID/);
		expect(evoVoice.statusHint(404, { ...answered, vendorAnswered: false })).toMatch(/Base URL/);
		expect(evoVoice.statusHint(500, answered)).toBeUndefined();
	});
});
