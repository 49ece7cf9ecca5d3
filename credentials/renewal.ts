import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * A credential that could not renew itself: the vendor refused the login or
 * the refresh. Its message is one sentence for the user and never holds a
 * secret; the transport shows it as the item's error (see
 * nodes/shared/renewal.ts), and n8n's credential test shows it as is.
 */
export class CredentialRenewalError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialRenewalError';
	}
}

/**
 * Renewals in flight, and failed ones, per decrypted credential object.
 *
 * n8n calls a credential's `preAuthentication` for every request that finds
 * the expirable field empty, so a node that sends with several requests at
 * once would log in once per request. All of them hand n8n the same decrypted
 * object (the node reads the credential once per execution), so keying on it
 * lets them share one login. A refused login is remembered for that object:
 * the other items fail with the same sentence instead of each trying the
 * password again, which could lock the account.
 */
const renewals = new WeakMap<ICredentialDataDecryptedObject, Promise<ICredentialDataDecryptedObject>>();

/** What each object's logins issued (per node execution: the node reads the credential once per execution). */
const issuedValues = new WeakMap<ICredentialDataDecryptedObject, Set<unknown>>();

/** The output of each object's latest renewal. */
const latest = new WeakMap<ICredentialDataDecryptedObject, ICredentialDataDecryptedObject>();

/**
 * Runs `renew` once for every request that asks while it runs.
 *
 * Its output goes into the credential object as soon as it comes, so that a
 * request sent meanwhile signs with the new token instead of logging in
 * again. What each caller gets back reads the latest renewal's values when
 * it is read: n8n writes the output to its database and copies it into the
 * credential object once for every request that asked, one database write
 * after another, and a copy made after the token had already expired and
 * been renewed again would otherwise bring the expired token back.
 */
export async function renewOnce(
	credentials: ICredentialDataDecryptedObject,
	renew: () => Promise<ICredentialDataDecryptedObject>,
): Promise<ICredentialDataDecryptedObject> {
	let pending = renewals.get(credentials);
	if (!pending) {
		pending = renew().then((output) => {
			latest.set(credentials, output);
			Object.assign(credentials, output);
			let issued = issuedValues.get(credentials);
			if (!issued) issuedValues.set(credentials, (issued = new Set()));
			for (const value of Object.values(output)) issued.add(value);
			const current: ICredentialDataDecryptedObject = {};
			for (const key of Object.keys(output)) {
				Object.defineProperty(current, key, { enumerable: true, get: () => latest.get(credentials)?.[key] });
			}
			return current;
		});
		renewals.set(credentials, pending);
		pending.then(
			() => renewals.delete(credentials),
			(error: unknown) => {
				if (!(error instanceof CredentialRenewalError)) renewals.delete(credentials);
			},
		);
	}
	return await pending;
}

/** The renewal of `credentials` running now (or one that failed for good), if any: a request waits for it before it is sent. */
export function renewalInProgress(credentials: ICredentialDataDecryptedObject): Promise<unknown> | undefined {
	return renewals.get(credentials);
}

/** Whether `value` (a token) was issued by a renewal of this very credential object, that is, in this node execution. */
export function issuedHere(credentials: ICredentialDataDecryptedObject, value: unknown): boolean {
	return issuedValues.get(credentials)?.has(value) === true;
}

/** How long a login may take, by credential object: the Timeout of the node that sends with it. */
const loginTimeouts = new WeakMap<ICredentialDataDecryptedObject, number>();

/** Sets the longest a login for `credentials` may take (the node's Timeout). */
export function setLoginTimeout(credentials: ICredentialDataDecryptedObject, ms: number): void {
	loginTimeouts.set(credentials, ms);
}

/** The longest a login for `credentials` may take, if a node set it (a credential test does not). */
export function loginTimeoutMs(credentials: ICredentialDataDecryptedObject): number | undefined {
	return loginTimeouts.get(credentials);
}
