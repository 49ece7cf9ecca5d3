import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../shared/answers';
import { plain } from '../shared/simplify';

/** SuperOffice's empty date ("0001-01-01T00:00:00") means "not yet". */
function when(value: unknown): string | null {
	return typeof value === 'string' && !value.startsWith('0001-01-01') ? value : null;
}

/** A chat message as who, when, direction and text. ToUser is the customer writing to you. */
export function simpleChatMessage(m: IDataObject): IDataObject {
	const direction = m.Type === 'ToCustomer' ? 'outgoing' : m.Type === 'ToUser' ? 'incoming' : 'system';
	return {
		id: plain(m.ChatMessageId),
		chatSessionId: plain(m.ChatSessionId),
		who: plain(m.Author),
		when: when(m.WhenPosted),
		direction,
		text: plain(m.Message),
	};
}

/** A chat session as who is asking, its status, the agent, and when it was last active. */
export function simpleChatSession(s: IDataObject): IDataObject {
	const user = isRecord(s.User) ? s.User : undefined;
	return {
		id: plain(s.ChatSessionId),
		topicId: plain(s.TopicId),
		customer: plain(s.CustomerName) || plain(s.CustomerAlias) || null,
		customerEmail: plain(s.CustomerEmail) || null,
		status: plain(s.Status),
		agent: user ? (plain(user.FullName) ?? plain(user.Name)) : null,
		requested: when(s.WhenRequested),
		lastActive: when(s.WhenIdle),
		lastMessage: plain(s.LastMessage),
	};
}

export function simpleChatTopic(t: IDataObject): IDataObject {
	return { id: plain(t.ChatTopicId), name: plain(t.Name), description: plain(t.Description) };
}
