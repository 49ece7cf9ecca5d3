import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { unexpectedAnswer } from '../shared/answers';
import type { DateCursor } from '../shared/cursor';
import { queryFrom, takeNew } from '../shared/cursor';
import { vendorRequest } from '../shared/transport';
import type { Connection } from '../shared/vendor';
import { FIRST_PAGE, MAX_PAGES, PAGE_SIZE } from '../EvoVoice/paging';
import type { EvoVoiceListResponse, EvoVoiceMessageInfo } from '../EvoVoice/types';

type Page = { items: EvoVoiceMessageInfo[]; totalCount: number; totalPages: number };

/** One page of GET /messages (ListMessages), oldest first as EvoVoice lists them. */
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

/** The last page of messages (the newest ones), oldest first. */
export async function latestMessages(ctx: IPollFunctions, connection: Connection, query: IDataObject): Promise<EvoVoiceMessageInfo[]> {
	const first = await readPage(ctx, connection, query, FIRST_PAGE);
	if (first.totalPages <= 1) return first.items;
	return (await readPage(ctx, connection, query, FIRST_PAGE + first.totalPages - 1)).items;
}

/**
 * Where a newly activated trigger starts: after the newest message there is
 * now. With no message at all, from the beginning: every message is then new,
 * and n8n's clock (which may run ahead of EvoVoice's) plays no part.
 */
export async function startingPoint(ctx: IPollFunctions, connection: Connection, query: IDataObject): Promise<DateCursor> {
	const latest = (await latestMessages(ctx, connection, query)).filter((m) => m.date && !Number.isNaN(Date.parse(m.date)));
	if (!latest.length) return { after: new Date(0).toISOString(), seen: [] };
	const newest = Math.max(...latest.map((m) => Date.parse(m.date as string)));
	return {
		after: new Date(newest).toISOString(),
		seen: latest.filter((m) => Date.parse(m.date as string) === newest).map((m) => m.id),
	};
}

/**
 * Every message after the cursor, and the cursor after them. The count
 * EvoVoice gives with the first page bounds what this poll reads: messages
 * that arrive while it pages are appended after that count and are left to
 * the next poll, which finds them from the cursor — never lost, never twice.
 */
export async function newMessages(
	ctx: IPollFunctions,
	connection: Connection,
	query: IDataObject,
	cursor: DateCursor,
): Promise<{ fresh: EvoVoiceMessageInfo[]; next: DateCursor }> {
	const since = { ...query, afterDate: queryFrom(cursor) };
	const read: EvoVoiceMessageInfo[] = [];
	let total = 0;
	// n8n abandons a poll that outlasts its budget; a long backlog is handed on
	// in parts instead: what was read goes out now, the cursor moves past it,
	// and the next poll goes on from there.
	const started = Date.now();
	const budgetMs = ctx.getPollBudgetMs() / 2;
	for (let n = 0; n < MAX_PAGES; n++) {
		const page = await readPage(ctx, connection, since, FIRST_PAGE + n);
		if (n === 0) total = page.totalCount;
		read.push(...page.items);
		if (!page.items.length || read.length >= total || n + 1 >= page.totalPages) break;
		if (Date.now() - started >= budgetMs) {
			total = read.length;
			break;
		}
	}
	return takeNew(cursor, read.slice(0, total), (m) => ({ id: String(m.id), date: m.date }));
}
