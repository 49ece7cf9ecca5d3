import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialBaseUrl } from '../shared/baseUrl';
import { vendorError } from '../shared/errors';
import type { VendorProfile } from '../shared/transport';
import { vendorRequest } from '../shared/transport';
import { readHeaderOptions } from './headers';
import type { SuperOfficeAuthentication, SuperOfficeErrorBody } from './types';

/** The credential type behind each Authentication choice. */
export const SUPEROFFICE_CREDENTIALS: Record<SuperOfficeAuthentication, string> = {
	basic: 'superOfficeBasicApi',
	soTicket: 'superOfficeSoTicketApi',
	bearer: 'superOfficeBearerApi',
};

const UNAUTHORIZED_HINTS: Record<SuperOfficeAuthentication, string> = {
	basic:
		'SuperOffice did not accept the user name and password. Basic sign-in only works on SuperOffice Onsite; for SuperOffice Online choose SoTicket or Bearer Token as Authentication.',
	soTicket:
		'SuperOffice did not accept the ticket. Tickets expire: paste a new one into the credential. SuperOffice Online also needs the Application Token of your app.',
	bearer:
		'SuperOffice did not accept the access token. Access tokens expire after an hour: get a new one and paste it into the credential.',
};

/** What the shared transport needs to know about SuperOffice, for one kind of credential. */
export function superOfficeProfile(authentication: SuperOfficeAuthentication): VendorProfile {
	return {
		name: 'SuperOffice',
		// SuperOffice answers {"Error":true,"ErrorType":…,"Message":…,"ErrorSource":…}.
		// ASP.NET's own answers (unknown route, wrong method) carry only
		// {"Message":…}; on a 404 that means a wrong Base URL rather than a
		// missing chat session, so it does not count as SuperOffice's answer there.
		errorMessage(body: unknown, status: number): string | undefined {
			if (typeof body === 'string') {
				const text = body.trim();
				return status !== 404 && text && !text.startsWith('<') && text.length <= 300 ? text : undefined;
			}
			if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
			const error = body as SuperOfficeErrorBody;
			const message = typeof error.Message === 'string' ? error.Message.trim() : '';
			if (message === '') return undefined;
			const vendorShaped = error.Error === true || typeof error.ErrorType === 'string';
			return vendorShaped || status !== 404 ? message : undefined;
		},
		statusHint(status: number, vendorAnswered: boolean): string | undefined {
			if (status === 401) return UNAUTHORIZED_HINTS[authentication];
			if (status === 403)
				return "The SuperOffice user the credential signs in as lacks the rights for this. Check the user's role and chat topic membership in SuperOffice.";
			if (status === 404)
				return vendorAnswered
					? 'SuperOffice has no chat session with this ID, or the signed-in user cannot see it. Check the Chat Session ID.'
					: 'Check the Base URL in the credential: copy the address you open SuperOffice at, such as https://online.superoffice.com/Cust12345 or https://crm.example.com/SuperOffice.';
			return undefined;
		},
	};
}

/** What an operation expects back: one record with its ID field, or a list. */
export type ExpectedAnswer =
	| { kind: 'record'; idField: string; what: string }
	| { kind: 'list'; what: string; limit?: number };

/** A request that passed validation and is ready to go to SuperOffice. */
export interface SuperOfficePrepared {
	authentication: SuperOfficeAuthentication;
	baseUrl: string;
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	headers: Record<string, string>;
	expect: ExpectedAnswer;
}

/** The node's Authentication choice. */
export function readAuthentication(ctx: IExecuteFunctions): SuperOfficeAuthentication {
	const value = ctx.getNodeParameter('authentication', 0) as string;
	if (Object.hasOwn(SUPEROFFICE_CREDENTIALS, value)) return value as SuperOfficeAuthentication;
	throw new NodeOperationError(
		ctx.getNode(),
		`Authentication "${value}" is not one the SuperOffice node knows. Choose Basic Auth, SoTicket or Bearer Token.`,
	);
}

/**
 * Completes a request for one item: the credential's Base URL (with a pasted
 * /api/v1 dropped, since every path starts with it) and the header options.
 * Reads the credential but sends nothing.
 */
export async function prepareRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: Omit<SuperOfficePrepared, 'authentication' | 'baseUrl' | 'headers'>,
): Promise<SuperOfficePrepared> {
	const authentication = readAuthentication(ctx);
	const baseUrl = await credentialBaseUrl(
		ctx,
		itemIndex,
		SUPEROFFICE_CREDENTIALS[authentication],
		'SuperOffice',
		/\/api\/v1$/i,
	);
	return {
		...request,
		authentication,
		baseUrl,
		headers: readHeaderOptions(ctx, itemIndex),
	};
}

/**
 * Sends one prepared request with the node's credential, under the shared
 * retry policy, and returns what the node outputs for the item: the record,
 * or one entry per list element.
 */
export async function superOfficeSend(
	ctx: IExecuteFunctions,
	prepared: SuperOfficePrepared,
	itemIndex: number,
	timeoutMs?: number,
): Promise<IDataObject | IDataObject[]> {
	const answer = await vendorRequest<unknown>(ctx, superOfficeProfile(prepared.authentication), {
		credentialType: SUPEROFFICE_CREDENTIALS[prepared.authentication],
		method: prepared.method,
		baseUrl: prepared.baseUrl,
		path: prepared.path,
		body: prepared.body,
		qs: prepared.qs,
		headers: prepared.headers,
		itemIndex,
		timeout: timeoutMs,
	});
	const { expect } = prepared;
	if (expect.kind === 'list') {
		if (!Array.isArray(answer)) throw unexpectedAnswer(ctx, itemIndex, expect.what, answer);
		const records = answer.filter(isRecord);
		// GET ChatSession/{id}/Messages has no paging parameters (only `after`), so
		// SuperOffice always sends the whole list and the Limit is applied here.
		return expect.limit === undefined ? records : records.slice(0, expect.limit);
	}
	if (!isRecord(answer) || answer[expect.idField] === undefined) {
		throw unexpectedAnswer(ctx, itemIndex, expect.what, answer);
	}
	return answer;
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A 2xx answer that is not what the operation expects, as one readable error. */
function unexpectedAnswer(ctx: IExecuteFunctions, itemIndex: number, what: string, body: unknown) {
	return vendorError(
		ctx.getNode(),
		itemIndex,
		`SuperOffice answered without ${what}. Check that the Base URL in the credential points at the SuperOffice Web API.`,
		{ body },
	);
}
