import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { expectList } from '../shared/answers';
import { vendorRequest } from '../shared/transport';
import { triggerConnection } from '../SuperOfficeTrigger/registration';

export { messagesAfter } from '../SuperOfficeTrigger/messages';

/** The chat sessions the credential's user is a member of. */
export async function chatSessions(ctx: IPollFunctions): Promise<IDataObject[]> {
	const connection = await triggerConnection(ctx);
	const answer = await vendorRequest(ctx, connection, { method: 'GET', path: '/api/v1/ChatSession/ForCurrentUser', itemIndex: 0 });
	return expectList(ctx, connection, 0, answer, 'the chat sessions').filter((s) => typeof s.ChatSessionId === 'number');
}
