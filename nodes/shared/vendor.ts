import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import { normalizeBaseUrl } from './baseUrl';
import type { RequestContext } from './context';
import { inputError } from './errors';
import type { Renewal } from './renewal';

/** What a request is about, so that a 404 hint can name it ("chat session", "Chat Session ID"). */
export interface RequestTarget {
	/** The record as users call it, lower case: "chat session". */
	noun: string;
	/** The field its ID was given in, as the editor shows it: "Chat Session ID". */
	field: string;
}

/** What the shared transport needs to know about the answer to tell the user. */
export interface HintContext {
	/**
	 * False when the body was not the vendor's own error shape: a 404 from a
	 * proxy means a wrong URL, one from the vendor means a missing record.
	 */
	vendorAnswered: boolean;
	/** The credential type the request was signed with (hints differ per sign-in method). */
	credentialType: string;
	target?: RequestTarget;
}

/** What one vendor tells the shared transport about itself. */
export interface VendorProfile {
	/** The vendor's name as users know it, e.g. "edna Chat Center". */
	name: string;
	/** Its API as its docs name it, for "check that the Base URL points at …". */
	apiName: string;
	/** A path suffix users paste with the Base URL that the node adds itself (SuperOffice's /api/v1). */
	baseUrlSuffix?: RegExp;
	/** Pulls the vendor's own error sentence out of an error response body. */
	errorMessage(body: unknown, status: number): string | undefined;
	/** A hint for statuses where the fix is on the user's side (401: sign in again, …). */
	statusHint?(status: number, context: HintContext): string | undefined;
}

/** Where and how one node execution talks to its vendor: checked before anything is sent. */
export interface Connection {
	vendor: VendorProfile;
	credentialType: string;
	/**
	 * The credential, read and decrypted once per node execution and handed
	 * to n8n's request helper with every request. A credential that renews
	 * itself updates this object in place, so later requests use the new token.
	 */
	credentials: ICredentialsDecrypted;
	/** Normalised base URL (see normalizeBaseUrl). */
	baseUrl: string;
	/** Headers every request of this node carries (SuperOffice's language options). */
	headers?: Record<string, string>;
	/** How the credential renews an expired token, if it does (see renewal.ts). */
	renewal?: Renewal;
}

/** Each node execution's credentials, by type: n8n fetches and decrypts a credential on every read. */
const credentialsByExecution = new WeakMap<RequestContext, Map<string, Promise<ICredentialsDecrypted>>>();

function credentialsOnce(ctx: RequestContext, credentialType: string): Promise<ICredentialsDecrypted> {
	let byType = credentialsByExecution.get(ctx);
	if (!byType) credentialsByExecution.set(ctx, (byType = new Map()));
	let credentials = byType.get(credentialType);
	if (!credentials) {
		const node = ctx.getNode().credentials?.[credentialType];
		credentials = ctx.getCredentials<ICredentialDataDecryptedObject>(credentialType, 0).then((data) => ({
			id: node?.id ?? '',
			name: node?.name ?? '',
			type: credentialType,
			data,
		}));
		byType.set(credentialType, credentials);
	}
	return credentials;
}

/**
 * The node's credential of `credentialType` and its checked Base URL; a bad
 * Base URL fails the item before anything is sent. The credential is read
 * once per node execution, whatever the number of items.
 */
export async function connect(
	ctx: RequestContext,
	itemIndex: number,
	vendor: VendorProfile,
	credentialType: string,
	headers?: Record<string, string>,
): Promise<Connection> {
	const opened = await openConnection(ctx, vendor, credentialType, headers);
	if ('error' in opened) throw inputError(ctx.getNode(), itemIndex, opened.error);
	return opened;
}

/** As connect(), but a bad Base URL comes back as its sentence: for callers with no item (the editor's pickers). */
export async function openConnection(
	ctx: RequestContext,
	vendor: VendorProfile,
	credentialType: string,
	headers?: Record<string, string>,
): Promise<Connection | { error: string }> {
	const credentials = await credentialsOnce(ctx, credentialType);
	const base = normalizeBaseUrl(credentials.data?.baseUrl, vendor.name, vendor.baseUrlSuffix);
	if ('error' in base) return base;
	return { vendor, credentialType, credentials, baseUrl: base.url, headers };
}

/**
 * A short plain-text error body as the vendor's message. Web pages and long
 * texts are not messages: they mean the Base URL reached something else.
 */
export function plainTextMessage(body: string): string | undefined {
	const text = body.trim();
	return text && !text.startsWith('<') && text.length <= 300 ? text : undefined;
}
