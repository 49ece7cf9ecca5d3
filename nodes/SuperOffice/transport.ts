import { superOfficeBasicApiTest } from '../../credentials/SuperOfficeBasicApi.credentials';
import { superOfficeBearerApiTest } from '../../credentials/SuperOfficeBearerApi.credentials';
import { superOfficeSoTicketApiTest } from '../../credentials/SuperOfficeSoTicketApi.credentials';
import type { VendorProfile } from '../shared/vendor';
import { plainTextMessage } from '../shared/vendor';
import type { SuperOfficeAuthentication, SuperOfficeErrorBody } from './types';

/** The credential type behind each Authentication choice. */
export const SUPEROFFICE_CREDENTIALS = {
	basic: 'superOfficeBasicApi',
	soTicket: 'superOfficeSoTicketApi',
	bearer: 'superOfficeBearerApi',
	superId: 'superOfficeOAuth2Api',
} as const satisfies Record<SuperOfficeAuthentication, string>;

/**
 * The connection test of each SuperOffice credential the package signs
 * itself. n8n finds a test function only on the nodes that list the
 * credential: each names it (`testedBy`) and hands it over
 * (`methods.credentialTest`). The OAuth2 credential keeps its declarative test.
 */
export const SUPEROFFICE_CREDENTIAL_TESTS = { superOfficeBasicApiTest, superOfficeSoTicketApiTest, superOfficeBearerApiTest };

const UNAUTHORIZED_HINTS: Record<string, string> = {
	[SUPEROFFICE_CREDENTIALS.basic]:
		'SuperOffice did not accept the user name and password. Basic sign-in only works on SuperOffice Onsite; for SuperOffice Online choose SoTicket or Bearer Token as Authentication.',
	[SUPEROFFICE_CREDENTIALS.soTicket]:
		'SuperOffice did not accept the ticket. Tickets expire: paste a new one into the credential. SuperOffice Online also needs the Application Token of your app.',
	[SUPEROFFICE_CREDENTIALS.bearer]:
		'SuperOffice did not accept the access token. Access tokens expire after an hour: get a new one and paste it into the credential.',
	[SUPEROFFICE_CREDENTIALS.superId]:
		'SuperOffice did not accept the access token, even after n8n refreshed it. Check that the Base URL is the tenant you signed in to, and that your user may use the Web API.',
};

/** What the shared transport needs to know about SuperOffice's Web API. */
export const superOffice: VendorProfile = {
	name: 'SuperOffice',
	apiName: 'SuperOffice Web API',
	// Every path starts with /api/v1, so a Base URL pasted with it is cut back.
	baseUrlSuffix: /\/api\/v1$/i,
	// SuperOffice answers {"Error":true,"ErrorType":…,"Message":…,"ErrorSource":…}.
	// ASP.NET's own answers (unknown route, wrong method) carry only
	// {"Message":…}; on a 404 that means a wrong Base URL rather than a
	// missing record, so it does not count as SuperOffice's answer there.
	errorMessage(body: unknown, status: number): string | undefined {
		if (typeof body === 'string') return status !== 404 ? plainTextMessage(body) : undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
		const error = body as SuperOfficeErrorBody;
		const message = typeof error.Message === 'string' ? error.Message.trim() : '';
		if (message === '') return undefined;
		const vendorShaped = error.Error === true || typeof error.ErrorType === 'string';
		return vendorShaped || status !== 404 ? message : undefined;
	},
	statusHint(status, { vendorAnswered, credentialType, target }): string | undefined {
		if (status === 401) return UNAUTHORIZED_HINTS[credentialType];
		if (status === 403)
			return "The SuperOffice user the credential signs in as lacks the rights for this. Check the user's role and chat topic membership in SuperOffice.";
		if (status === 404 && !vendorAnswered)
			return 'Check the Base URL in the credential: copy the address you open SuperOffice at, such as https://online.superoffice.com/Cust12345 or https://crm.example.com/SuperOffice.';
		if (status === 404)
			return target
				? `SuperOffice has no ${target.noun} with this ID, or the signed-in user cannot see it. Check the ${target.field}.`
				: 'SuperOffice has no record at this address, or the signed-in user cannot see it.';
		return undefined;
	},
};
