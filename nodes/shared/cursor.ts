import type { IDataObject } from 'n8n-workflow';

/**
 * A polling trigger's position: the date of the newest record already
 * emitted and the IDs emitted at exactly that date. A record is new when it is
 * later than the date, or at the date and not among the IDs — so a record
 * that arrives with the same timestamp as the last one emitted is neither lost
 * (the next poll asks from the boundary date itself) nor emitted twice.
 */
export interface DateCursor {
	/** ISO date of the newest record emitted so far. */
	after: string;
	/** IDs of the records emitted at `after`. */
	seen: string[];
}

/** The cursor kept in `staticData[key]`, if there is a valid one. */
export function readCursor(staticData: IDataObject, key = 'cursor'): DateCursor | undefined {
	const value = staticData[key];
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const { after, seen } = value as IDataObject;
	if (typeof after !== 'string' || Number.isNaN(Date.parse(after))) return undefined;
	return { after, seen: Array.isArray(seen) ? seen.map(String) : [] };
}

export function writeCursor(staticData: IDataObject, cursor: DateCursor, key = 'cursor'): void {
	staticData[key] = { after: cursor.after, seen: [...cursor.seen] };
}

/** One millisecond before the cursor's date: the query that includes the boundary date itself. */
export function queryFrom(cursor: DateCursor): string {
	return new Date(Date.parse(cursor.after) - 1).toISOString();
}

/**
 * The records not emitted before (new by the rules above, each ID once, in
 * the order given) and the cursor after them.
 */
export function takeNew<T>(
	cursor: DateCursor,
	records: T[],
	read: (record: T) => { id: string; date: string | undefined },
): { fresh: T[]; next: DateCursor } {
	const boundary = Date.parse(cursor.after);
	const ids = new Set<string>();
	const fresh: T[] = [];
	let newest = boundary;
	let seenAtNewest = new Set(cursor.seen);
	for (const record of records) {
		const { id, date } = read(record);
		const time = date === undefined ? Number.NaN : Date.parse(date);
		if (Number.isNaN(time) || ids.has(id)) continue;
		if (time < boundary || (time === boundary && cursor.seen.includes(id))) continue;
		ids.add(id);
		fresh.push(record);
		if (time > newest) {
			newest = time;
			seenAtNewest = new Set();
		}
		if (time === newest) seenAtNewest.add(id);
	}
	const after = newest === boundary ? cursor.after : new Date(newest).toISOString();
	return { fresh, next: { after, seen: [...seenAtNewest] } };
}
