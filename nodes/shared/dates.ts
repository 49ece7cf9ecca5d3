/**
 * Turns a date from the editor or an expression into an ISO 8601 UTC
 * timestamp, the form the vendors take dates in (SuperOffice's WhenPosted,
 * EvoVoice's afterDate).
 *
 * n8n's date picker gives a local time without a zone ("2024-05-01T10:00:00"),
 * meant in the workflow's time zone, so such values are read in `timeZone`.
 * Values that carry a zone (Z or +02:00), epoch milliseconds, Date objects and
 * Luxon DateTimes from expressions such as {{ $now }} are taken as they are.
 * Returns undefined when the value is not a date. Computed with Intl: n8n
 * nodes may not bring a date library.
 */
export function toUtcIso(value: unknown, timeZone: string): string | undefined {
	let date: Date | undefined;
	if (value instanceof Date) {
		date = value;
	} else if (typeof value === 'number') {
		date = Number.isFinite(value) ? new Date(value) : undefined;
	} else if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const iso = (value as { toISO: () => unknown }).toISO();
		return typeof iso === 'string' ? toUtcIso(iso, timeZone) : undefined;
	} else if (typeof value === 'string') {
		date = parseIsoText(value.trim(), timeZone);
	}
	if (!date || Number.isNaN(date.getTime())) return undefined;
	return date.toISOString();
}

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function parseIsoText(text: string, timeZone: string): Date | undefined {
	const match = ISO.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = match;
	const parts = {
		year: Number(y),
		month: Number(mo),
		day: Number(d),
		hour: Number(h),
		minute: Number(mi),
		second: Number(s),
		ms: Math.floor(Number(`0.${fraction}`) * 1000),
	};
	const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.ms);
	// Date.UTC rolls 2024-02-30 over into March; a date that does not exist is an error.
	const check = new Date(asUtc);
	if (
		check.getUTCFullYear() !== parts.year ||
		check.getUTCMonth() !== parts.month - 1 ||
		check.getUTCDate() !== parts.day ||
		parts.hour > 23 ||
		parts.minute > 59 ||
		parts.second > 59
	) {
		return undefined;
	}
	if (zone !== undefined) {
		if (zone.toUpperCase() === 'Z') return new Date(asUtc);
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
		return new Date(asUtc - offsetMinutes * 60_000);
	}
	return new Date(zonedToUtc(asUtc, timeZone));
}

/** The UTC instant at which the wall-clock time `wallAsUtc` is shown in `timeZone`. */
function zonedToUtc(wallAsUtc: number, timeZone: string): number {
	const first = wallAsUtc - offsetMs(wallAsUtc, timeZone);
	// Near a daylight-saving change the offset at the guess can differ; one more step settles it.
	const second = wallAsUtc - offsetMs(first, timeZone);
	return second;
}

/** How far `timeZone` is ahead of UTC at the instant `utc`, in milliseconds (0 for an unknown zone). */
function offsetMs(utc: number, timeZone: string): number {
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
	} catch {
		return 0;
	}
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(new Date(utc))) parts[part.type] = Number(part.value);
	const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return wall - Math.floor(utc / 1000) * 1000;
}
