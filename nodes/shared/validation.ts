/** Formats a count the way the vendors' docs do ("2,000"). */
export function formatCount(n: number): string {
	return n.toLocaleString('en-US');
}

/** Returns an error sentence when `value` is longer than `max` characters. */
export function tooLong(label: string, value: string, max: number, vendor: string): string | undefined {
	if (value.length <= max) return undefined;
	return `${label} is ${formatCount(value.length)} characters long; ${vendor} accepts at most ${formatCount(max)}.`;
}

/** Reads a string parameter value, treating non-strings (numbers from expressions) sensibly. */
export function asTrimmedString(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

/** Reads a free-text parameter (a message body) as given: a number from an expression becomes text, whitespace is kept. */
export function asText(value: unknown): string {
	return typeof value === 'string' ? value : asTrimmedString(value);
}

/** Whether a parameter was left empty: unset, null, or only whitespace. */
export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A value as it may be quoted in an error sentence: trimmed, objects as JSON,
 * line breaks flattened (they would split the sentence) and cut to `max`
 * characters with an ellipsis.
 */
export function shownValue(raw: unknown, max = 40): string {
	let text: string;
	if (raw === undefined || raw === null) text = '';
	else if (typeof raw === 'string') text = raw.trim();
	else if (typeof raw === 'number' || typeof raw === 'boolean') text = String(raw);
	else text = JSON.stringify(raw) ?? '';
	text = text.replace(/\s+/g, ' ');
	return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}

/**
 * Reads a whole number typed into a field or given by an expression: digits
 * only (no sign, fraction or exponent), within `min`–`max`. Undefined if it is
 * not one.
 */
export function readWholeNumber(raw: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
	const text = typeof raw === 'number' ? String(raw) : asTrimmedString(raw);
	if (!/^\d+$/.test(text)) return undefined;
	const value = Number(text);
	return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/**
 * Reads a whole-number ID or count and explains a bad one in a sentence naming
 * the field ("Limit must be a positive whole number, not "ten".").
 */
export function parseWholeNumber(
	label: string,
	raw: unknown,
	{ min, max, what }: { min: number; max: number; what: string },
): { value: number } | { error: string } {
	const value = readWholeNumber(raw, min, max);
	if (value !== undefined) return { value };
	const shown = shownValue(raw);
	const tooLarge = readWholeNumber(raw) !== undefined && Number(shown) > max;
	return {
		error: tooLarge
			? `${label} must be ${what} no larger than ${formatCount(max)}, not "${shown}".`
			: `${label} must be ${what}, not "${shown}".`,
	};
}

/**
 * An ID as one path segment: percent-encoded, so `/`, `?` and `#` stay inside
 * it. Empty, `.` and `..` are refused (undefined): URL parsers resolve them as
 * "this folder" and "the folder above" — `/sessions/../messages` is
 * `/messages` — so the request would go to another address. Encoding does
 * not help, since parsers read `%2e%2e` as `..` too.
 */
export function pathSegment(id: string): string | undefined {
	if (id === '' || id === '.' || id === '..') return undefined;
	return encodeURIComponent(id);
}
