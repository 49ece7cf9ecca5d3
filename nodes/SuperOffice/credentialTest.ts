import type { ICredentialTestRequest } from 'n8n-workflow';

/**
 * The connection test of every SuperOffice credential. GET User/currentPrincipal
 * only reads who is signed in, and answers on Online and Onsite alike. The Base
 * URL is the one the user copied: trailing slashes and a pasted /api/v1 are
 * dropped, as the node does.
 */
export function currentPrincipalTest(messages: { 401: string; 403: string; 404: string }): ICredentialTestRequest {
	return {
		request: {
			baseURL:
				'={{String($credentials.baseUrl).trim().replace(/\\/+$/, "").replace(/\\/api\\/v1$/i, "").replace(/\\/+$/, "")}}',
			url: '/api/v1/User/currentPrincipal',
			method: 'GET',
			json: true,
		},
		rules: ([401, 403, 404] as const).map((value) => ({
			type: 'responseCode' as const,
			properties: { value, message: messages[value] },
		})),
	};
}
