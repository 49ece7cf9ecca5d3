import type { IDataObject, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SUPEROFFICE_CREDENTIALS, superOffice } from '../SuperOffice/transport';
import { randomSecret } from '../shared/incoming';
import { vendorRequest } from '../shared/transport';
import type { Connection } from '../shared/vendor';
import { connect } from '../shared/vendor';

/**
 * Webhooks registered with SuperOffice's Webhook API
 * (https://github.com/SuperOfficeDocs/superoffice-docs/blob/main/docs/en/automation/webhook/register.md):
 * POST /api/v1/Webhook with the events, the target URL, a secret and State
 * Active; SuperOffice signs every delivery with the secret. A registration is
 * kept per slot: the test URL's registration never replaces the production
 * one (both may exist at SuperOffice side by side).
 */
export interface Registration {
	id: number;
	secret: string;
	url: string;
}

type Slot = 'production' | 'test';

function slotOf(ctx: IHookFunctions | IWebhookFunctions): Slot {
	return ctx.getMode() === 'manual' ? 'test' : 'production';
}

function registrations(ctx: IHookFunctions | IWebhookFunctions): IDataObject {
	const { registrations: saved } = ctx.getWorkflowStaticData('node');
	return saved && typeof saved === 'object' ? (saved as IDataObject) : {};
}

/**
 * Stores (or, without `registration`, forgets) this slot's registration by
 * assigning a new object, never by changing the stored one in place: n8n saves
 * static data only when it noticed a change (n8n-workflow ObservableObject),
 * and it does not notice one inside an object added since the workflow was
 * loaded. An activation that n8n retried after a failed attempt (SuperOffice
 * could not reach the webhook URL yet, as when a queue-mode main activates
 * before the webhook processor is up) would otherwise lose the secret, and
 * every delivery would get 403.
 */
function storeRegistration(ctx: IHookFunctions, registration?: Registration): void {
	const next: IDataObject = { ...registrations(ctx) };
	if (registration) next[slotOf(ctx)] = { ...registration };
	else delete next[slotOf(ctx)];
	ctx.getWorkflowStaticData('node').registrations = next;
}

export function registrationOf(ctx: IHookFunctions | IWebhookFunctions): Registration | undefined {
	const value = registrations(ctx)[slotOf(ctx)];
	if (!value || typeof value !== 'object') return undefined;
	const { id, secret, url } = value as IDataObject;
	return typeof id === 'number' && typeof secret === 'string' && typeof url === 'string' ? { id, secret, url } : undefined;
}

/** Every secret a delivery may be signed with (production and test registrations). */
export function knownSecrets(ctx: IWebhookFunctions): string[] {
	return Object.values(registrations(ctx))
		.map((value) => (value && typeof value === 'object' ? (value as IDataObject).secret : undefined))
		.filter((secret): secret is string => typeof secret === 'string' && secret !== '');
}

/** The credential chosen by Authentication and its Base URL. */
export async function triggerConnection(ctx: IHookFunctions | IWebhookFunctions | IPollFunctions): Promise<Connection> {
	const authentication = String(ctx.getNodeParameter('authentication', 'soTicket'));
	const key = Object.keys(SUPEROFFICE_CREDENTIALS).find((k): k is keyof typeof SUPEROFFICE_CREDENTIALS => k === authentication);
	const credentialType = SUPEROFFICE_CREDENTIALS[key ?? 'soTicket'];
	return await connect(ctx, 0, superOffice, credentialType);
}

/**
 * The request's answer, or undefined when SuperOffice says the webhook does
 * not exist (404); every other failure stays the transport's error.
 */
async function unlessMissing<T>(request: Promise<T>): Promise<T | undefined> {
	const outcome = await request.then(
		(value) => ({ value }),
		(failure: unknown) => ({ failure }),
	);
	if (!('failure' in outcome)) return outcome.value;
	if (outcome.failure instanceof NodeApiError && outcome.failure.httpCode === '404') return undefined;
	throw outcome.failure;
}

/** Whether this node's webhook is registered, Active and pointing at this URL; a broken one is removed. */
export async function checkRegistration(ctx: IHookFunctions): Promise<boolean> {
	const registration = registrationOf(ctx);
	const url = ctx.getNodeWebhookUrl('default');
	if (!registration || registration.url !== url) return false;
	const connection = await triggerConnection(ctx);
	const webhook = await unlessMissing(
		vendorRequest<IDataObject>(ctx, connection, { method: 'GET', path: `/api/v1/Webhook/${registration.id}`, itemIndex: 0 }),
	);
	if (webhook === undefined) {
		storeRegistration(ctx);
		return false;
	}
	if (webhook?.State === 'Active' && webhook.TargetUrl === url) return true;
	// Stopped or TooManyErrors (troubleshooting.md): SuperOffice no longer delivers; register afresh.
	await removeRegistration(ctx);
	return false;
}

export async function createRegistration(ctx: IHookFunctions, events: string[]): Promise<boolean> {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) return false;
	const connection = await triggerConnection(ctx);
	const secret = randomSecret();
	const webhook = await vendorRequest<IDataObject>(ctx, connection, {
		method: 'POST',
		path: '/api/v1/Webhook',
		body: {
			Name: `n8n: ${ctx.getWorkflow().name ?? ctx.getWorkflow().id} (${ctx.getNode().name})`.slice(0, 250),
			Events: events,
			TargetUrl: url,
			Secret: secret,
			State: 'Active',
			Type: 'webhook',
		},
		itemIndex: 0,
	});
	if (typeof webhook?.WebhookId !== 'number') return false;
	storeRegistration(ctx, { id: webhook.WebhookId, secret, url });
	return true;
}

export async function removeRegistration(ctx: IHookFunctions): Promise<boolean> {
	const registration = registrationOf(ctx);
	if (!registration) return true;
	const connection = await triggerConnection(ctx);
	await unlessMissing(vendorRequest(ctx, connection, { method: 'DELETE', path: `/api/v1/Webhook/${registration.id}`, itemIndex: 0 }));
	storeRegistration(ctx);
	return true;
}
