'use strict';

// Pure SuperOffice helpers, tested from the compiled package.
const { toUtcIso } = require('../../dist/nodes/SuperOffice/dates');
const { matchEnum, parseWholeNumber, shownValue, MESSAGE_TYPES, SPECIAL_TYPES } = require('../../dist/nodes/SuperOffice/fields');
const { superOfficeProfile } = require('../../dist/nodes/SuperOffice/transport');
const { SuperOffice } = require('../../dist/nodes/SuperOffice/SuperOffice.node');

describe('toUtcIso', () => {
	test.each([
		['2024-05-01T12:00:00', 'Europe/Oslo', '2024-05-01T10:00:00.000Z'], // summer time, +02:00
		['2024-01-15T12:00:00', 'Europe/Oslo', '2024-01-15T11:00:00.000Z'], // winter time, +01:00
		['2024-05-01 08:30', 'America/New_York', '2024-05-01T12:30:00.000Z'],
		['2024-05-01', 'UTC', '2024-05-01T00:00:00.000Z'],
		['2024-05-01T12:00:00Z', 'Europe/Oslo', '2024-05-01T12:00:00.000Z'],
		['2024-05-01T12:00:00.250+05:30', 'UTC', '2024-05-01T06:30:00.250Z'],
		['2024-05-01T12:00:00-0300', 'UTC', '2024-05-01T15:00:00.000Z'],
		['2024-03-31T02:30:00', 'Europe/Oslo', '2024-03-31T01:30:00.000Z'], // a wall time skipped by the spring change
		['2024-05-01T12:00:00', 'Not/A_Zone', '2024-05-01T12:00:00.000Z'], // unknown zone: read as UTC
	])('%s in %s → %s', (value, zone, expected) => {
		expect(toUtcIso(value, zone)).toBe(expected);
	});

	test('takes Date objects, epoch milliseconds and Luxon-like DateTimes as they are', () => {
		expect(toUtcIso(new Date('2024-05-01T10:00:00Z'), 'Europe/Oslo')).toBe('2024-05-01T10:00:00.000Z');
		expect(toUtcIso(Date.UTC(2024, 4, 1, 10), 'Europe/Oslo')).toBe('2024-05-01T10:00:00.000Z');
		expect(toUtcIso({ toISO: () => '2024-05-01T12:00:00.000+02:00' }, 'UTC')).toBe('2024-05-01T10:00:00.000Z');
	});

	test.each(['tomorrow', '2024-02-30', '2024-13-01T00:00:00', '2024-05-01T24:00:00', '01/05/2024', '', NaN, {}, true])(
		'%p is not a date',
		(value) => {
			expect(toUtcIso(value, 'UTC')).toBeUndefined();
		},
	);
});

describe('matchEnum', () => {
	test('accepts the value or the display name, in any case and spacing', () => {
		expect(matchEnum(MESSAGE_TYPES, 'ToCustomer')).toBe('ToCustomer');
		expect(matchEnum(MESSAGE_TYPES, 'to customer')).toBe('ToCustomer');
		expect(matchEnum(MESSAGE_TYPES, 'TO_USER')).toBe('ToUser');
		expect(matchEnum(SPECIAL_TYPES, 'Transferred Session')).toBe('TransferedSession');
		expect(matchEnum(SPECIAL_TYPES, 'faq success question')).toBe('FaqSuccessQuestion');
		expect(matchEnum(MESSAGE_TYPES, 'Invalid')).toBeUndefined();
		expect(matchEnum(MESSAGE_TYPES, '')).toBeUndefined();
	});

	test('option lists are sorted by display name and cover the vendor enums', () => {
		for (const list of [MESSAGE_TYPES, SPECIAL_TYPES]) {
			const names = list.map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
		expect(SPECIAL_TYPES).toHaveLength(18);
	});
});

describe('parseWholeNumber and shownValue', () => {
	const rule = { min: 1, max: 2147483647, what: 'a positive whole number' };
	test('reads digits and numbers, names the field otherwise', () => {
		expect(parseWholeNumber('X', ' 42 ', rule)).toEqual({ value: 42 });
		expect(parseWholeNumber('X', 42, rule)).toEqual({ value: 42 });
		expect(parseWholeNumber('X', '4 2', rule)).toEqual({ error: 'X must be a positive whole number, not "4 2".' });
		expect(parseWholeNumber('X', 1e21, rule)).toEqual({ error: 'X must be a positive whole number, not "1e+21".' });
	});

	test('shortens long values and flattens line breaks', () => {
		expect(shownValue('a'.repeat(60))).toBe(`${'a'.repeat(37)}…`);
		expect(shownValue('one\ntwo')).toBe('one two');
		expect(shownValue({ a: 1 })).toBe('{"a":1}');
	});
});

describe('SuperOffice error bodies', () => {
	const profile = superOfficeProfile('soTicket');
	test('reads SuperOffice’s own error shape; a bare {Message} on a 404 is not SuperOffice’s answer', () => {
		const body = { Error: true, ErrorType: 'ArgumentException', Message: 'Bad type. ', ErrorSource: 'ChatAgent' };
		expect(profile.errorMessage(body, 400)).toBe('Bad type.');
		expect(profile.errorMessage(body, 404)).toBe('Bad type.');
		expect(profile.errorMessage({ Message: 'No HTTP resource was found' }, 404)).toBeUndefined();
		expect(profile.errorMessage({ Message: 'The request is invalid.' }, 400)).toBe('The request is invalid.');
		expect(profile.errorMessage('<html>', 500)).toBeUndefined();
		expect(profile.errorMessage([], 500)).toBeUndefined();
	});
});

describe('node description', () => {
	const { description } = new SuperOffice();
	test('every operation has an action label and each credential shows for its Authentication choice only', () => {
		const operations = description.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options);
		expect(operations.map((o) => o.action)).toEqual(['Add a chat message', 'Get many chat messages', 'Get a chat session']);
		expect(description.credentials.map((c) => [c.name, c.displayOptions.show.authentication])).toEqual([
			['superOfficeBasicApi', ['basic']],
			['superOfficeSoTicketApi', ['soTicket']],
			['superOfficeBearerApi', ['bearer']],
		]);
		expect(description.usableAsTool).toBe(true);
	});

	test('the Options collection is sorted by name and holds the header options', () => {
		const options = description.properties.find((p) => p.name === 'options').options.map((o) => o.displayName);
		expect(options).toEqual(['Culture', 'Language', 'Parallel Requests', 'Time Zone', 'Timeout (Seconds)']);
	});
});
