import { shownValue } from '../shared/validation';

/**
 * EvoVoice wants the number to send to in E.164 form (`+15556667777`, as in
 * SendMessage's `toAddress`, https://evovoice.io/json/metadata?op=SendMessage):
 * a +, the country code and the number, 15 digits at most, no leading 0.
 */
export const E164 = /^\+[1-9]\d{6,14}$/;

// What people put between digits when they type a number: spaces (any kind),
// hyphens and dashes, dots, slashes and round brackets.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212./()]/g;

const EXAMPLE = '+15556667777';

/**
 * Turns a phone number as people type it into E.164, or explains in one
 * sentence, naming the field, why it cannot be one. `00` in front is the
 * international call prefix most countries use, so it is read as `+`. A number
 * with neither cannot be made E.164 without guessing a country, so it is
 * rejected rather than sent to the wrong place.
 */
export function normalizePhoneNumber(raw: unknown, label = 'To Address'): { number: string } | { error: string } {
	const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	if (text === '') {
		return { error: `${label} is empty: give the phone number to send to, in international form such as ${EXAMPLE}.` };
	}
	const shown = shownValue(text);
	// "+44 (0)20 …": the bracketed 0 is the national trunk prefix, dialled only
	// from inside the country, so it is not part of the international number.
	const international = /^(\+|00)/.test(text) ? text.replace(/\(\s*0\s*\)/g, '') : text;
	let compact = international.replace(SEPARATORS, '');
	if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
	if (!/^\+?\d+$/.test(compact)) {
		return {
			error: `${label} "${shown}" is not a phone number: use only digits, with + and the country code in front, such as ${EXAMPLE}.`,
		};
	}
	if (!compact.startsWith('+')) {
		return {
			error: `${label} "${shown}" has no country code: start it with + and the country code (E.164), such as ${EXAMPLE}.`,
		};
	}
	if (!E164.test(compact)) {
		return {
			error: `${label} "${shown}" is not a valid international number: after the + come the country code and number, 7 to 15 digits, not starting with 0 (E.164), such as ${EXAMPLE}.`,
		};
	}
	return { number: compact };
}
