import type { IDataObject, INodeProperties, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import { chatAnswerWebhook } from './chat';
import type { FormField, ReadParameter } from './form';
import { readFormAnswer, readFormFields } from './form';
import { approvalPage, formPage, page } from './page';
import { approvalLabels, readResponseType, wantsAttribution } from './question';
import { answerPage, resume } from './resume';

/**
 * n8n's webhooks of Send and Wait (utils/sendAndWait/descriptions.js
 * sendAndWaitWebhooksDescription), as they are: a GET and a POST at the node's
 * ID under the execution's resume address, which n8n serves only while the
 * execution waits (restartWebhook). n8n checks the link's signature before
 * the node sees the request, for nodes whose Operation is `sendAndWait`
 * (waiting-webhooks.js isSendAndWaitRequest, validateSignature).
 */
export const SEND_AND_WAIT_WEBHOOKS: IWebhookDescription[] = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

/** The tooltip n8n shows on a waiting node (n8n's SEND_AND_WAIT_WAITING_TOOLTIP). */
export const SEND_AND_WAIT_TOOLTIP = "={{ $parameter.operation === 'sendAndWait' ? 'Execution will continue after the customer’s response' : '' }}";

/** n8n's Free Text form: one required text area, answered as `field-0`. */
const FREE_TEXT_FIELD: FormField = { fieldLabel: 'Response', fieldType: 'textarea', requiredField: true };

/** What a form sent: n8n puts a multipart form's fields in `data`, a URL-encoded one's in the body itself. */
function formBody(ctx: IWebhookFunctions): IDataObject {
	const body = ctx.getBodyData();
	return body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as IDataObject) : body;
}

/**
 * The webhook() of every Send and Wait node. A GET shows the page of the link
 * (the approval buttons, or the form); a POST from that page records the
 * answer and resumes the execution with it, in n8n's output shape:
 * `{ data: { approved, respondedAt } }`, `{ data: { text, respondedAt } }`,
 * `{ data: { <field>: <value>, …, respondedAt } }`. A POST from the
 * vendor's trigger with a message typed in the chat is chat.ts's.
 */
export async function answerWebhook(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const handled = await chatAnswerWebhook(ctx);
	if (handled) return handled;
	const read: ReadParameter = (name, fallback) => ctx.getNodeParameter(name, fallback as string);
	const request = ctx.getRequestObject();
	const query = (request.query ?? {}) as IDataObject;
	const isGet = request.method === 'GET';
	const attribution = wantsAttribution(read);
	const responseType = readResponseType(read);
	const message = String(read('message', ''));

	if (responseType === 'approval') {
		if (isGet) {
			const labels = approvalLabels(read);
			const choice = (approved: boolean, label: string) => ({ label, approved, action: new URL(ctx.getSignedResumeUrl({ approved: String(approved) })).search });
			const choices = labels.double ? [choice(false, labels.disapprove), choice(true, labels.approve)] : [choice(true, labels.approve)];
			return answerPage(ctx, 200, approvalPage('', message, choices, query.approved !== 'false', attribution));
		}
		return resume({ approved: query.approved === 'true' }, attribution);
	}

	const options = (read('options', {}) ?? {}) as IDataObject;
	const look = {
		title: String(options.responseFormTitle ?? ''),
		description: String(options.responseFormDescription || message),
		buttonLabel: String(options.responseFormButtonLabel || 'Submit'),
		attribution,
	};
	let fields = [FREE_TEXT_FIELD];
	if (responseType === 'customForm') {
		const form = readFormFields(read);
		if ('error' in form) return answerPage(ctx, 500, page('The form cannot be shown', `<p class="text">The form cannot be shown. Please tell the sender.</p>`));
		fields = form.fields;
	}
	if (isGet) return answerPage(ctx, 200, formPage(fields, look));
	const answer = readFormAnswer(fields, formBody(ctx));
	if ('error' in answer) return answerPage(ctx, 400, formPage(fields, { ...look, error: answer.error }));
	if (responseType === 'freeText') return resume({ text: answer.json[FREE_TEXT_FIELD.fieldLabel] }, attribution);
	return resume(answer.json, attribution);
}

/**
 * A node's own Options collection (Parallel Requests, Timeout, …) hidden for
 * Send and Wait, which has an Options collection of its own under the same
 * name, as in n8n (`options.limitWaitTime`, …).
 */
export function withoutSendAndWait(field: INodeProperties): INodeProperties {
	return { ...field, displayOptions: { ...field.displayOptions, hide: { ...field.displayOptions?.hide, operation: [SEND_AND_WAIT_OPERATION] } } };
}
