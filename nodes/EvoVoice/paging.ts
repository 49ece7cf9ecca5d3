import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { atItem, vendorError } from '../shared/errors';
import { formatCount } from '../shared/validation';
import type { EvoVoiceGetAllPrepared } from './actions/getAll';
import { evoVoiceRequest } from './transport';
import type { EvoVoiceListResponse, EvoVoiceMessageInfo } from './types';

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
 * Reads messages page by page until EvoVoice has no more or the limit is
 * reached. The page size stays the same on every page, as page N covers
 * messages N × countPerPage onwards; with a limit under 100 it is the limit.
 */
export async function fetchMessages(
	ctx: IExecuteFunctions,
	prepared: EvoVoiceGetAllPrepared,
	itemIndex: number,
	timeoutMs: number,
): Promise<IDataObject[]> {
	const { limit } = prepared;
	const countPerPage = limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, limit);
	const messages: EvoVoiceMessageInfo[] = [];
	for (let n = 0; n < MAX_PAGES; n++) {
		const page = FIRST_PAGE + n;
		const response = await evoVoiceRequest<EvoVoiceListResponse<EvoVoiceMessageInfo>>(ctx, {
			method: 'GET',
			baseUrl: prepared.baseUrl,
			path: '/messages',
			qs: { ...prepared.query, page, countPerPage },
			itemIndex,
			timeoutMs,
		});
		const items = response?.items;
		if (!Array.isArray(items)) {
			throw vendorError(
				ctx.getNode(),
				itemIndex,
				'EvoVoice answered GET /messages without a list of messages ("items"). Check that the Base URL in the credential points at the EvoVoice API.',
				{ httpCode: 200, body: response },
			);
		}
		for (const message of items) {
			messages.push(message);
			if (limit !== undefined && messages.length >= limit) return messages;
		}
		if (!hasMorePages(response, page, items.length, countPerPage)) return messages;
	}
	throw new NodeOperationError(
		ctx.getNode(),
		atItem(
			`EvoVoice still reported more messages after ${formatCount(MAX_PAGES)} pages (${formatCount(MAX_PAGES * PAGE_SIZE)} messages). Narrow the filters, for example with After Date, or turn off Return All and set a Limit.`,
			itemIndex,
		),
		{ itemIndex },
	);
}
