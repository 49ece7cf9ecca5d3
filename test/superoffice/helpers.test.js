'use strict';

// Pure SuperOffice helpers, tested from the compiled package.
const { matchEnum, MESSAGE_TYPES, SPECIAL_TYPES } = require('../../dist/nodes/SuperOffice/fields');
const { superOffice } = require('../../dist/nodes/SuperOffice/transport');

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

});

describe('SuperOffice error bodies', () => {
	const profile = superOffice;
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
