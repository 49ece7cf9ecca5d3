import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * Every n8n context a vendor request can be made from: an action node's
 * execution, a trigger's poll, a trigger's webhook methods (register and
 * remove) and its webhook() call, and the editor's list searches (pickers).
 * All of them carry the credential helpers the shared transport needs, so
 * triggers and pickers get the same errors, retries and secrecy.
 */
export type RequestContext = IExecuteFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

/** Whether the context is an action node's execution (the only one with per-item options). */
export function isExecution(ctx: RequestContext): ctx is IExecuteFunctions {
	return 'getInputData' in ctx;
}
