// n8n-core reads its settings from the environment when it is first required,
// so every harness module requires this one before n8n-core.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core keeps instance settings (an encryption key) in the user folder;
// give it a throwaway one instead of the developer's ~/.n8n.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
}
process.env.N8N_ENCRYPTION_KEY ??= 'customer-messaging-test-key';
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
// n8n logs every failed node; tests assert on those failures themselves.
process.env.N8N_LOG_LEVEL ??= 'silent';
