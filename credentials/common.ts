import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/**
 * The Base URL as the credential's connection test uses it: trimmed, without
 * trailing slashes and, with `dropApiPath`, without a pasted /api/v1 — the
 * same normalisation the nodes apply (nodes/shared/baseUrl.ts), written as an
 * n8n expression because the test request is declarative.
 */
export function baseUrlExpression({ dropApiPath = false } = {}): string {
	const trimmed = 'String($credentials.baseUrl).trim().replace(/\\/+$/, "")';
	return dropApiPath ? `={{${trimmed}.replace(/\\/api\\/v1$/i, "").replace(/\\/+$/, "")}}` : `={{${trimmed}}}`;
}

/**
 * An `Authorization: Bearer …` header from the credential field `field`. Vendors
 * show tokens already prefixed with "Bearer " (edna's login answer does), so a
 * pasted prefix is dropped rather than sent as "Bearer Bearer …".
 */
export function bearerHeader(field: string): string {
	return `={{"Bearer " + String($credentials.${field}).trim().replace(/^Bearer\\s+/i, "")}}`;
}

/**
 * The connection test of every SuperOffice credential. GET User/currentPrincipal
 * only reads who is signed in, and answers on Online and Onsite alike.
 */
export function superOfficeCurrentPrincipalTest(messages: { 401: string; 403: string; 404: string }): ICredentialTestRequest {
	return {
		request: {
			baseURL: baseUrlExpression({ dropApiPath: true }),
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

/**
 * The Base URL field of a SuperOffice credential: the address users open
 * SuperOffice at (`where` says which). The node adds /api/v1 itself.
 */
export function superOfficeBaseUrlProperty(placeholder: string, where: string): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		placeholder,
		required: true,
		description: `Address of your SuperOffice ${where}. The node adds /api/v1 itself; a pasted /api/v1 is ignored.`,
	};
}
