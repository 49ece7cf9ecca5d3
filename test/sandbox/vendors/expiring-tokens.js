// Tokens that expire after a time or after a number of uses, for the sandbox's
// sign-ins (edna's login, SuperID). Not a vendor (no `prefix`).
'use strict';

/** Records `token` in `live` (a Map): valid for `lifetimeMs`, or for `uses` requests. */
function grant(live, token, { lifetimeMs, uses }) {
	live.set(token, { expiresAt: Date.now() + lifetimeMs, usesLeft: uses });
}

/** Whether `token` is live, using one of its uses up; an expired token is forgotten and stays refused. */
function spend(live, token) {
	const entry = live.get(token);
	if (!entry) return false;
	if (entry.usesLeft <= 0 || Date.now() >= entry.expiresAt) {
		live.delete(token);
		return false;
	}
	entry.usesLeft -= 1;
	return true;
}

module.exports = { grant, spend };
