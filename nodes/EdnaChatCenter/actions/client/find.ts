import { expectList } from '../../../shared/answers';
import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { shownValue } from '../../../shared/validation';
import { ednaConnection } from '../../transport';

/** The most values one request carries; edna documents no limit, this keeps a request reasonable. */
export const MAX_LOOKUPS = 100;

/**
 * POST /api/v1/clients/short-info with `phones` or `externalIds`: edna's
 * client ID, external ID, phone and whether an active thread is open
 * (https://docs.edna.io/kb/get-short-client-information-by-phone-numbers-or-external-client-ids).
 * It is a POST that only reads.
 */
export const find = defineOperation({
	resource: 'client',
	operation: 'find',
	name: 'Find',
	description: "Find clients by phone numbers or your system's client IDs, with edna's client ID and whether a thread is open",
	action: 'Find clients',
	fields: [
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			options: [
				{ name: 'External Client IDs', value: 'externalIds', description: "Your system's IDs for the clients (clientId)" },
				{ name: 'Phone Numbers', value: 'phones', description: 'The clients’ phone numbers' },
			],
			default: 'phones',
			description: 'What you know about the clients',
		},
		{
			displayName: 'Values',
			name: 'values',
			type: 'string',
			default: '',
			required: true,
			placeholder: '79000000000, 79000000001',
			description:
				'Phone numbers or external client IDs to look up, separated by commas or given as a list from an expression. Phone numbers are sent as digits only, as edna stores them (79000000000).',
		},
	],

	async prepare(ctx, itemIndex) {
		const node = ctx.getNode();
		const findBy = ctx.getNodeParameter('findBy', itemIndex, 'phones');
		if (findBy !== 'phones' && findBy !== 'externalIds') {
			throw inputError(node, itemIndex, `Find By must be "phones" or "externalIds", not "${shownValue(findBy)}".`);
		}
		const raw = ctx.getNodeParameter('values', itemIndex, '');
		const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) =>
			typeof v === 'string' || typeof v === 'number' ? String(v).split(',') : [],
		);
		let values = parts.map((v) => v.trim()).filter((v) => v !== '');
		if (findBy === 'phones') {
			const bad = values.find((v) => !/^\+?[\d\s().-]{5,}$/.test(v));
			if (bad !== undefined) throw inputError(node, itemIndex, `Values: "${shownValue(bad)}" is not a phone number.`);
			values = values.map((v) => v.replace(/\D/g, ''));
		}
		values = [...new Set(values)];
		if (values.length === 0) throw inputError(node, itemIndex, 'Values is empty: give at least one phone number or external client ID.');
		if (values.length > MAX_LOOKUPS) {
			throw inputError(node, itemIndex, `Values has ${values.length} entries; give at most ${MAX_LOOKUPS} per item.`);
		}
		const body = findBy === 'phones' ? { phones: values, externalIds: null } : { phones: null, externalIds: values };
		const connection = await ednaConnection(ctx, itemIndex);
		return async (timeoutMs) => {
			const answer = await vendorRequest(ctx, connection, {
				method: 'POST',
				path: '/api/v1/clients/short-info',
				body,
				readOnly: true,
				itemIndex,
				timeoutMs,
			});
			return expectList(ctx, connection, itemIndex, answer, 'a list of clients');
		};
	},
});
