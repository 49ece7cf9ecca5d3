import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { PAGE_HEADERS, recordedPage } from './page';

/** Answers with one of the node's pages and resumes nothing. */
export function answerPage(ctx: IWebhookFunctions, status: number, html: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
	res.status(status).send(html);
	return { noWebhookResponse: true };
}

/** Resumes the execution with `data` (n8n's output shape: `{ data: { … } }`) and shows "Got it, thanks". */
export function resume(data: IDataObject, attribution: boolean): IWebhookResponseData {
	return {
		webhookResponse: recordedPage(attribution),
		workflowData: [[{ json: { data: { ...data, respondedAt: new Date().toISOString() } } }]],
	};
}

