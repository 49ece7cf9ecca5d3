'use strict';

// Pure SuperOffice helpers, tested from the compiled package.
const { matchEnum, parseWholeNumber, shownValue, MESSAGE_TYPES, SPECIAL_TYPES } = require('../../dist/nodes/SuperOffice/fields');
const { superOfficeProfile } = require('../../dist/nodes/SuperOffice/transport');
const { SuperOffice } = require('../../dist/nodes/SuperOffice/SuperOffice.node');

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
