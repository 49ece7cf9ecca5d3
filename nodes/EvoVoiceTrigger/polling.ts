import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { unexpectedAnswer } from '../shared/answers';
import type { DateCursor } from '../shared/cursor';
import { queryFrom, takeNew } from '../shared/cursor';
import { vendorRequest } from '../shared/transport';
import type { Connection } from '../shared/vendor';
import { FIRST_PAGE, MAX_PAGES, PAGE_SIZE } from '../EvoVoice/paging';
import type { EvoVoiceListResponse, EvoVoiceMessageInfo } from '../EvoVoice/types';

type Page = { items: EvoVoiceMessageInfo[]; totalCount: number; totalPages: number };

/**
 * ListMessages is a ServiceStack ListRequest, which takes `sortField` (a free
 * string) and `sortOrder` (SortOrders: `Ascend` or `Descend`):
 * https://evovoice.io/json/metadata?op=ListMessages. The vendor's own CLI
 * sends the same two (github.com/Evo-Technologies/evo-voice-cli,
 * src/commands/common.ts: `--sort-order asc|desc` → `Ascend|Descend`). Neither
 * says which values `sortField` takes, nor the order of a list that asks for
 * none: `Date` is MessageInfo's date as the API's C# types spell it, an
 * inference. So the trigger asks for an order but trusts none: each reader
 * below tells the order from the dates EvoVoice gives back.
 */
const SORT_FIELD = 'Date';
const sortedBy = (sortOrder: 'Ascend' | 'Descend'): IDataObject => ({ sortField: SORT_FIELD, sortOrder });

/** One page of GET /messages (ListMessages), in the order EvoVoice lists them. */
async function readPage(ctx: IPollFunctions, connection: Connection, query: IDataObject, page: number): Promise<Page> {
	const answer = await vendorRequest<EvoVoiceListResponse<EvoVoiceMessageInfo>>(ctx, connection, {
		method: 'GET',
		path: '/messages',
		qs: { ...query, page, countPerPage: PAGE_SIZE },
		itemIndex: 0,
	});
	if (!Array.isArray(answer?.items)) {
		throw unexpectedAnswer(ctx, connection, 0, 'GET /messages without a list of messages ("items")', answer);
	}
	const totalCount = typeof answer.totalCount === 'number' ? answer.totalCount : answer.items.length;
	const totalPages = typeof answer.totalPages === 'number' ? answer.totalPages : Math.ceil(totalCount / PAGE_SIZE);
	return { items: answer.items, totalCount, totalPages };
}

const lastPageOf = (page: Page) => FIRST_PAGE + Math.max(page.totalPages, 1) - 1;

/** A message's date in ms; NaN when it has none (such messages are never emitted, see takeNew). */
const timeOf = (message: EvoVoiceMessageInfo) => (message.date === undefined ? Number.NaN : Date.parse(message.date));

/** The dated messages' times, in the order given. */
const timesOf = (messages: EvoVoiceMessageInfo[]) => messages.map(timeOf).filter((t) => !Number.isNaN(t));

/**
 * Whether a page lists newest first, told from its first and last dated
 * message; undefined when they share one date (or the page has fewer than two).
 */
function listsNewestFirst(messages: EvoVoiceMessageInfo[]): boolean | undefined {
	const times = timesOf(messages);
	if (times.length < 2 || times[0] === times[times.length - 1]) return undefined;
	return times[0] > times[times.length - 1];
}

/**
 * The messages oldest first, each ID once. Messages EvoVoice listed newest
 * first are turned round before the sort, so messages that share a date keep
 * the order EvoVoice gives them when it lists oldest first.
 */
function chronological(messages: EvoVoiceMessageInfo[], newestFirst = false): EvoVoiceMessageInfo[] {
	const byId = new Map<string, EvoVoiceMessageInfo>();
	for (const message of newestFirst ? [...messages].reverse() : messages) {
		if (!byId.has(String(message.id))) byId.set(String(message.id), message);
	}
	const key = (m: EvoVoiceMessageInfo) => (Number.isNaN(timeOf(m)) ? Number.POSITIVE_INFINITY : timeOf(m));
	// Array.prototype.sort is stable: messages of one date stay in the order above.
	return [...byId.values()].sort((a, b) => (key(a) === key(b) ? 0 : key(a) < key(b) ? -1 : 1));
}

/**
 * The newest page of messages, oldest first, at whichever end of the list
 * EvoVoice puts it. Asked newest first, one page is enough when EvoVoice
 * honours that; when page 0 turns out oldest first (the order was not
 * honoured) or holds one date throughout, the last page is read as well and
 * the page with the later messages wins.
 */
export async function latestMessages(ctx: IPollFunctions, connection: Connection, query: IDataObject): Promise<EvoVoiceMessageInfo[]> {
	const asked = { ...query, ...sortedBy('Descend') };
	const first = await readPage(ctx, connection, asked, FIRST_PAGE);
	const newestFirst = listsNewestFirst(first.items);
	if (first.totalPages <= 1 || newestFirst === true) return chronological(first.items, newestFirst);
	const last = await readPage(ctx, connection, asked, lastPageOf(first));
	const newest = (page: Page) => Math.max(Number.NEGATIVE_INFINITY, ...timesOf(page.items));
	if (newest(first) > newest(last)) return chronological(first.items, newestFirst);
	if (newest(last) > newest(first)) return chronological(last.items, listsNewestFirst(last.items));
	// One date on both ends, so on every page: the order does not matter.
	return chronological([...first.items, ...last.items]);
}

/**
 * Where a newly activated trigger starts: after the newest message there is
 * now, by date, whatever order EvoVoice lists in. With no message at all,
 * from the beginning: every message is then new, and n8n's clock (which may
 * run ahead of EvoVoice's) plays no part.
 */
export async function startingPoint(ctx: IPollFunctions, connection: Connection, query: IDataObject): Promise<DateCursor> {
	const latest = (await latestMessages(ctx, connection, query)).filter((m) => !Number.isNaN(timeOf(m)));
	if (!latest.length) return { after: new Date(0).toISOString(), seen: [] };
	const newest = Math.max(...latest.map(timeOf));
	return {
		after: new Date(newest).toISOString(),
		seen: latest.filter((m) => timeOf(m) === newest).map((m) => m.id),
	};
}

const identify = (message: EvoVoiceMessageInfo) => ({ id: String(message.id), date: message.date });

/**
 * Whether a poll stops reading with what it has read so far: once half its
 * budget is spent, provided that holds a message not emitted before (else
 * the next poll would read the same again, and so on for ever).
 */
type Cut = (read: EvoVoiceMessageInfo[]) => boolean;

/**
 * The pages after page 0 of a list that runs oldest first, up to the count
 * EvoVoice gave with page 0: messages that arrive while this pages are
 * appended after that count and are left to the next poll, which finds them
 * from the cursor. A read cut short (see Cut) is the oldest part.
 */
async function readOldestFirst(
	ctx: IPollFunctions,
	connection: Connection,
	query: IDataObject,
	first: Page,
	cut: Cut,
): Promise<EvoVoiceMessageInfo[]> {
	const read = [...first.items];
	let total = first.totalCount;
	for (let n = 1; n < MAX_PAGES && read.length < total && n < first.totalPages; n++) {
		if (cut(read)) {
			total = read.length;
			break;
		}
		const page = await readPage(ctx, connection, query, FIRST_PAGE + n);
		read.push(...page.items);
		if (!page.items.length || n + 1 >= page.totalPages) break;
	}
	return chronological(read.slice(0, total));
}

/**
 * The pages of a list that runs newest first (EvoVoice did not honour the
 * order asked for), read from the last page back to page 0, so that what is
 * read is always the oldest part of what is new: a read cut short hands on
 * the oldest messages, and the next poll goes on from there.
 *
 * A message that arrives meanwhile goes to the front and moves every message
 * one place towards the end: the last message of the page about to be read
 * slides onto the page just read, after that was read, and would be missed.
 * So a page is only taken when EvoVoice counted as many messages with it as
 * with the page taken before (nothing arrived in between), or when it shares
 * a message with what was taken (it reaches back to it); otherwise the reader
 * steps one page back towards the end, where the missing messages went.
 * Pages read before (`known`: page 0, and the last page if it was read to
 * tell the order) are taken by the same rule, or else read again.
 */
async function readNewestFirst(
	ctx: IPollFunctions,
	connection: Connection,
	query: IDataObject,
	known: Map<number, Page>,
	cut: Cut,
): Promise<EvoVoiceMessageInfo[]> {
	const pages: EvoVoiceMessageInfo[][] = [];
	const read: EvoVoiceMessageInfo[] = [];
	const ids = new Set<string>();
	let edge: { page: number; totalCount: number } | undefined;
	let index = lastPageOf(known.get(FIRST_PAGE) as Page);
	for (let n = 0; n < MAX_PAGES && edge?.page !== FIRST_PAGE; n++) {
		if (edge && cut(read)) break;
		const before = known.get(index);
		known.delete(index);
		const page = before ?? (await readPage(ctx, connection, query, index));
		const last = lastPageOf(page);
		// The first page taken must be the last there is: the oldest of what is new.
		const joins = edge
			? (page.totalCount === edge.totalCount && index === edge.page - 1) || page.items.some((m) => ids.has(String(m.id)))
			: index === last && page.items.length > 0;
		if (joins) {
			pages.push(page.items);
			read.push(...page.items);
			for (const message of page.items) ids.add(String(message.id));
			edge = { page: index, totalCount: page.totalCount };
			index -= 1;
		} else if (!edge && index === last) {
			return [];
		} else if (!edge) {
			index = last;
		} else if (!before) {
			index = Math.min(index + 1, last);
		}
	}
	return chronological(pages.reverse().flat(), true);
}

/**
 * Every message after the cursor, and the cursor after them, whatever order
 * EvoVoice lists in. The order is asked for (oldest first) and then told
 * from the dates on page 0, or, when page 0 holds one date throughout, from
 * the last page. n8n abandons a poll that outlasts its budget; a long backlog
 * is handed on in parts instead: what was read (always the oldest part) goes
 * out now, the cursor moves past it, and the next poll goes on from there.
 */
export async function newMessages(
	ctx: IPollFunctions,
	connection: Connection,
	query: IDataObject,
	cursor: DateCursor,
): Promise<{ fresh: EvoVoiceMessageInfo[]; next: DateCursor }> {
	const since = { ...query, ...sortedBy('Ascend'), afterDate: queryFrom(cursor) };
	const deadline = Date.now() + ctx.getPollBudgetMs() / 2;
	const cut: Cut = (read) => Date.now() >= deadline && takeNew(cursor, read, identify).fresh.length > 0;
	const first = await readPage(ctx, connection, since, FIRST_PAGE);
	let messages: EvoVoiceMessageInfo[];
	let newestFirst = listsNewestFirst(first.items);
	if (first.totalPages <= 1 || first.items.length >= first.totalCount) {
		messages = chronological(first.items, newestFirst);
	} else {
		const known = new Map([[FIRST_PAGE, first]]);
		if (newestFirst === undefined) {
			// Page 0 holds one date: later dates on the last page mean oldest first, earlier ones newest first.
			const last = await readPage(ctx, connection, since, lastPageOf(first));
			known.set(lastPageOf(first), last);
			const [date] = timesOf(first.items);
			newestFirst = timesOf(last.items).some((t) => t < date);
		}
		messages = newestFirst
			? await readNewestFirst(ctx, connection, since, known, cut)
			: await readOldestFirst(ctx, connection, since, first, cut);
	}
	return takeNew(cursor, messages, identify);
}
