'use strict';

// The shared date reader, tested from the compiled package.
const { toUtcIso } = require('../../dist/nodes/shared/dates');

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
