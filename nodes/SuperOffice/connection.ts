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
		`Authentication "${value}" is not one the SuperOffice node knows. Choose Basic Auth, SoTicket, Bearer Token or OAuth2 With SuperID.`,
	);
}

/**
 * The credential chosen by Authentication, its Base URL, and the language,
 * culture and time-zone headers from the node's options, for one item.
 * Reads the credential but sends nothing.
 */
export async function superOfficeConnection(ctx: IExecuteFunctions, itemIndex: number): Promise<Connection> {
	const authentication = readAuthentication(ctx);
	const connection = await connect(ctx, itemIndex, superOffice, SUPEROFFICE_CREDENTIALS[authentication], readHeaderOptions(ctx, itemIndex));
	// n8n refreshes an OAuth2 access token itself when a request throws 401 (nodes/shared/renewal.ts).
	return authentication === 'superId' ? { ...connection, renewal: { kind: 'oauth2' } } : connection;
}
