import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

import { inputError } from '../errors';
import { asText } from '../validation';
import type { ReadParameter } from './form';

export type ResponseType = 'approval' | 'freeText' | 'customForm';

/** One way to answer: what the customer reads, and the signed address that records it. */
export interface AnswerLink {
	label: string;
	url: string;
	approved: boolean;
}

/** The question as it goes to the customer. */
export interface Question {
	responseType: ResponseType;
	/** The Message field as typed (trimmed). */
	message: string;
	/** The answers in the order n8n lists them (Decline before Approve). */
	links: AnswerLink[];
	/** The whole text to send: the message, each link under its label, the attribution. */
	text: string;
}

export function readResponseType(read: ReadParameter): ResponseType {
	const value = read('responseType', 'approval');
	return value === 'freeText' || value === 'customForm' ? value : 'approval';
}

/** The labels of an approval, with n8n's fallbacks for labels left empty. */
export function approvalLabels(read: ReadParameter): { double: boolean; approve: string; disapprove: string } {
	const values = (read('approvalOptions.values', {}) ?? {}) as IDataObject;
	const label = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback);
	return {
		double: values.approvalType === 'double',
		approve: label(values.approveLabel, '✓ Approve'),
		disapprove: label(values.disapproveLabel, '✗ Decline'),
	};
}

/** Whether the user left "Append n8n Attribution" on (n8n's default). */
export function wantsAttribution(read: ReadParameter): boolean {
	const options = (read('options', {}) ?? {}) as IDataObject;
	return options.appendAttribution !== false;
}

/**
 * The question for one item, with n8n's links (getSendAndWaitConfig in
 * n8n-nodes-base utils/sendAndWait/utils.js): Free Text and Custom Form get
 * one link to the form, Approval one per answer; each is the execution's
 * resume address for this node, signed by n8n (getSignedResumeUrl), so that
 * n8n refuses it changed or without its signature. The text puts each link
 * on a line of its own under its label, as n8n's WhatsApp node does for a
 * channel without buttons.
 */
export function readQuestion(ctx: IExecuteFunctions, itemIndex: number): Question {
	const read: ReadParameter = (name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback as string);
	const message = asText(read('message', '')).trim();
	if (message === '') throw inputError(ctx.getNode(), itemIndex, 'Message is empty: give the question to send.');
	const responseType = readResponseType(read);
	const approved = { label: '', url: ctx.getSignedResumeUrl({ approved: 'true' }), approved: true };
	let links: AnswerLink[];
	if (responseType === 'approval') {
		const labels = approvalLabels(read);
		links = [{ ...approved, label: labels.approve }];
		if (labels.double) links.unshift({ label: labels.disapprove, url: ctx.getSignedResumeUrl({ approved: 'false' }), approved: false });
	} else {
		const label = asText(read('options.messageButtonLabel', 'Respond')).trim() || 'Respond';
		links = [{ ...approved, label }];
	}
	const parts = [message, links.map((link) => `${link.label}:\n${link.url}`).join('\n\n')];
	if (wantsAttribution(read)) {
		const campaign = `${encodeURIComponent(ctx.getNode().type)}_${ctx.getInstanceId()}`;
		parts.push(`This message was sent automatically with n8n\nhttps://n8n.io/?utm_source=n8n-internal&utm_medium=powered_by&utm_campaign=${campaign}`);
	}
	return { responseType, message, links, text: parts.join('\n\n') };
}

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/**
 * When the wait ends without an answer: n8n's configureWaitTillDate
 * (utils/sendAndWait/configureWaitTillDate.util.js), from Options → Limit
 * Wait Time; without it, never (n8n's WAIT_INDEFINITELY).
 */
export function readWaitTill(ctx: IExecuteFunctions, now = Date.now()): Date {
	const limit = (ctx.getNodeParameter('options.limitWaitTime.values', 0, {}) ?? {}) as IDataObject;
	if (!Object.keys(limit).length) return WAIT_INDEFINITELY;
	let waitTill: Date;
	if (limit.limitType === 'atSpecifiedTime') {
		waitTill = new Date(String(limit.maxDateAndTime ?? ''));
	} else {
		const amount = Number(limit.resumeAmount ?? 1);
		waitTill = new Date(now + amount * (UNIT_MS[String(limit.resumeUnit ?? 'hours')] ?? Number.NaN));
	}
	if (Number.isNaN(waitTill.getTime())) {
		throw new NodeOperationError(ctx.getNode(), 'Could not configure Limit Wait Time', {
			description: 'Limit Wait Time needs an amount and a unit, or a date and time such as 2025-06-01T10:00:00.',
		});
	}
	return waitTill;
}
