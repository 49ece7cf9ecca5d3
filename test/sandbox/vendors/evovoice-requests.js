// How EvoVoice reads a list request's query, shared by GET /messages and the
// lists beside it: ServiceStack's case-blind query names, ListRequest paging
// (`page`, `countPerPage`, `all`; answers `{items, totalCount, totalPages,
// hasMorePages}`), the accounts a user may ask about and the `afterDate` filter.
// Required by evovoice.js and its helper modules; it exports no prefix, so the
// sandbox does not take it for a vendor.
'use strict';

/** Page numbers start here; keep in step with FIRST_PAGE in nodes/EvoVoice/paging.ts. */
const FIRST_PAGE = 0;
/** ListRequest's default page size. */
const DEFAULT_COUNT_PER_PAGE = 25;

/** A query parameter, matched without regard to case as ServiceStack does. */
function queryValues(query, name) {
	const values = [];
	for (const [key, value] of query.entries()) if (key.toLowerCase() === name.toLowerCase()) values.push(value);
	return values;
}

/** A List<string> query parameter: comma-separated, possibly repeated. */
function queryList(query, name) {
	return queryValues(query, name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);
}

function queryInt(query, name) {
	const [value] = queryValues(query, name);
	if (value === undefined || value === '') return { value: undefined };
	return /^-?\d+$/.test(value) ? { value: Number(value) } : { invalid: value };
}

/**
 * The ListRequest paging a query asks for, with the FluentValidation errors
 * of `page` and `countPerPage` (empty when both are fine).
 */
function readPaging(query) {
	const page = queryInt(query, 'page');
	const countPerPage = queryInt(query, 'countPerPage');
	const errors = [];
	if (page.invalid !== undefined || (page.value !== undefined && page.value < FIRST_PAGE)) {
		errors.push({ errorCode: 'GreaterThanOrEqual', fieldName: 'Page', message: `'Page' must be greater than or equal to '${FIRST_PAGE}'.` });
	}
	if (countPerPage.invalid !== undefined || (countPerPage.value !== undefined && countPerPage.value < 1)) {
		errors.push({ errorCode: 'GreaterThan', fieldName: 'CountPerPage', message: "'Count Per Page' must be greater than '0'." });
	}
	const [all] = queryValues(query, 'all');
	return { errors, page: page.value, countPerPage: countPerPage.value, all: all === 'true' };
}

/** One page of `list` as a ListRequest answers it; `all` puts the whole list on one page. */
function pageBody(list, { page, countPerPage, all }) {
	const size = all ? Math.max(list.length, 1) : countPerPage ?? DEFAULT_COUNT_PER_PAGE;
	const index = all ? 0 : (page ?? FIRST_PAGE) - FIRST_PAGE;
	return {
		items: list.slice(index * size, (index + 1) * size),
		totalCount: list.length,
		totalPages: Math.ceil(list.length / size),
		hasMorePages: (index + 1) * size < list.length,
	};
}

/**
 * The accounts and customers a list request covers: the `accountIds` asked
 * for (every one the user's, or `denied` names the first that is not), else
 * all of the user's accounts. `endpointIds` is read here too, but each list
 * applies it itself: GET /endpoints ignores it.
 */
function readScope(query, user) {
	const accountIds = queryList(query, 'accountIds');
	const denied = accountIds.find((id) => !user.accountIds.includes(id));
	if (denied) return { denied };
	const accounts = accountIds.length ? accountIds : user.accountIds;
	const customerIds = queryList(query, 'customerIds');
	return {
		endpointIds: queryList(query, 'endpointIds'),
		/** Whether a record with `accountId` and `customerId` (an endpoint, a message) is in scope. */
		covers: (record) => accounts.includes(record.accountId) && (!customerIds.length || customerIds.includes(record.customerId)),
	};
}

/** `afterDate` as a time in ms (undefined when not given), or the validation error for a date that is none. */
function readAfterDate(query) {
	const [text] = queryValues(query, 'afterDate');
	const afterDate = text ? Date.parse(text) : undefined;
	if (text && Number.isNaN(afterDate)) {
		return { error: { errorCode: 'Predicate', fieldName: 'AfterDate', message: "'After Date' is not a valid date." } };
	}
	return { afterDate };
}

module.exports = { FIRST_PAGE, queryValues, queryList, readPaging, pageBody, readScope, readAfterDate };
