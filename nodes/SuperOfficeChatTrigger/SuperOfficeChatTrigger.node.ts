import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SUPEROFFICE_CREDENTIAL_TESTS } from '../SuperOffice/transport';
import { ICONS } from '../shared/icons';
import { TRIGGER_CREDENTIALS, authenticationField } from '../SuperOfficeTrigger/description';
import { chatSessions, isFailure, readSessions, readState, rotation, writeState } from './polling';
import { markSavedStaticData } from '../shared/staticData';

/**
 * New chat messages by polling, for installations without the webhook
 * licence or without a public HTTPS n8n: the sessions the credential's user
 * is a member of (GET /api/v1/ChatSession/ForCurrentUser,
 * https://github.com/SuperOfficeDocs/superoffice-docs, "GET ChatSession/ForCurrentUser")
 * and each session's messages after the last one seen
 * (GET /api/v1/ChatSession/{id}/Messages?after=). ChatMessageIds only grow,
 * so a cursor per session in the static data is exact: nothing is lost or
 * emitted twice (polling.ts, PollState).
 *
 * One poll reads the sessions a few at a time (SESSIONS_IN_FLIGHT) within its
 * budget, starting where the previous poll stopped. A session SuperOffice
 * fails for does not hold up the others: their messages go out and their
 * cursors move, while it keeps its cursor — its messages come with the next
 * poll that reads it — and is reported in n8n's log. Only when every session
 * read failed does the poll fail, so that n8n shows SuperOffice's error.
 */
export class SuperOfficeChatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SuperOffice Chat Polling Trigger',
		name: 'superOfficeChatTrigger',
		icon: ICONS.superOffice,
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["messages"] === "all" ? "Every new chat message" : "New customer chat message"}}',
		description: 'Starts the workflow on new SuperOffice chat messages, by asking SuperOffice at an interval',
		defaults: { name: 'SuperOffice Chat Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: TRIGGER_CREDENTIALS,
		properties: [
			{
				displayName:
					'Use the SuperOffice Trigger instead when your tenant has the webhook licence and n8n has a public HTTPS address: it starts at once, without polling. This one sees the chat sessions the credential\'s user is a member of.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			authenticationField,
			{
				displayName: 'Messages',
				name: 'messages',
				type: 'options',
				options: [
					{ name: 'All Messages', value: 'all', description: 'Customer, agent, bot and system messages' },
					{ name: 'Customer Messages Only', value: 'customer', description: 'Messages customers wrote (type ToUser)' },
				],
				default: 'customer',
				description: 'Which new messages start the workflow',
			},
		],
	};

	methods = { credentialTest: SUPEROFFICE_CREDENTIAL_TESTS };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		markSavedStaticData(this);
		const pollStartedAt = Date.now();
		const onlyCustomers = this.getNodeParameter('messages', 'customer') !== 'all';
		const wanted = (message: IDataObject) => !onlyCustomers || message.Type === 'ToUser';
		const listed = new Map((await chatSessions(this)).map((session) => [session.ChatSessionId as number, session]));
		const staticData = this.getWorkflowStaticData('node');
		const manual = this.getMode() === 'manual';
		const state = readState(staticData);
		// The first poll after activation (no state yet) only records where each session stands.
		const activating = state === undefined && !manual;
		const startOf = (id: number) => (state === undefined ? 0 : (state.sessions[id] ?? state.newSessionsAfter));
		const order = rotation([...listed.keys()], state?.nextSessionId);
		const reads = await readSessions(this, order.map((id) => ({ id, after: startOf(id) })), pollStartedAt);

		const failed = reads.filter(isFailure);
		// SuperOffice failed for every session read: nothing moves, and n8n shows why.
		if (failed.length > 0 && failed.length === reads.length) throw failed[0].error;
		for (const { id, error } of failed) {
			// Reported, not thrown: the other sessions' messages go out now and their cursors move.
			const reason = error instanceof Error ? error.message : String(error);
			this.logger.warn(
				`SuperOffice Chat Polling Trigger "${this.getNode().name}": chat session ${id} was not read in this poll; its new messages come with the next poll that reads it. ${reason}`,
				{ workflowId: this.getWorkflow().id, nodeName: this.getNode().name, chatSessionId: id },
			);
		}

		const byId = new Map(reads.map((read) => [read.id, read]));
		let newest = 0;
		for (const read of reads) if (!isFailure(read)) newest = Math.max(newest, lastId(read.messages) ?? 0);
		const cursors: Record<string, number> = {};
		const fresh: IDataObject[] = [];
		for (const id of [...listed.keys()].sort((a, b) => a - b)) {
			const read = byId.get(id);
			if (read === undefined || isFailure(read)) {
				// Not read (SuperOffice failed for it, or the budget ran out): it keeps its cursor and its
				// messages come with a later poll. One the activation did not read starts after the newest message it read.
				cursors[id] = state === undefined ? newest : startOf(id);
				continue;
			}
			cursors[id] = lastId(read.messages) ?? read.after;
			if (activating) continue;
			const session = listed.get(id) as IDataObject;
			for (const message of read.messages.filter(wanted)) {
				fresh.push({
					...message,
					chatSession: { ChatSessionId: id, CustomerName: session.CustomerName, CustomerEmail: session.CustomerEmail, Status: session.Status },
				});
			}
		}
		if (manual) {
			// A test run shows the most recent matching message, so the workflow can be built on it.
			const posted = (m: IDataObject) => Date.parse(String(m.WhenPosted)) || 0;
			const latest = fresh.sort((a, b) => posted(a) - posted(b) || (a.ChatMessageId as number) - (b.ChatMessageId as number)).slice(-1);
			return latest.length ? [latest.map((json) => ({ json }))] : null;
		}

		// Sessions ForCurrentUser no longer lists are forgotten; one that comes back starts after them.
		let newSessionsAfter = state === undefined ? newest : state.newSessionsAfter;
		for (const [id, cursor] of Object.entries(state?.sessions ?? {})) {
			if (!listed.has(Number(id))) newSessionsAfter = Math.max(newSessionsAfter, cursor);
		}
		writeState(staticData, {
			sessions: cursors,
			newSessionsAfter,
			nextSessionId: reads.length < order.length ? order[reads.length] : undefined,
		});
		return fresh.length ? [fresh.map((json) => ({ json }))] : null;
	}
}

/** The highest ChatMessageId of messages listed oldest first, if any. */
function lastId(messages: IDataObject[]): number | undefined {
	return messages.length ? (messages[messages.length - 1].ChatMessageId as number) : undefined;
}
