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

/** Something from an expression that knows how to print itself as ISO 8601 (Luxon's DateTime, $now). */
interface IsoPrintable {
	toISO(): string | null;
}

function isIsoPrintable(value: unknown): value is IsoPrintable {
	return typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function';
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads the After Date filter and returns it as ISO 8601 in UTC. n8n's date
 * picker gives a wall-clock time without a zone ("2024-05-01T09:30:00"); that
 * is read in the workflow's time zone, as the editor shows it. Values with a
 * zone, Luxon dates ($now) and JavaScript dates are taken as they are.
 */
export function readAfterDate(raw: unknown, timeZone: string, label = 'After Date'): { iso?: string } | { error: string } {
	if (raw === undefined || raw === null || raw === '') return {};
	let ms: number | undefined;
	if (raw instanceof Date) {
		ms = raw.getTime();
	} else if (isIsoPrintable(raw)) {
		const iso = raw.toISO();
		ms = iso ? Date.parse(iso) : undefined;
	} else if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return {};
		const local = DATE_ONLY.exec(text) ?? LOCAL_DATE_TIME.exec(text);
		if (local) {
			const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = local;
			ms = wallTimeToUtc(
				[Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0'))],
				timeZone,
			);
		} else if (WITH_ZONE.test(text)) {
			ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
		}
		if (ms === undefined || Number.isNaN(ms)) {
			const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
			return {
				error: `${label} "${shown}" is not a date: use a date such as 2024-05-01, or a date and time such as 2024-05-01T14:30:00 (read in the workflow's time zone) or 2024-05-01T14:30:00Z.`,
			};
		}
	} else {
		return { error: `${label} must be a date such as 2024-05-01T14:30:00Z, not ${describe(raw)}.` };
	}
	if (ms === undefined || Number.isNaN(ms)) return { error: `${label} is not a valid date.` };
	return { iso: new Date(ms).toISOString() };
}

/**
 * The UTC instant of a wall-clock time in an IANA time zone, computed with
 * Intl (n8n nodes may not bring a date library). Returns NaN for a date that
 * does not exist on the calendar, such as 2024-02-30.
 */
export function wallTimeToUtc(parts: number[], timeZone: string): number {
	const [y, mo, d, h, mi, s, ms] = parts;
	const asUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
	const check = new Date(asUtc);
	if (
		check.getUTCFullYear() !== y ||
		check.getUTCMonth() !== mo - 1 ||
		check.getUTCDate() !== d ||
		check.getUTCHours() !== h ||
		check.getUTCMinutes() !== mi ||
		check.getUTCSeconds() !== s
	) {
		return Number.NaN;
	}
	const first = asUtc - zoneOffsetMs(asUtc, timeZone);
	const second = asUtc - zoneOffsetMs(first, timeZone);
	return second;
}

/** How far the zone's wall clock is ahead of UTC at `utcMs`; 0 for an unknown zone. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	} catch {
		return 0;
	}
	const values: Record<string, number> = {};
	for (const part of format.formatToParts(new Date(utcMs))) {
		if (part.type !== 'literal') values[part.type] = Number(part.value);
	}
	const wall = Date.UTC(values.year, values.month - 1, values.day, values.hour, values.minute, values.second);
	return wall - Math.floor(utcMs / 1000) * 1000;
}
