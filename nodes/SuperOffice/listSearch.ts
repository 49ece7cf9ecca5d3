import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { isRecord } from '../shared/answers';
import { listRequest, pageOfEntries } from '../shared/listSearch';
import { SUPEROFFICE_CREDENTIALS, superOffice } from './transport';

function credentialType(ctx: ILoadOptionsFunctions): string {
	const chosen = String(ctx.getNodeParameter('authentication', 'soTicket'));
	return Object.entries(SUPEROFFICE_CREDENTIALS).find(([key]) => key === chosen)?.[1] ?? SUPEROFFICE_CREDENTIALS.soTicket;
}

async function listOf(ctx: ILoadOptionsFunctions, path: string, noun: string): Promise<unknown[]> {
	const type = credentialType(ctx);
	// An OAuth2 access token is refreshed by n8n when SuperOffice answers 401, as for the node's requests.
	const renewal = type === SUPEROFFICE_CREDENTIALS.superId ? ({ kind: 'oauth2' } as const) : undefined;
	const answer = await listRequest(ctx, { vendor: superOffice, credentialType: type, path, noun, renewal });
	return Array.isArray(answer) ? answer.filter(isRecord) : [];
}

/** The user's chat sessions (ChatSession/ForCurrentUser), newest first, searchable by customer, status or ID. */
export async function searchChatSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const sessions = await listOf(this, '/api/v1/ChatSession/ForCurrentUser', 'chat sessions');
	const entries = sessions.filter(isRecord).map((s): INodeListSearchItems => {
		const customer = [s.CustomerName, s.CustomerAlias, s.CustomerEmail].find((v) => typeof v === 'string' && v !== '');
		return {
			name: `${String(customer ?? 'Unknown customer')} · ${String(s.Status ?? '')} · #${String(s.ChatSessionId)}`,
			value: String(s.ChatSessionId),
		};
	});
	entries.sort((a, b) => Number(b.value) - Number(a.value));
	return pageOfEntries(entries, filter, paginationToken);
}

/** The chat topics the user is a member of (ChatTopic/ForCurrentUser), searchable by name or ID. */
export async function searchChatTopics(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const topics = await listOf(this, '/api/v1/ChatTopic/ForCurrentUser', 'chat topics');
	const entries = topics
		.filter(isRecord)
		.map((t): INodeListSearchItems => ({ name: String(t.Name ?? `Topic ${String(t.ChatTopicId)}`), value: String(t.ChatTopicId) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return pageOfEntries(entries, filter, paginationToken);
}
