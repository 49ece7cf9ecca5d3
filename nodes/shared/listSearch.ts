import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { networkErrorMessage } from './answers';
import { DEFAULTS } from './options';
import type { Renewal } from './renewal';
import { renewalFailure } from './renewal';
import { exchangeOnce, networkErrorCode } from './transport';
import type { Connection, VendorProfile } from './vendor';
import { openConnection } from './vendor';

/** Entries per page of a picker's list. */
export const LIST_PAGE_SIZE = 50;

/** How a picker's list is fetched: one GET, with the node's credential. */
export interface ListRequest {
	vendor: VendorProfile;
	credentialType: string;
	path: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** What is listed, plural: "chat sessions". */
	noun: string;
	/** How the credential renews an expired token, as for the node's own requests. */
	renewal?: Renewal;
}

/**
 * One GET for a picker in the editor (a resource locator's From List). It goes
 * through the same bounded exchange as the node's requests, without the item
 * loop's retries and pacing: a person is waiting and can open the list again.
 * Failures are one sentence the list shows in place of its entries; a 403
 * says that By ID still works, as a user who may not list records may still
 * use one whose ID they know.
 */
export async function listRequest(ctx: ILoadOptionsFunctions, request: ListRequest): Promise<unknown> {
	const { vendor, credentialType, path, noun } = request;
	const opened = await openConnection(ctx, vendor, credentialType, request.headers);
	if ('error' in opened) throw new NodeOperationError(ctx.getNode(), opened.error);
	const connection: Connection = { ...opened, renewal: request.renewal };
	let answer;
	try {
		answer = await exchangeOnce(ctx, connection, { method: 'GET', path, qs: request.qs }, DEFAULTS.timeoutSeconds * 1000);
	} catch (error) {
		const renewalFailed = renewalFailure(error, vendor.name);
		if (renewalFailed !== undefined) throw new NodeOperationError(ctx.getNode(), renewalFailed);
		const { message } = networkErrorMessage(connection, networkErrorCode(error), { method: 'GET', path, itemIndex: 0 });
		throw new NodeOperationError(ctx.getNode(), message);
	}
	const status = answer.statusCode;
	if (status >= 200 && status < 300) return answer.body;
	const reason = vendor.errorMessage(answer.body, status) ?? (answer.statusMessage || 'no error message');
	let message = `${vendor.name} did not list the ${noun} (HTTP ${status}): ${reason.trim().replace(/[.\s]+$/, '')}.`;
	if (status === 403) message += ` The signed-in user may not list ${noun}: choose By ID and enter the ID instead.`;
	const description = vendor.statusHint?.(status, { vendorAnswered: true, credentialType });
	throw new NodeOperationError(ctx.getNode(), message, { description });
}

/**
 * One page of a picker's list from entries the vendor sent all at once:
 * those whose name or ID contains `filter` (any case), `LIST_PAGE_SIZE` at a
 * time. The pagination token is the offset of the next page.
 */
export function pageOfEntries(
	entries: INodeListSearchItems[],
	filter: string | undefined,
	paginationToken: unknown,
): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const matching = needle
		? entries.filter((e) => e.name.toLowerCase().includes(needle) || String(e.value).toLowerCase().includes(needle))
		: entries;
	const offset = typeof paginationToken === 'string' && /^\d+$/.test(paginationToken) ? Number(paginationToken) : 0;
	const end = offset + LIST_PAGE_SIZE;
	return {
		results: matching.slice(offset, end),
		paginationToken: end < matching.length ? String(end) : undefined,
	};
}

/**
 * A resource locator: From List (searchable, with `searchListMethod`) or By ID
 * (checked against `idPattern` in the editor; the operation checks it again).
 * A saved workflow's plain-text ID is read as it was (see readLocator).
 */
export function locatorField(spec: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	idPlaceholder: string;
	idPattern: string;
	idError: string;
	displayOptions?: INodeProperties['displayOptions'];
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		...(spec.displayOptions ? { displayOptions: spec.displayOptions } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				validation: [{ type: 'regex', properties: { regex: spec.idPattern, errorMessage: spec.idError } }],
			},
		],
	};
}

/**
 * The ID a resource locator holds, whichever mode it was given in. A value
 * saved before the field became a locator (plain text or a number) is read
 * as it is: n8n hands it over unchanged.
 */
export function readLocator(ctx: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
}
