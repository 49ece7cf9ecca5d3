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

export async function renewOnce(
	credentials: ICredentialDataDecryptedObject,
	renew: () => Promise<ICredentialDataDecryptedObject>,
): Promise<ICredentialDataDecryptedObject> {
	let pending = renewals.get(credentials);
	if (!pending) {
		pending = renew();
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
