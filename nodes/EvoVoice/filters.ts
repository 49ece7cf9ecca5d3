import { toUtcIso } from '../shared/dates';
import { shownValue } from '../shared/validation';

/**
 * Reads an ID list as a user gives it: comma-separated text ("a, b"), or an
 * array (or single value) from an expression. ServiceStack reads a List<string>
 * query parameter as comma-separated values, so the result is joined with ",".
 * Returns undefined for an empty list, or an error sentence naming the field.
 */
export function readIdList(raw: unknown, label: string): { ids?: string } | { error: string } {
	if (raw === undefined || raw === null) return {};
	const parts: unknown[] = Array.isArray(raw) ? raw : [raw];
	const ids: string[] = [];
	for (const part of parts) {
		if (part === undefined || part === null) continue;
		if (typeof part === 'number' && Number.isFinite(part)) {
			ids.push(String(part));
			continue;
		}
		if (typeof part !== 'string') {
			return { error: `${label} must be IDs separated by commas (or a list of IDs from an expression), not ${describe(part)}.` };
		}
		for (const id of part.split(',')) {
			const trimmed = id.trim();
			if (trimmed !== '') ids.push(trimmed);
		}
	}
	const unique = [...new Set(ids)];
	return unique.length ? { ids: unique.join(',') } : {};
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'a nested list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value} value`;
}

/**
 * Reads the After Date filter and returns it as ISO 8601 in UTC. n8n's date
 * picker gives a wall-clock time without a zone ("2024-05-01T09:30:00"); that
 * is read in the workflow's time zone, as the editor shows it. Values with a
 * zone, Luxon dates ($now) and JavaScript dates are taken as they are.
 */
export function readAfterDate(raw: unknown, timeZone: string, label = 'After Date'): { iso?: string } | { error: string } {
	if (raw === undefined || raw === null) return {};
	if (typeof raw === 'string' && raw.trim() === '') return {};
	const iso = toUtcIso(raw, timeZone);
	if (iso !== undefined) return { iso };
	if (typeof raw === 'string') {
		return {
			error: `${label} "${shownValue(raw)}" is not a date: use a date such as 2024-05-01, or a date and time such as 2024-05-01T14:30:00 (read in the workflow's time zone) or 2024-05-01T14:30:00Z.`,
		};
	}
	return { error: `${label} must be a date such as 2024-05-01T14:30:00Z, not ${describe(raw)}.` };
}
