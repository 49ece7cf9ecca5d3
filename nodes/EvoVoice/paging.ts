import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { unexpectedAnswer } from '../shared/answers';
import { atItem } from '../shared/errors';
import { vendorRequest } from '../shared/transport';
import { formatCount } from '../shared/validation';
import type { Connection } from '../shared/vendor';
import type { EvoVoiceListResponse } from './types';

/**
 * EvoVoice lists page with ListRequest's `page` and `countPerPage`. The docs do
 * not say where pages start; `Page` is a plain `int` in the API's C# types, so a
 * request without it asks for page 0 — the first page. If EvoVoice turns out to
 * count from 1, change this constant (and the sandbox's FIRST_PAGE).
 */
export const FIRST_PAGE = 0;

/** Messages asked for per request (EvoVoice's default is 25). */
export const PAGE_SIZE = 100;

/** A guard against a list that never ends (100,000 messages at PAGE_SIZE). */
export const MAX_PAGES = 1000;

/**
 * Whether another page may follow the one just read. `hasMorePages` is
 * documented as meant for simplified paging, and a ServiceStack bool that was
 * never set still reads `false`, so `totalPages` is trusted when EvoVoice gives
 * it; an empty page always ends the list.
 */
export function hasMorePages(
	response: EvoVoiceListResponse<unknown>,
	page: number,
	received: number,
	countPerPage: number,
): boolean {
	if (received === 0) return false;
	if (response.hasMorePages === true) return true;
	if (typeof response.totalPages === 'number' && response.totalPages > 0) {
		return page - FIRST_PAGE + 1 < response.totalPages;
	}
	if (response.hasMorePages === false) return false;
	return received >= countPerPage;
}

/**
 * Reads a ServiceStack list page by page until EvoVoice has no more or the
 * limit is reached. The page size stays the same on every page, as page N
 * covers records N × countPerPage onwards; with a limit under PAGE_SIZE it is
 * the limit. `records` names what is listed ("messages").
 */
export async function listAll(
	ctx: IExecuteFunctions,
	connection: Connection,
	request: { path: string; query: IDataObject; limit?: number; records: string; itemIndex: number; timeoutMs: number },
): Promise<IDataObject[]> {
	const { limit, itemIndex } = request;
	const countPerPage = limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, limit);
	const records: IDataObject[] = [];
	for (let n = 0; n < MAX_PAGES; n++) {
		const page = FIRST_PAGE + n;
		const response = await vendorRequest<EvoVoiceListResponse<IDataObject>>(ctx, connection, {
			method: 'GET',
			path: request.path,
			qs: { ...request.query, page, countPerPage },
			itemIndex,
			timeoutMs: request.timeoutMs,
		});
		const items = response?.items;
		if (!Array.isArray(items)) {
			throw unexpectedAnswer(ctx, connection, itemIndex, `GET ${request.path} without a list of ${request.records} ("items")`, response);
		}
		for (const record of items) {
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
		if (!hasMorePages(response, page, items.length, countPerPage)) return records;
	}
	throw new NodeOperationError(
		ctx.getNode(),
		atItem(
			`EvoVoice still reported more ${request.records} after ${formatCount(MAX_PAGES)} pages (${formatCount(MAX_PAGES * PAGE_SIZE)} ${request.records}). Narrow the filters, for example with After Date, or turn off Return All and set a Limit.`,
			itemIndex,
		),
		{ itemIndex },
	);
}
