import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { credentialBaseUrl } from '../shared/baseUrl';
import type { VendorProfile } from '../shared/transport';
import { vendorRequest } from '../shared/transport';
import type { EdnaErrorBody } from './types';

export const EDNA_CREDENTIAL = 'ednaChatCenterBearerApi';

export const edna: VendorProfile = {
	name: 'edna Chat Center',
	// edna's errors are undocumented; the service is Spring-based, so read
	// Spring's {status, error, message} and validation {errors[]} shapes, and
	// fall back to a short plain-text body.
	errorMessage(body: unknown): string | undefined {
		if (typeof body === 'string') {
			const text = body.trim();
			return text && !text.startsWith('<') && text.length <= 300 ? text : undefined;
		}
		if (!body || typeof body !== 'object') return undefined;
		const error = body as EdnaErrorBody;
		const fieldErrors = (error.errors ?? [])
			.map((e) => [e.field, e.defaultMessage ?? e.message].filter(Boolean).join(': '))
			.filter(Boolean);
		if (fieldErrors.length) return fieldErrors.join('; ');
		return error.message || error.error || undefined;
	},
	statusHint(status: number, vendorAnswered: boolean): string | undefined {
		if (status === 401)
			return 'The integrator token was rejected or has expired. Log in to edna again (POST /api/auth/login) and paste the new token into the credential.';
		if (status === 403)
			return 'The token belongs to a user without permission to send: it needs the INTEGRATOR, OPERATOR or SUPERVISOR role.';
		if (status === 404 && !vendorAnswered)
			return 'Check the Base URL in the credential: it should be the address of your edna installation, without /api.';
		return undefined;
	},
};

/** A request that passed validation and is ready to go to edna. */
export interface EdnaPrepared {
	baseUrl: string;
	path: string;
	body: IDataObject;
}

/** Reads and checks the Base URL from the node's credential. */
export async function ednaBaseUrl(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	return await credentialBaseUrl(ctx, itemIndex, EDNA_CREDENTIAL, edna.name);
}

/** POSTs one prepared request to edna with the node's credential. */
export async function ednaSend<T>(
	ctx: IExecuteFunctions,
	prepared: EdnaPrepared,
	itemIndex: number,
	timeoutMs?: number,
): Promise<T> {
	return await vendorRequest<T>(ctx, edna, {
		credentialType: EDNA_CREDENTIAL,
		method: 'POST',
		baseUrl: prepared.baseUrl,
		path: prepared.path,
		body: prepared.body,
		itemIndex,
		timeout: timeoutMs,
	});
}
