import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import { asTrimmedString, shownValue } from '../shared/validation';

/**
 * Node options for the request headers SuperOffice honours (docs.superoffice.com,
 * WebAPI "Headers" page): the language texts come back in, number and date
 * formatting, and the time zone dates are converted to. The language goes out
 * as both Accept-Language and SO-Language, since SuperOffice lets SO-Language
 * override Accept-Language and a browser-style default must not win.
 */
export const headerOptionFields: INodeProperties[] = [
	{
		displayName: 'Culture',
		name: 'culture',
		type: 'string',
		default: '',
		placeholder: 'sv',
		description:
			'Culture for numbers and dates written as text, such as sv or nb-NO (sent as SO-Culture). Only used together with Language.',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'en',
		description:
			'Language SuperOffice translates list values and texts into, such as en, de or nb-NO (sent as Accept-Language and SO-Language). Leave empty for untranslated values.',
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'NO',
		description:
			'SuperOffice time zone code or ID that dates in the answer are converted to, such as NO, US-NY or 261 (sent as SO-TimeZone). Add ", includeTZOffset" to get dates with their offset.',
	},
];

// Language tags (en, nb-NO), or * / x, which SuperOffice reads as "do not translate".
const LANGUAGE = /^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$/;
// A code (NO, US-NY) or numeric ID, optionally followed by ", includeTZOffset".
const TIME_ZONE = /^[A-Za-z0-9_+-]{1,40}(\s*,\s*includeTZOffset)?$/i;

/** Reads and checks the header options for one item; returns the headers to send. */
export function readHeaderOptions(ctx: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const node = ctx.getNode();
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const headers: Record<string, string> = {};

	const language = asTrimmedString(options.language);
	if (language !== '') {
		if (!LANGUAGE.test(language)) {
			throw inputError(node, itemIndex, `Language must be a language code such as en, de or nb-NO, not "${shownValue(language)}".`);
		}
		headers['Accept-Language'] = language;
		headers['SO-Language'] = language;
	}

	const culture = asTrimmedString(options.culture);
	if (culture !== '') {
		if (!LANGUAGE.test(culture) || culture === '*') {
			throw inputError(node, itemIndex, `Culture must be a culture code such as sv or nb-NO, not "${shownValue(culture)}".`);
		}
		headers['SO-Culture'] = culture;
	}

	const timeZone = asTrimmedString(options.timeZone);
	if (timeZone !== '') {
		if (!TIME_ZONE.test(timeZone)) {
			throw inputError(
				node,
				itemIndex,
				`Time Zone must be a SuperOffice time zone code or ID such as NO, US-NY or 261, not "${shownValue(timeZone)}".`,
			);
		}
		headers['SO-TimeZone'] = timeZone;
	}
	return headers;
}
