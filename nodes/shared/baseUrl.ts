import { shownValue } from './validation';

/**
 * Normalises the base URL a user pasted into a credential: trims spaces and
 * trailing slashes, optionally drops a suffix the node adds itself (such as
 * SuperOffice's `/api/v1`), and rejects anything that is not an absolute
 * http(s) URL. Returns an error sentence instead of throwing, so the caller can
 * attach the node and item index.
 */
export function normalizeBaseUrl(
	raw: unknown,
	vendor: string,
	dropSuffix?: RegExp,
): { url: string } | { error: string } {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') {
		return { error: `The ${vendor} credential has no Base URL. Enter the address of your ${vendor} API.` };
	}
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return {
			error: `The Base URL in the ${vendor} credential is not a valid URL ("${shownValue(text, 60)}"). It must start with http:// or https://.`,
		};
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return {
			error: `The Base URL in the ${vendor} credential must start with http:// or https://, not "${parsed.protocol}".`,
		};
	}
	if (parsed.username || parsed.password) {
		return {
			error: `The Base URL in the ${vendor} credential must not contain a user name or password; put those in the credential's own fields.`,
		};
	}
	let path = parsed.pathname.replace(/\/+$/, '');
	if (dropSuffix) path = path.replace(dropSuffix, '').replace(/\/+$/, '');
	return { url: `${parsed.origin}${path}` };
}

/** The part of a URL that is safe to show in messages: scheme, host and port. */
export function displayOrigin(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return 'the configured Base URL';
	}
}
