// The package in n8n's editor, in headless Chromium, as a person meets it
// (`n8n start` with the package installed as a community package):
// each node is found in the nodes panel by its vendor's name and each trigger
// by its own, with its icon (light and dark theme); its actions, operations
// and fields show; its credential form masks the secrets; the nodes are
// offered as tools to n8n's AI Agent; and one node sends a message to the
// vendor sandbox from the editor ("Execute step"). "Installed but not in the
// nodes panel" — what users report most — fails here, and says whether n8n
// loaded the node at all. Screenshots go to <temp folder>-screenshots, kept.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { PACKAGE } = require('./config');
const { launchBrowser } = require('./browser');
const { startN8n, ownerSession } = require('./n8n-server');
const { secretFieldsByType } = require('./secret-scan');
const p = require('./editor-page');
const { importSandboxCredentials } = require('./sandbox-credentials');
const { CANVAS_NODES, packageNodes, fillFields, canvasPicture, runFromEditor } = require('./editor-steps');

/**
 * Runs the check; returns rows for the report. `credentialIds` and
 * `credentialsByType` are the run's (every type the sandbox has), `secrets`
 * every secret string that must not show.
 */
async function editorCheck({ cli, nodeBin, n8nBin, tempDir, sandbox, packageDir, credentialIds, credentialsByType, secrets: runSecrets }) {
	// The OAuth2 tokens stored with a credential must not reach the editor either.
	const tokens = Object.values(credentialsByType).flatMap((data) => Object.values(data.oauthTokenData ?? {}).filter((v) => typeof v === 'string' && v.length > 8));
	const secrets = [...runSecrets, ...tokens];
	// Next to the temp folder, not in it: kept when the run removes its temp folder.
	const shots = `${tempDir}-screenshots`;
	fs.mkdirSync(shots, { recursive: true });
	const nodes = packageNodes(packageDir);
	const secretFields = secretFieldsByType(packageDir);

	await importSandboxCredentials({ cli, credentialsByType, credentialIds });

	const { server, base } = await startN8n({
		cli,
		nodeBin,
		n8nBin,
		cwd: tempDir,
		logFile: path.join(tempDir, 'n8n-editor.log'),
	});
	const rows = [];
	let browser;
	try {
		const cookie = await ownerSession(base);
		// What n8n loaded, to tell "not loaded" from "loaded but not in the panel".
		const loaded = await fetch(`${base}/types/nodes.json`, {
			headers: { Cookie: cookie },
		}).then((r) => r.json());
		const loadedNames = new Set(loaded.map((t) => t.name));
		({ browser } = await launchBrowser());
		const context = await browser.newContext({
			viewport: { width: 1280, height: 800 },
		});
		const page = await context.newPage();
		page.setDefaultTimeout(p.WAIT_MS);
		await p.signIn(page, base);

		/** One row: runs fn(problems), turns a thrown error into a problem and a screenshot. */
		const part = async (title, fn, onPage = page) => {
			const started = Date.now();
			const problems = [];
			const row = {
				file: `editor: ${title}`,
				ok: false,
				items: 0,
				messages: '-',
				problems,
			};
			try {
				Object.assign(row, await fn(problems));
			} catch (error) {
				const shot = path.join(shots, `failed-${title.replace(/[^a-z0-9]+/gi, '-')}.png`);
				await onPage.screenshot({ path: shot }).catch(() => undefined);
				problems.push(`${error.message.split('\n')[0]} (screenshot ${path.basename(shot)})`);
			}
			row.ok = problems.length === 0;
			row.executeMs = Date.now() - started;
			rows.push(row);
			return row;
		};
		const notInPanel = (node, term, names) =>
			loadedNames.has(`${PACKAGE.name}.${node.name}`)
				? `${node.displayName} is installed and loaded by n8n but not in the nodes panel when searching "${term}" (it lists: ${names.join(', ') || 'nothing'})`
				: `${node.displayName} is not loaded by n8n (not in /types/nodes.json), so not in the nodes panel`;

		// The action nodes, one after another on one canvas: Manual Trigger → edna → EvoVoice → SuperOffice.
		await p.newWorkflow(page, base);
		for (const node of nodes.filter((n) => !n.trigger)) {
			await part(`${node.displayName} (panel, actions, fields, credential)`, async (problems) => {
				await p.searchNodes(page, node.vendor);
				const names = await p.listedNames(page, node.displayName);
				if (!names.includes(node.displayName)) throw new Error(notInPanel(node, node.vendor, names));
				problems.push(...(await p.iconProblems(p.panelItem(page, node.displayName), node.light, 'nodes panel')));
				await p.entry(page, node.displayName).click();
				const actions = (await p.actionNames(page)).filter((a) => !a.startsWith('On '));
				if (actions.length === 0) throw new Error('the nodes panel lists no action for it');
				const action = CANVAS_NODES[node.name]?.action ?? actions.find((a) => /^(Send|Add)/.test(a)) ?? actions[0];
				await page.screenshot({
					path: path.join(shots, `actions-${node.vendor}.png`),
				});
				await p.entry(page, action).click();
				const ndv = page.locator(p.byTestId('ndv'));
				await ndv.waitFor();
				problems.push(...(await p.iconProblems(ndv, node.light, 'node details')));
				const operations = await p.dropdownOptions(page, 'operation');
				if (operations.length === 0) problems.push('the Operation list is empty');
				const fields = await ndv.locator(p.byTestId('parameter-item')).count();
				if (fields < 3) problems.push(`only ${fields} fields show`);
				await fillFields(page, ndv, node.name);
				let messages = '-';
				if (CANVAS_NODES[node.name]?.run) messages = await runFromEditor(page, ndv, sandbox, shots, problems);
				await ndv.locator(p.byTestId('credential-edit-button')).click();
				const form = await p.credentialFormState(page, secrets);
				await page.screenshot({
					path: path.join(shots, `credential-${node.vendor}.png`),
				});
				if (form.passwordInputs === 0) problems.push('its credential form has no masked (password) field');
				if (form.shown.length) problems.push(`its credential form shows ${form.shown.length} secret(s)`);
				await page.keyboard.press('Escape');
				await form.dialog.waitFor({ state: 'hidden' });
				await page.screenshot({
					path: path.join(shots, `node-${node.vendor}.png`),
				});
				await p.closeNdv(page);
				problems.push(...(await p.iconProblems(page.locator(p.byTestId('canvas')), node.light, 'canvas')));
				return {
					items: operations.length,
					messages,
					note: `${actions.length} actions, ${operations.length} operations, ${fields} fields`,
				};
			});
		}
		await part('the canvas: a complete workflow (the README picture)', async (problems) => {
			// n8n's red triangle on a canvas node: a required field or the credential is missing.
			const warned = await page.locator(`${p.byTestId('canvas-node')}:has(${p.byTestId('node-issues')})`).allInnerTexts();
			if (warned.length) problems.push(`n8n shows "parameters missing" on ${warned.map((t) => t.split('\n')[0]).join(', ')}`);
			await canvasPicture(page, shots);
			return { items: await page.locator(p.byTestId('canvas-node')).count() };
		});

		for (const node of nodes.filter((n) => n.trigger)) {
			await part(`${node.displayName} (panel, fields)`, async (problems) => {
				await p.newWorkflow(page, base);
				await p.searchNodes(page, node.displayName);
				// n8n lists a vendor's trigger under the vendor's node when both exist ("edna Chat Center" → Triggers).
				const grouped = node.displayName.replace(/ Trigger$/, '');
				const names = await p.listedNames(page, node.displayName, 5_000);
				const entry = [node.displayName, grouped].find((n) => names.includes(n));
				if (!entry) throw new Error(notInPanel(node, node.displayName, names));
				problems.push(...(await p.iconProblems(p.panelItem(page, entry), node.light, 'nodes panel')));
				await p.entry(page, entry).click();
				const ndv = page.locator(p.byTestId('ndv'));
				let events = 0;
				// A node with one trigger only goes straight onto the canvas; a vendor's node opens its panel.
				const add = page.getByRole('button', { name: 'Add to workflow' });
				const category = page.locator(`${p.byTestId('node-creator-category-item')}:visible`);
				await ndv.or(add).or(category).first().waitFor();
				const opened = await ndv.isVisible();
				if (!opened && (await add.isVisible())) {
					// A community node's own panel, "Node details": its button puts it on the canvas.
					await add.click();
				} else if (!opened) {
					// A panel of the vendor's triggers (and actions): the first entry is a trigger.
					const listed = await p.actionNames(page);
					events = listed.filter((a) => a.startsWith('On ')).length;
					if (events === 0) throw new Error(`the nodes panel lists no trigger under ${entry} (it lists: ${listed.join(', ')})`);
					await page
						.locator(`${p.byTestId('node-creator-item-name')}:visible`, {
							hasText: /^On /,
						})
						.first()
						.click();
				}
				await ndv.waitFor();
				problems.push(...(await p.iconProblems(ndv, node.light, 'node details')));
				const fields = await ndv.locator(p.byTestId('parameter-item')).count();
				if (fields < 1) problems.push('no field shows');
				await page.screenshot({
					path: path.join(shots, `trigger-${node.name}.png`),
				});
				await p.closeNdv(page);
				return { items: fields, note: `${events} events, ${fields} fields` };
			});
		}

		await part('AI Agent offers the nodes as tools', async (problems) => {
			await p.newWorkflow(page, base);
			await p.searchNodes(page, 'AI Agent');
			await p.listedNames(page, 'AI Agent');
			await p.entry(page, 'AI Agent').click();
			await p.closeNdv(page);
			await page.locator(`[data-handleid="inputs/ai_tool/0"] ${p.byTestId('canvas-handle-plus')}`).click();
			const tools = nodes.filter((n) => n.tool);
			for (const node of tools) {
				await page.locator(p.byTestId('node-creator-search-bar')).fill(node.vendor);
				const names = await p.listedNames(page, `${node.displayName} Tool`);
				if (!names.includes(`${node.displayName} Tool`))
					problems.push(`"${node.displayName} Tool" is not among the AI Agent's tools (searching "${node.vendor}": ${names.join(', ') || 'nothing'})`);
				await page.screenshot({
					path: path.join(shots, `agent-tools-${node.vendor}.png`),
				});
			}
			if (tools.length === 0) problems.push('no node of the package is usable as a tool');
			return { items: tools.length };
		});

		// Dark theme: n8n reads it from local storage (Settings → Personal → Theme writes the same key).
		const dark = await browser.newContext({
			viewport: { width: 1280, height: 800 },
			storageState: await context.storageState(),
		});
		await dark.addInitScript(() => globalThis.localStorage.setItem('N8N_THEME', 'dark'));
		const darkPage = await dark.newPage();
		darkPage.setDefaultTimeout(p.WAIT_MS);
		await part(
			'icons in the dark theme',
			async (problems) => {
				await p.newWorkflow(darkPage, base);
				const shown = nodes.filter((n) => !n.trigger || n.name === 'superOfficeChatTrigger');
				for (const node of shown) {
					await p.searchNodes(darkPage, node.displayName);
					const names = await p.listedNames(darkPage, node.displayName);
					if (!names.includes(node.displayName)) throw new Error(`${node.displayName} is not in the nodes panel`);
					problems.push(...(await p.iconProblems(p.panelItem(darkPage, node.displayName), node.dark, `${node.displayName} (dark)`)));
				}
				await p.searchNodes(darkPage, 'SuperOffice');
				await p.listedNames(darkPage, 'SuperOffice');
				await darkPage.screenshot({
					path: path.join(shots, 'nodes-panel-dark.png'),
				});
				return { items: shown.length };
			},
			darkPage,
		);

		await part('credential forms mask secrets', async (problems) => {
			for (const [type, { id }] of Object.entries(credentialIds)) {
				await page.goto(`${base}/home/credentials/${id}`);
				const form = await p.credentialFormState(page, secrets);
				await page.screenshot({
					path: path.join(shots, `credential-${type}.png`),
				});
				if ((secretFields[type] ?? []).length && form.passwordInputs === 0) problems.push(`${type}: no masked (password) field`);
				if (form.shown.length) problems.push(`${type}: the form shows ${form.shown.length} secret(s)`);
			}
			return { items: Object.keys(credentialIds).length };
		});
	} finally {
		if (browser) await browser.close().catch(() => undefined);
		await server.stop();
		cli.outputs.push({
			where: 'n8n start (editor check)',
			text: server.output(),
		});
	}
	return rows;
}

module.exports = { editorCheck };
