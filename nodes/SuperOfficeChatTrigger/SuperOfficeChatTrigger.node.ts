import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ICONS } from '../shared/icons';
import { TRIGGER_CREDENTIALS, authenticationField } from '../SuperOfficeTrigger/description';
import { chatSessions, messagesAfter } from './polling';

/**
 * New chat messages by polling, for installations without the webhook
 * licence or without a public HTTPS n8n: the sessions the credential's user
 * is a member of (GET /api/v1/ChatSession/ForCurrentUser,
 * https://github.com/SuperOfficeDocs/superoffice-docs, "GET ChatSession/ForCurrentUser")
 * and each session's messages after the last one seen
 * (GET /api/v1/ChatSession/{id}/Messages?after=). ChatMessageIds only grow,
 * so a cursor per session in the static data is exact: nothing is lost or
 * emitted twice.
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

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const onlyCustomers = this.getNodeParameter('messages', 'customer') !== 'all';
		const wanted = (message: IDataObject) => !onlyCustomers || message.Type === 'ToUser';
		const sessions = await chatSessions(this);
		const staticData = this.getWorkflowStaticData('node');
		const manual = this.getMode() === 'manual';
		const known = staticData.sessions && typeof staticData.sessions === 'object' ? (staticData.sessions as IDataObject) : undefined;
		const cursors: IDataObject = { ...(known ?? {}) };
		const fresh: IDataObject[] = [];
		for (const session of sessions) {
			const id = session.ChatSessionId as number;
			// A session seen for the first time after activation is new: all its messages are.
			const after = typeof cursors[id] === 'number' ? (cursors[id] as number) : 0;
			const messages = await messagesAfter(this, id, after);
			if (messages.length) cursors[id] = Math.max(...messages.map((m) => m.ChatMessageId as number));
			else if (cursors[id] === undefined) cursors[id] = 0;
			// First activation (no cursors yet) starts from now: it only records where each session stands.
			if (known || manual) {
				for (const message of messages.filter(wanted)) {
					fresh.push({
						...message,
						chatSession: { ChatSessionId: id, CustomerName: session.CustomerName, CustomerEmail: session.CustomerEmail, Status: session.Status },
					});
				}
			}
		}
		if (manual) {
			// A test run shows the most recent matching message, so the workflow can be built on it.
			const posted = (m: IDataObject) => Date.parse(String(m.WhenPosted)) || 0;
			const latest = fresh.sort((a, b) => posted(a) - posted(b) || (a.ChatMessageId as number) - (b.ChatMessageId as number)).slice(-1);
			return latest.length ? [latest.map((json) => ({ json }))] : null;
		}
		staticData.sessions = cursors;
		return fresh.length ? [fresh.map((json) => ({ json }))] : null;
	}
}
