import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The moment n8n signs a request with one of this package's credentials,
 * for whoever sent it. n8n calls a credential's `authenticate` with the very
 * options object the node handed its request helper, after any login
 * (`preAuthentication`) and right before the request goes out. A node that
 * registers that object learns two things no other hook tells it: which
 * token the request carries, and that everything before the sending (a login
 * that may hang) is over, so its own deadline starts now.
 */
type Watcher = (credentials: ICredentialDataDecryptedObject) => void;

const watchers = new WeakMap<object, Watcher>();

/** Calls `watcher` with the credential when the request made with `options` is signed. */
export function whenSigned(options: object, watcher: Watcher): void {
	watchers.set(options, watcher);
}

/** Called by the credentials' `authenticate`: the request made with `options` is being signed with `credentials`. */
export function signing(options: object, credentials: ICredentialDataDecryptedObject): void {
	const watcher = watchers.get(options);
	watchers.delete(options);
	watcher?.(credentials);
}
