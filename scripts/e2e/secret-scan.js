// No credential secret may show up in anything n8n prints or stores. The
// secrets are derived from the packed credential classes rather than listed
// by hand, so a new password field is covered without touching this check.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { classOfFile } = require('./config');

/** Names of secret fields per credential type: password fields of the packed credential classes. */
function secretFieldsByType(packageDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const out = {};
	for (const file of manifest.n8n?.credentials ?? []) {
		const Type = classOfFile(path.join(packageDir, file));
		if (!Type) continue;
		const type = new Type();
		out[type.name] = (type.properties ?? []).filter((p) => p.typeOptions && p.typeOptions.password).map((p) => p.name);
	}
	return out;
}

/**
 * Every string that must never show: each secret field's value, and the forms
 * it travels in (Basic auth's base64 of "user:password", the value in base64).
 */
function secretsOf(credentialsByType, secretFields) {
	const secrets = new Set();
	for (const [type, data] of Object.entries(credentialsByType)) {
		const fields = secretFields[type] ?? Object.keys(data).filter((k) => /token|password|secret|ticket|key/i.test(k));
		for (const field of fields) {
			const value = data[field];
			if (typeof value !== 'string' || value.length < 6) continue;
			secrets.add(value);
			secrets.add(Buffer.from(value).toString('base64'));
			for (const other of Object.values(data)) {
				if (typeof other === 'string' && other !== value) secrets.add(Buffer.from(`${other}:${value}`).toString('base64'));
			}
		}
	}
	return [...secrets];
}

function leakedIn(text, secrets) {
	return secrets.filter((s) => text.includes(s));
}

/**
 * The files of n8n's folder as { where, text }: n8n keeps workflows and
 * executions in its SQLite database (and would put a log file next to it), so
 * the secrets must not be there either. nodes/ is the package itself.
 */
function n8nFolderFiles(userFolder) {
	const n8nFolder = path.join(userFolder, '.n8n');
	const out = [];
	for (const file of fs.readdirSync(n8nFolder, { recursive: true })) {
		const full = path.join(n8nFolder, file);
		if (String(file).startsWith(`nodes${path.sep}`) || file === 'nodes' || !fs.statSync(full).isFile()) continue;
		out.push({ where: `.n8n/${file}`, text: fs.readFileSync(full).toString('latin1') });
	}
	return out;
}

/** Where (of the { where, text } given) any secret shows. */
function leakPlaces(scanned, secrets) {
	return scanned.flatMap(({ where, text }) => (leakedIn(text, secrets).length ? [where] : []));
}

module.exports = { secretFieldsByType, secretsOf, leakedIn, n8nFolderFiles, leakPlaces };
