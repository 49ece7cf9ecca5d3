import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Connection } from '../shared/vendor';
import { connect } from '../shared/vendor';
import { readHeaderOptions } from './headers';
import { SUPEROFFICE_CREDENTIALS, superOffice } from './transport';
import type { SuperOfficeAuthentication } from './types';

/** The node's Authentication choice. */
export function readAuthentication(ctx: IExecuteFunctions): SuperOfficeAuthentication {
	const value = String(ctx.getNodeParameter('authentication', 0));
	const known = Object.keys(SUPEROFFICE_CREDENTIALS).find((key): key is SuperOfficeAuthentication => key === value);
	if (known) return known;
	throw new NodeOperationError(
		ctx.getNode(),
		`Authentication "${value}" is not one the SuperOffice node knows. Choose Basic Auth, SoTicket or Bearer Token.`,
	);
}

/**
 * The credential chosen by Authentication, its Base URL, and the language,
 * culture and time-zone headers from the node's options, for one item.
 * Reads the credential but sends nothing.
 */
export async function superOfficeConnection(ctx: IExecuteFunctions, itemIndex: number): Promise<Connection> {
	const credentialType = SUPEROFFICE_CREDENTIALS[readAuthentication(ctx)];
	return await connect(ctx, itemIndex, superOffice, credentialType, readHeaderOptions(ctx, itemIndex));
}
