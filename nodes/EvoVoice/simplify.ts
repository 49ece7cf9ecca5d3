import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../shared/answers';
import { plain } from '../shared/simplify';

/** A MessageInfo as who, when, direction and text: the customer is `otherAddress` either way. */
export function simpleMessage(m: IDataObject): IDataObject {
	return {
		id: plain(m.id),
		who: plain(m.otherAddress),
		endpoint: plain(m.endpointDisplayName),
		when: plain(m.date),
		direction: typeof m.direction === 'string' ? m.direction.toLowerCase() : null,
		text: plain(m.text),
	};
}

/** A ConversationInfo with its most recent message flattened. */
export function simpleConversation(c: IDataObject): IDataObject {
	const last = isRecord(c.mostRecentMessage) ? simpleMessage(c.mostRecentMessage) : undefined;
	return {
		id: plain(c.id),
		endpointId: plain(c.endpointId),
		who: plain(c.otherAddress),
		when: last?.when ?? null,
		direction: last?.direction ?? null,
		text: last?.text ?? null,
	};
}

/** A SessionInfo as its channel, the two parties, when it started and whether it ended. */
export function simpleSession(s: IDataObject): IDataObject {
	return {
		id: plain(s.id),
		channel: plain(s.channel),
		from: plain(s.fromAddress),
		to: plain(s.toAddress),
		endpoint: plain(s.endpointName),
		when: plain(s.dateCreated),
		ended: plain(s.ended),
	};
}

export function simpleEndpoint(e: IDataObject): IDataObject {
	return { id: plain(e.id), name: plain(e.displayName), type: plain(e.type), phoneNumber: plain(e.phoneNumber) };
}
