import type { IDataObject } from 'n8n-workflow';

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

/** Keeps only the keys whose values are not empty strings, undefined or null. */
export function compact<T extends IDataObject>(object: T): T {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (value === undefined || value === null || value === '') continue;
		out[key] = value;
	}
	return out as T;
}

/** Parses a positive whole number given as number or digits; undefined if it is not one. */
export function asPositiveInteger(value: unknown): number | undefined {
	const text = typeof value === 'number' ? String(value) : asTrimmedString(value);
	if (!/^\d+$/.test(text)) return undefined;
	const n = Number(text);
	return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
