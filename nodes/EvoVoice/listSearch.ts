import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { isRecord } from '../shared/answers';
import { LIST_PAGE_SIZE, listRequest } from '../shared/listSearch';
import { FIRST_PAGE } from './paging';
import { EVOVOICE_CREDENTIAL, evoVoice } from './transport';

/**
 * One page of an EvoVoice list for a picker: EvoVoice searches and pages
 * (ListRequest's page and countPerPage); the pagination token is the next page.
 */
async function page(
	ctx: ILoadOptionsFunctions,
	path: string,
	noun: string,
	qs: IDataObject,
	paginationToken: string | undefined,
	entry: (record: IDataObject) => INodeListSearchItems,
): Promise<INodeListSearchResult> {
	const number = paginationToken !== undefined && /^\d+$/.test(paginationToken) ? Number(paginationToken) : FIRST_PAGE;
	const answer = await listRequest(ctx, {
		vendor: evoVoice,
		credentialType: EVOVOICE_CREDENTIAL,
		path,
		noun,
		qs: { ...qs, page: number, countPerPage: LIST_PAGE_SIZE },
	});
	const items = isRecord(answer) && Array.isArray(answer.items) ? answer.items.filter(isRecord) : [];
	const more =
		items.length > 0 &&
		(answer as IDataObject).hasMorePages !== false &&
		(typeof (answer as IDataObject).totalPages === 'number'
			? number - FIRST_PAGE + 1 < Number((answer as IDataObject).totalPages)
			: items.length >= LIST_PAGE_SIZE);
	return { results: items.map(entry), paginationToken: more ? String(number + 1) : undefined };
}

/**
 * Endpoints (GET /endpoints), searchable by name or by number: text with
 * digits and at most + ( ) - . and spaces is taken as part of a phone number.
 * A plain User may not list endpoints (403): the list says so, and By ID still works.
 */
export async function searchEndpoints(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const qs: IDataObject = {};
	if (/^[+\d()\-.\s]+$/.test(text) && /\d/.test(text)) qs.phoneNumberFilter = text.replace(/[()\-.\s]/g, '');
	else if (text !== '') qs.nameFilter = text;
	return await page(this, '/endpoints', 'endpoints', qs, paginationToken, (e) => ({
		name: typeof e.phoneNumber === 'string' && e.phoneNumber !== '' ? `${String(e.displayName)} (${e.phoneNumber})` : String(e.displayName ?? e.id),
		value: String(e.id),
	}));
}

/** Sessions (GET /sessions), newest first as EvoVoice sends them; the search matches the From address. */
export async function searchSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	return await page(this, '/sessions', 'sessions', text !== '' ? { from: text } : {}, paginationToken, (s) => ({
		name: `${String(s.fromAddress ?? '?')} → ${String(s.toAddress ?? '?')} · ${String(s.dateCreated ?? '')}${s.ended === true ? ' (ended)' : ''}`,
		value: String(s.id),
	}));
}
