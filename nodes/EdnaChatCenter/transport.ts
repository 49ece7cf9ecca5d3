import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ednaChatCenterBearerApiTest } from '../../credentials/EdnaChatCenterBearerApi.credentials';
import { ednaChatCenterLoginApiTest } from '../../credentials/EdnaChatCenterLoginApi.credentials';
import { vendorRequest } from '../shared/transport';
import type { Connection, VendorProfile } from '../shared/vendor';
import { connect, plainTextMessage } from '../shared/vendor';
import type { EdnaErrorBody } from './types';

/** The credential type behind each Authentication choice. */
export const EDNA_CREDENTIALS = {
	token: 'ednaChatCenterBearerApi',
	login: 'ednaChatCenterLoginApi',
} as const;

/**
 * The connection test of each edna credential. n8n finds a test function
 * only on the nodes that list the credential: each names it (`testedBy`) and
 * hands it over (`methods.credentialTest`).
 */
export const EDNA_CREDENTIAL_TESTS = { ednaChatCenterBearerApiTest, ednaChatCenterLoginApiTest };

export const edna: VendorProfile = {
	name: 'edna Chat Center',
	apiName: 'edna Chat Center API',
	// edna's errors are undocumented; the service is Spring-based, so read
	// Spring's {status, error, message} and validation {errors[]} shapes, and
	// fall back to a short plain-text body.
	errorMessage(body: unknown): string | undefined {
		if (typeof body === 'string') return plainTextMessage(body);
		if (!body || typeof body !== 'object') return undefined;
		const error = body as EdnaErrorBody;
		const fieldErrors = (error.errors ?? [])
			.map((e) => [e.field, e.defaultMessage ?? e.message].filter(Boolean).join(': '))
			.filter(Boolean);
		if (fieldErrors.length) return fieldErrors.join('; ');
		return error.message || error.error || undefined;
	},
	statusHint(status, { vendorAnswered, credentialType }): string | undefined {
		// After a login that worked (see afterUnauthorized in nodes/shared/renewal.ts).
		if (status === 401 && credentialType === EDNA_CREDENTIALS.login)
			return 'check that the user may use the API (INTEGRATOR, OPERATOR or SUPERVISOR role).';
		if (status === 401)
			return 'The integrator token was rejected or has expired. Log in to edna again (POST /api/auth/login) and paste the new token into the credential.';
		if (status === 403)
			return 'The token belongs to a user without permission to send: it needs the INTEGRATOR, OPERATOR or SUPERVISOR role.';
		if (status === 404 && !vendorAnswered)
			return 'Check the Base URL in the credential: it should be the address of your edna installation, without /api.';
		return undefined;
	},
};

/**
 * The node's credential (by its Authentication choice; workflows saved before
 * there was a choice have none and keep the pasted token) and Base URL,
 * checked before anything is sent.
 */
export async function ednaConnection(ctx: IExecuteFunctions, itemIndex: number): Promise<Connection> {
	const authentication = String(ctx.getNodeParameter('authentication', 0, 'token'));
	if (authentication === 'login') {
		const connection = await connect(ctx, itemIndex, edna, EDNA_CREDENTIALS.login);
		return { ...connection, renewal: { kind: 'expirable', field: 'sessionToken' } };
	}
	return await connect(ctx, itemIndex, edna, EDNA_CREDENTIALS.token);
}

/** A checked message, ready to be POSTed to `path`: what an edna send operation's prepare returns. */
export async function ednaPost<T extends IDataObject>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path: string,
	body: IDataObject,
): Promise<(timeoutMs: number) => Promise<T>> {
	const connection = await ednaConnection(ctx, itemIndex);
	return async (timeoutMs) => await vendorRequest<T>(ctx, connection, { method: 'POST', path, body, itemIndex, timeoutMs });
}
