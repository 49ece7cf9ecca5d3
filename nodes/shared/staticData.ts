import type { IExecuteFunctions, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * Whether an execution may write the workflow's static data.
 *
 * n8n saves an execution's static data **whole** when the execution ends, if
 * a node changed it. In queue mode n8n 2.41.1 starts a new execution on a
 * worker with empty static data (the execution's stored workflow carries none,
 * and the worker reloads it only for a resumed execution: scaling/
 * job-processor.js, workflow-runner.js `shouldReloadStaticData`). A write
 * there would replace everything every node of the workflow has saved — the
 * SuperOffice Trigger's webhook secret among it, after which every delivery
 * is refused. So our triggers mark the static data they are given where n8n
 * hands over the saved state (activation, polls), and a node writes static
 * data from an execution only when the mark is there.
 */
const MARK = 'customerMessaging';

/** Marks the workflow's static data as loaded from n8n's database (activation hooks and polls run with it). */
export function markSavedStaticData(ctx: IHookFunctions | IPollFunctions | IWebhookFunctions): void {
	const global = ctx.getWorkflowStaticData('global');
	if (global[MARK] !== 1) global[MARK] = 1;
}

/** Whether this execution started from the workflow's saved static data, so that writing it keeps what others saved. */
export function hasSavedStaticData(ctx: IExecuteFunctions): boolean {
	return ctx.getWorkflowStaticData('global')[MARK] === 1;
}
