import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locatorField, readLocator } from '../shared/listSearch';
import { asTrimmedString } from '../shared/validation';

/** EvoVoice IDs are opaque strings; the editor only refuses blanks and path tricks (see pathSegment). */
const ID_PATTERN = '^(?!\\.{1,2}$)\\S+$';

export function endpointIdField(description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return locatorField({
		displayName: 'Endpoint ID',
		name: 'endpointId',
		description,
		displayOptions,
		searchListMethod: 'searchEndpoints',
		idPlaceholder: 'ep-1234',
		idPattern: ID_PATTERN,
		idError: 'An endpoint ID has no spaces, such as ep-1234',
	});
}

export function sessionIdField(description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return locatorField({
		displayName: 'Session ID',
		name: 'sessionId',
		description,
		displayOptions,
		searchListMethod: 'searchSessions',
		idPlaceholder: 'ses-1234',
		idPattern: ID_PATTERN,
		idError: 'A session ID has no spaces, such as ses-1234',
	});
}

/** The ID a locator holds (From List, By ID, or plain text saved before the picker), trimmed. */
export function readIdText(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	return asTrimmedString(readLocator(ctx, name, itemIndex));
}
