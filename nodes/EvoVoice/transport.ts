import type { IExecuteFunctions } from 'n8n-workflow';

import { evoVoiceBasicApiTest } from '../../credentials/EvoVoiceBasicApi.credentials';
import type { Connection, VendorProfile } from '../shared/vendor';
import { connect, plainTextMessage } from '../shared/vendor';
import type { EvoVoiceErrorBody, EvoVoiceFieldError } from './types';

export const EVOVOICE_CREDENTIAL = 'evoVoiceBasicApi';

/**
 * The credential's connection test. n8n finds a test function only on the
 * nodes that list the credential: each names it (`testedBy`) and hands it
 * over (`methods.credentialTest`).
 */
export const EVOVOICE_CREDENTIAL_TEST = { evoVoiceBasicApiTest };

/**
 * ServiceStack names the request DTO's property in `errors[].fieldName`; users
 * know the field by its name in the node's editor.
 */
const FIELD_LABELS: Record<string, string> = {
	accountids: 'Account IDs',
	afterdate: 'After Date',
	body: 'Message',
	conversationids: 'Conversation IDs',
	customerids: 'Customer IDs',
	endpointid: 'Endpoint ID',
	endpointids: 'Endpoint IDs',
	sessionid: 'Session ID',
	toaddress: 'To Address',
};

export const evoVoice: VendorProfile = {
	name: 'EvoVoice',
	apiName: 'EvoVoice API',
	// EvoVoice is a ServiceStack service: errors come as
	// { responseStatus: { errorCode, message, errors: [{ errorCode, fieldName, message }] } }.
	// A validation error's own message only repeats the first field error, so
	// the field errors are preferred, each named as the editor names the field.
	errorMessage(body: unknown): string | undefined {
		if (typeof body === 'string') {
			const text = body.trim();
			// ServiceStack's plain-text answer for a route it does not have: the
			// Base URL has a path EvoVoice does not serve, not a missing record.
			if (/^Handler for Request not found/i.test(text)) return undefined;
			return plainTextMessage(text);
		}
		if (!body || typeof body !== 'object') return undefined;
		const status = (body as EvoVoiceErrorBody).responseStatus;
		if (!status || typeof status !== 'object') return undefined;
		const fieldErrors = (Array.isArray(status.errors) ? status.errors : [])
			.map(describeFieldError)
			.filter((text): text is string => text !== undefined);
		if (fieldErrors.length) return fieldErrors.join('; ');
		return status.message || status.errorCode || undefined;
	},
	statusHint(status, { vendorAnswered }): string | undefined {
		if (status === 401)
			return 'EvoVoice did not accept the email and password in the credential. Use the ones you sign in to EvoVoice with, and check that the Base URL is the EvoVoice site your user belongs to (https://evovoice.io, or https://team.evovoice.io for staging).';
		if (status === 403)
			return 'The EvoVoice user in the credential may not use this session, endpoint or account. Ask an EvoVoice administrator for access, or use a user that belongs to the account.';
		if (status === 404 && vendorAnswered)
			return 'EvoVoice does not know this ID. Check the Session ID or Endpoint ID, for example with Get Many or in the EvoVoice portal.';
		if (status === 404)
			return 'Check the Base URL in the credential: it should be https://evovoice.io (or https://team.evovoice.io for staging), without a path.';
		return undefined;
	},
};

/** One ServiceStack field error as a phrase that names the field as the editor does. */
export function describeFieldError(error: EvoVoiceFieldError | null | undefined): string | undefined {
	if (!error || typeof error !== 'object') return undefined;
	const fieldName = typeof error.fieldName === 'string' ? error.fieldName.trim() : '';
	const raw = (typeof error.message === 'string' && error.message.trim()) || error.errorCode || '';
	let text = raw.trim().replace(/[.\s]+$/, '');
	if (!fieldName) return text || undefined;
	const label = FIELD_LABELS[fieldName.toLowerCase()] ?? splitWords(fieldName);
	// FluentValidation writes the property name into its messages
	// ("'To Address' must not be empty."); show the editor's name instead.
	const names = [fieldName, splitWords(fieldName)].map(escapeRegExp).join('|');
	const quoted = new RegExp(`'(?:${names})'`, 'i');
	text = quoted.test(text) ? text.replace(quoted, label) : text.replace(new RegExp(`\\b(?:${names})\\b`), label);
	if (!text) return `${label} was rejected`;
	return text.toLowerCase().includes(label.toLowerCase()) ? text : `${label}: ${text}`;
}

function splitWords(name: string): string {
	return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/\bId(s?)\b/g, 'ID$1');
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The node's credential and Base URL, checked before anything is sent. */
export async function evoVoiceConnection(ctx: IExecuteFunctions, itemIndex: number): Promise<Connection> {
	return await connect(ctx, itemIndex, evoVoice, EVOVOICE_CREDENTIAL);
}
