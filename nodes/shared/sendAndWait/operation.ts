import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { deliveryOf, inputError } from '../errors';
import type { Send } from '../items';
import type { Operation } from '../operation';
import { defineOperation } from '../operation';
import { readRequestOptions } from '../options';
import { expectChatAnswer } from './chat';
import { sendAndWaitFields } from './fields';
import type { ReadParameter } from './form';
import { readFormFields } from './form';
import type { Question } from './question';
import { readQuestion, readWaitTill } from './question';

/** What a vendor's question send hands back: the vendor's answer, and the conversation the question went to. */
export interface Sent {
	answer: IDataObject;
	/** The conversation (vendor and ID) in which the customer may answer in the chat; see chat.ts. */
	conversation?: string;
}

/** Checks where item `itemIndex`'s question goes and returns the request that sends it. */
export type PrepareQuestion = (ctx: IExecuteFunctions, itemIndex: number, question: Question) => Promise<(timeoutMs: number) => Promise<Sent>>;

export interface SendAndWaitSpec<R extends string> {
	resource: R;
	/** The operation's description in the Operation list. */
	description: string;
	/** Where the question goes (the vendor's fields). */
	target: INodeProperties[];
	/** The vendor's fields about answers in the chat, shown before Options. */
	chat?: INodeProperties[];
	prepareQuestion: PrepareQuestion;
}

/**
 * Send and Wait for Response of one vendor: n8n's operation value
 * (`sendAndWait`, which is what makes n8n check the links' signatures),
 * name and action, the shared fields, and an execute() that does what n8n's
 * nodes do (Slack V2, Telegram, WhatsApp in n8n-nodes-base 2.41.1): send one
 * question with the first item's fields, put the execution to wait until the
 * Limit Wait Time (or for ever), and put out the input items — which is what
 * the node outputs when the time limit ends the wait; an answer replaces
 * them (n8n resumes the node disabled, so it passes on what its webhook
 * produced).
 */
export function defineSendAndWait<const R extends string>(spec: SendAndWaitSpec<R>): Operation<R, typeof SEND_AND_WAIT_OPERATION> {
	/** Checks item `itemIndex` (message, form, target) and returns the request that sends its question. */
	const questionSend = async (ctx: IExecuteFunctions, itemIndex: number) => {
		const read: ReadParameter = (name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback as string);
		const question = readQuestion(ctx, itemIndex);
		if (question.responseType === 'customForm') {
			// The form is only built when the customer opens the link: a form that cannot be built fails here, before anything is sent.
			const form = readFormFields(read);
			if ('error' in form) throw inputError(ctx.getNode(), itemIndex, form.error);
		}
		return { question, send: await spec.prepareQuestion(ctx, itemIndex, question) };
	};
	const prepare = async (ctx: IExecuteFunctions, itemIndex: number): Promise<Send> => {
		const { send } = await questionSend(ctx, itemIndex);
		return async (timeoutMs) => (await send(timeoutMs)).answer;
	};
	return defineOperation({
		resource: spec.resource,
		operation: SEND_AND_WAIT_OPERATION,
		name: 'Send and Wait for Response',
		description: spec.description,
		action: 'Send message and wait for response',
		fields: sendAndWaitFields(spec.target, spec.chat),
		prepare,

		async execute(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			let sent: Sent;
			let waitTill: Date;
			let question: Question;
			try {
				waitTill = readWaitTill(ctx);
				const ready = await questionSend(ctx, 0);
				question = ready.question;
				sent = await ready.send(readRequestOptions(ctx).timeoutMs);
			} catch (error) {
				if (!ctx.continueOnFail()) throw asNodeError(ctx, error);
				const message = error instanceof Error ? error.message : String(error);
				return [[{ json: { error: message, details: { delivery: deliveryOf(error) } }, pairedItem: { item: 0 } }]];
			}
			expectChatAnswer(ctx, question, sent.conversation, waitTill);
			await ctx.putExecutionToWait(waitTill);
			return [ctx.getInputData()];
		},
	});
}

/** n8n's own errors (NodeApiError, NodeOperationError) as they are; anything else wrapped in one. */
function asNodeError(ctx: IExecuteFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error));
}
