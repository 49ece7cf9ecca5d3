import type { IDataObject, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
 *
 * Registering is not idempotent at SuperOffice (every POST adds a webhook),
 * and its answer can be lost after SuperOffice stored the webhook; n8n then
 * retries the activation (`delete`, then `checkExists`/`create` again). So
 * every webhook this node registers carries its identity in its Name
 * (webhookName), and activation and deactivation remove whatever carries it
 * for the slot, not only the one static data remembers.
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

/** The longest Name this node registers (SuperOffice's reference names no limit; earlier Names were cut there too). */
const MAX_NAME_LENGTH = 250;

/** A webhook as GET /api/v1/Webhook lists it (SuperOffice never hands the Secret back). */
interface ListedWebhook {
	WebhookId: number;
	Name: string;
	TargetUrl?: string;
	State?: string;
}

/**
 * What the Name of every webhook this node registers ends with: the n8n
 * instance, the workflow ID, the node ID and the slot. Not the names: a
 * renamed workflow or node must still find its webhooks. The instance keeps
 * apart two n8n that hold the same workflow under the same ID (n8n's source
 * control copies workflows between environments with their IDs) and point at
 * the same tenant: neither removes the other's webhook. n8n's instance ID is
 * the same for every main, worker and webhook process of one n8n; its first
 * 12 hex digits are enough to tell n8n installations apart. The node ID tells
 * two triggers of one workflow apart, the slot the test URL's registration
 * from the production one.
 */
function identityOf(ctx: IHookFunctions): string {
	const instance = ctx.getInstanceId().slice(0, 12);
	return `[n8n ${instance}/${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}/${slotOf(ctx)}]`;
}

/** The Name to register: readable for whoever looks at SuperOffice's webhook list, then the identity. */
function webhookName(ctx: IHookFunctions): string {
	const workflow = ctx.getWorkflow();
	const identity = identityOf(ctx);
	const readable = `n8n: ${workflow.name ?? workflow.id ?? ''} (${ctx.getNode().name})`;
	return `${readable.slice(0, Math.max(0, MAX_NAME_LENGTH - identity.length - 1))} ${identity}`;
}

function isListedWebhook(value: unknown): value is ListedWebhook {
	if (!value || typeof value !== 'object') return false;
	const { WebhookId, Name } = value as IDataObject;
	return typeof WebhookId === 'number' && typeof Name === 'string';
}

/**
 * Every webhook of the tenant (GET /api/v1/Webhook,
 * https://github.com/SuperOfficeDocs/superoffice-docs/blob/main/docs/api/api-reference/restful/rest/Webhook/v1Webhook_GetAllWebhooks.md).
 * SuperOffice documents filters there (nameFilter, eventFilter, statusFilter;
 * the same as POST /api/v1/Agents/Webhook/GetAllWebhooks with NameFilter,
 * …/agent/Webhook_Agent/v1WebhookAgent_GetAllWebhooks.md), but not whether
 * nameFilter matches part of a name, and the Name's readable part changes
 * when the workflow or node is renamed; so the whole list (one request: it
 * has no paging), matched here.
 */
async function listWebhooks(ctx: IHookFunctions, connection: Connection): Promise<ListedWebhook[]> {
	const answer = await vendorRequest<unknown>(ctx, connection, { method: 'GET', path: '/api/v1/Webhook', itemIndex: 0 });
	if (!Array.isArray(answer)) {
		throw new NodeOperationError(ctx.getNode(), 'SuperOffice answered GET /api/v1/Webhook with something other than a list of webhooks.');
	}
	return answer.filter(isListedWebhook);
}

/**
 * This node's webhooks for this slot: every one whose Name carries its
 * identity (an older registration, one whose answer was lost), and the one
 * static data remembers (registered before Names carried the identity) — that
 * one only while it still points at the URL it was registered for, so that a
 * credential now pointing at another tenant never deletes that tenant's
 * webhook with the same ID.
 */
function ownWebhooks(ctx: IHookFunctions, webhooks: ListedWebhook[]): ListedWebhook[] {
	const identity = identityOf(ctx);
	const registration = registrationOf(ctx);
	return webhooks.filter(
		(webhook) =>
			webhook.Name.endsWith(identity) || (webhook.WebhookId === registration?.id && webhook.TargetUrl === registration.url),
	);
}

/**
 * Deletes this node's webhooks for this slot and forgets the registration.
 * A webhook's secret cannot be read back, so none of them can be reused.
 */
async function removeOwnWebhooks(ctx: IHookFunctions, connection: Connection): Promise<void> {
	for (const webhook of ownWebhooks(ctx, await listWebhooks(ctx, connection))) {
		// Not retried after a dropped connection (transport.ts: a DELETE counts as a send); the next activation or deactivation finds it again.
		await unlessMissing(vendorRequest(ctx, connection, { method: 'DELETE', path: `/api/v1/Webhook/${webhook.WebhookId}`, itemIndex: 0 }));
	}
	storeRegistration(ctx);
}

/**
 * Whether this node's webhook for this slot is registered, Active, pointing at
 * this URL, and the only one carrying its identity. Anything else (a new URL,
 * Stopped or TooManyErrors as in troubleshooting.md, an orphan beside it) is
 * left to `create`, which removes them all and registers afresh.
 */
export async function checkRegistration(ctx: IHookFunctions): Promise<boolean> {
	const registration = registrationOf(ctx);
	const url = ctx.getNodeWebhookUrl('default');
	if (!registration || registration.url !== url) return false;
	const own = ownWebhooks(ctx, await listWebhooks(ctx, await triggerConnection(ctx)));
	return own.length === 1 && own[0].WebhookId === registration.id && own[0].State === 'Active' && own[0].TargetUrl === url;
}

/**
 * Removes this node's webhooks for this slot, then registers exactly one. A
 * POST whose answer was lost throws here; n8n's retry runs `delete` and then
 * this again, and both find the webhook SuperOffice stored by its Name.
 */
export async function createRegistration(ctx: IHookFunctions, events: string[]): Promise<boolean> {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) return false;
	const connection = await triggerConnection(ctx);
	await removeOwnWebhooks(ctx, connection);
	const secret = randomSecret();
	const webhook = await vendorRequest<IDataObject>(ctx, connection, {
		method: 'POST',
		path: '/api/v1/Webhook',
		body: {
			Name: webhookName(ctx),
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

/** Deactivation (and n8n's cleanup after a failed activation attempt): this slot's webhooks, remembered or not. */
export async function removeRegistration(ctx: IHookFunctions): Promise<boolean> {
	await removeOwnWebhooks(ctx, await triggerConnection(ctx));
	return true;
}
