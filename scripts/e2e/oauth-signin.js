// The SuperOffice OAuth2 credential signed in the way a user does it: in the
// editor of a running n8n, in headless Chromium. n8n's credential overwrites
// (CREDENTIALS_OVERWRITE_DATA, set by main.js for every n8n command) point the
// credential's SuperID addresses at the sandbox, whose authorize page approves
// at once. Then a SuperOffice workflow runs with that credential in the
// server, its access token first expired in the sandbox, so real n8n must
// refresh it as well.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./config');
const { launchBrowser } = require('./browser');
const { OWNER, startN8n, ownerSession } = require('./n8n-server');

const TYPE = 'superOfficeOAuth2Api';
const CREDENTIAL_ID = 'cOAuth2SignInE2E';
const CREDENTIAL_NAME = 'SuperOffice OAuth2 (signed in in the editor)';
const WEBHOOK_PATH = 'superoffice-oauth2-check';
const EXAMPLE = 'superoffice-answer-chat.workflow.json';

/** Signs in to the editor, opens the credential and clicks "Connect my account"; resolves once n8n says it is connected. */
async function connectInEditor(base, credentialId, tempDir) {
	const { browser } = await launchBrowser();
	const context = await browser.newContext();
	const page = await context.newPage();
	try {
		await page.goto(`${base}/signin`);
		await page.locator('input[type="email"]').fill(OWNER.email);
		await page.locator('input[type="password"]').fill(OWNER.password);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
		await page.goto(`${base}/home/credentials/${credentialId}`);
		// n8n 2.41 labels it "Connect" in the banner of a credential not yet connected ("Connect my account" elsewhere).
		const connect = page.getByRole('button', { name: /^Connect( my account)?$/ }).first();
		await connect.waitFor({ timeout: 30_000 });
		// n8n opens SuperID's authorize page in a popup; the sandbox approves at
		// once and redirects to n8n's callback, which stores the tokens and closes it.
		const [popup] = await Promise.all([context.waitForEvent('page', { timeout: 30_000 }), connect.click()]);
		await popup.waitForEvent('close', { timeout: 30_000 }).catch(() => undefined);
		await page.locator('[data-test-id="oauth-connect-success-banner"]').waitFor({ timeout: 30_000 });
		return { popupUrl: popup.url() };
	} catch (error) {
		await page.screenshot({ path: path.join(tempDir, 'oauth-signin.png'), fullPage: true }).catch(() => undefined);
		throw error;
	} finally {
		await browser.close();
	}
}

/**
 * The SuperOffice node of the answer-chat example, signing in with the OAuth2
 * credential, behind a Webhook: `n8n execute` does not apply credential
 * overwrites (only `n8n start` and workers load them), so the workflow runs
 * in the server, as a production execution, when the webhook is called.
 */
function webhookWorkflow() {
	const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', EXAMPLE), 'utf8'));
	const add = example.nodes.find((node) => node.name === 'Add Chat Message');
	add.parameters.authentication = 'superId';
	add.credentials = { [TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
	const webhook = {
		id: 'a0e2e000-0000-4000-8000-00000000e2e1',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: 'a0e2e000-0000-4000-8000-00000000e2e2',
		parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', options: {} },
	};
	return {
		id: 'wOAuth2SignInCheck',
		name: 'SuperOffice with the OAuth2 credential signed in in the editor',
		active: false,
		nodes: [webhook, add],
		connections: { Webhook: { main: [[{ node: add.name, type: 'main', index: 0 }]] } },
		settings: {},
	};
}

/**
 * Imports the credential (without tokens) and the webhook workflow, starts
 * n8n, signs the credential in through the editor, expires the access token
 * in the sandbox and calls the webhook: the message must arrive once, after
 * one refresh. Returns a row for the report; throws when a step fails.
 */
async function oauthSignInCheck({ cli, nodeBin, n8nBin, tempDir, sandbox }) {
	const started = Date.now();
	sandbox.reset();
	const data = sandbox.credentials().superoffice[TYPE];
	await cli.importList('credentials', [
		{
			id: CREDENTIAL_ID,
			name: CREDENTIAL_NAME,
			type: TYPE,
			data: { environment: data.environment, baseUrl: data.baseUrl, clientId: data.clientId, clientSecret: data.clientSecret },
		},
	]);
	await cli.importList('workflow', [webhookWorkflow()]);
	await cli.command(['publish:workflow', '--id=wOAuth2SignInCheck'], 'n8n publish:workflow');

	const { server, base } = await startN8n({ cli, nodeBin, n8nBin, cwd: tempDir, logFile: path.join(tempDir, 'n8n-start.log') });
	const superId = sandbox.state.superoffice.superId;
	const problems = [];
	let runMs;
	try {
		await ownerSession(base);
		await connectInEditor(base, CREDENTIAL_ID, tempDir);
		const signedIn = superId.issued.filter((token) => token.startsWith('8A:'));
		if (signedIn.length !== 1) throw new Error(`SuperID issued ${signedIn.length} access tokens during the sign-in; expected 1`);
		// The token from the sign-in is spent: the workflow's request gets 401 and n8n must refresh.
		superId.accessTokens.get(signedIn[0]).usesLeft = 0;
		const called = Date.now();
		const response = await fetch(`${base}/webhook/${WEBHOOK_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
		runMs = Date.now() - called;
		const answer = await response.text();
		if (!response.ok) problems.push(`the webhook answered ${response.status}: ${answer.slice(0, 200)}`);
	} finally {
		cli.outputs.push({ where: 'n8n start (OAuth2 sign-in)', text: server.output() });
		await server.stop();
	}

	const delivered = sandbox.received('superoffice');
	if (delivered.length !== 1) problems.push(`SuperOffice received ${delivered.length} messages; expected 1`);
	if (delivered.some((m) => m.auth !== 'Bearer')) problems.push('a message was not signed with the Bearer access token');
	if (superId.refreshes.length !== 1 || !superId.refreshes[0].ok) problems.push(`SuperID answered ${superId.refreshes.length} refreshes; expected 1 successful`);
	return {
		file: 'OAuth2 sign-in in the editor + workflow',
		ok: problems.length === 0,
		items: delivered.length,
		messages: `${delivered.length}/1`,
		executeMs: Date.now() - started,
		runMs,
		problems,
	};
}

module.exports = { oauthSignInCheck };
