import type { IDataObject } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import { vendorRequest } from '../../../shared/transport';
import { asTrimmedString, readWholeNumber, shownValue } from '../../../shared/validation';
import { contentFields, readContent } from '../../content';
import { ednaConnection } from '../../transport';

/**
 * POST /api/v1/chatbot: the chatbot's answer to a MESSAGE webhook
 * (https://docs.edna.ru/kb/otpravka-otvetov-bota/, "Sending bot answers";
 * https://docs.edna.io/kb/chatbot-capabilities). The answer is tied to the
 * client's question by questionId, by threadsClientId, or by sessionId and
 * questionIndex. The docs do not say which token the endpoint takes: the
 * node sends the integrator token of the edna credential, as for every other
 * edna call.
 */
export const replyAsChatbot = defineOperation({
	resource: 'message',
	operation: 'replyAsChatbot',
	name: 'Reply as Chatbot',
	description: 'Answer a message a client wrote to your chatbot (Bot Connect), e.g. from the edna Chat Center Trigger',
	action: 'Reply to a client as the chatbot',
	fields: [
		{
			displayName: 'Reply To',
			name: 'replyTo',
			type: 'options',
			options: [
				{
					name: 'Client (Internal Client ID)',
					value: 'threadsClientId',
					description: "The client's current thread, by edna's client ID (threadsClientId)",
				},
				{
					name: 'Question (Question ID)',
					value: 'questionId',
					description: 'The client message the trigger received (questionId)',
				},
				{
					name: 'Thread and Message Index',
					value: 'session',
					description: 'The thread (sessionId) and the index of the message in it (questionIndex); needed for EMAIL',
				},
			],
			default: 'questionId',
			description: 'What the answer belongs to; the edna Chat Center Trigger outputs all three',
		},
		{
			displayName: 'Question ID',
			name: 'questionId',
			type: 'string',
			default: '={{ $json.questionId }}',
			required: true,
			displayOptions: { show: { replyTo: ['questionId'] } },
			description: "The ID edna gave the client message to answer (questionId)",
		},
		{
			displayName: 'Internal Client ID',
			name: 'threadsClientId',
			type: 'string',
			default: '={{ $json.threadsClientId }}',
			required: true,
			displayOptions: { show: { replyTo: ['threadsClientId'] } },
			description: "The numeric ID edna gave the client (threadsClientId)",
		},
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			default: '={{ $json.sessionId }}',
			required: true,
			displayOptions: { show: { replyTo: ['session'] } },
			description: 'The ID edna gave the thread (sessionId)',
		},
		{
			displayName: 'Question Index',
			name: 'questionIndex',
			type: 'string',
			default: '={{ $json.questionIndex }}',
			required: true,
			displayOptions: { show: { replyTo: ['session'] } },
			description: 'Index of the client message in the thread (questionIndex)',
		},
		...contentFields(),
	],

	async prepare(ctx, itemIndex) {
		const node = ctx.getNode();
		const replyTo = asTrimmedString(ctx.getNodeParameter('replyTo', itemIndex, 'questionId'));
		const number = (field: string, label: string): number => {
			const raw = ctx.getNodeParameter(field, itemIndex, '');
			if (asTrimmedString(raw) === '') throw inputError(node, itemIndex, `${label} is empty: give the ${label} the trigger received.`);
			const value = readWholeNumber(raw, 0);
			if (value === undefined) throw inputError(node, itemIndex, `${label} must be a whole number, not "${shownValue(raw)}".`);
			return value;
		};
		let target: IDataObject;
		if (replyTo === 'threadsClientId') target = { threadsClientId: number('threadsClientId', 'Internal Client ID') };
		else if (replyTo === 'session') {
			const sessionId = asTrimmedString(ctx.getNodeParameter('sessionId', itemIndex, ''));
			if (sessionId === '') throw inputError(node, itemIndex, 'Session ID is empty: give the Session ID the trigger received.');
			target = { sessionId, questionIndex: number('questionIndex', 'Question Index') };
		} else target = { questionId: number('questionId', 'Question ID') };

		const { text, attachments } = readContent(ctx, itemIndex);
		const body: IDataObject = {
			...target,
			...(text !== undefined ? { text } : {}),
			...(attachments.length ? { attachments } : {}),
			receivedAt: new Date().toISOString(),
		};
		const connection = await ednaConnection(ctx, itemIndex);
		return async (timeoutMs) =>
			await vendorRequest<IDataObject>(ctx, connection, { method: 'POST', path: '/api/v1/chatbot', body, itemIndex, timeoutMs });
	},
});
