// The longer steps of the editor check (editor-check.js): which nodes the
// package has, the picture of the canvas, and a message sent from the editor.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT, classOfFile } = require('./config');
const { waitFor } = require('./processes');
const p = require('./editor-page');

const SENT_TEXT = 'Sent from the n8n editor by the e2e check';
/**
 * Each action node on the canvas (the README's picture): the action put there,
 * every field that action requires, so that no node shows n8n's "parameters
 * missing" warning (`{ id }`: a list field set By ID), and whether "Execute
 * step" sends it to the sandbox.
 */
const CANVAS_NODES = {
	ednaChatCenter: { action: 'Send a message to a client', fields: { clientId: 'crm-42', login: 'agent.anna', text: SENT_TEXT }, run: true },
	evoVoice: { action: 'Send a message', fields: { endpointId: { id: 'ep-main' }, toAddress: '+15557770001', body: 'Your order has shipped.' } },
	superOffice: { action: 'Add a chat message', fields: { chatSessionId: { id: '101' }, message: 'Thanks, Kari: your order has shipped.' } },
};

/**
 * Our nodes as the packed package declares them: name, display name, trigger
 * or not, tool or not, icon files. The classes are loaded from the working
 * tree's dist/ (what was packed): the installed copy cannot resolve
 * n8n-workflow outside n8n.
 */
function packageNodes(packageDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	return manifest.n8n.nodes.flatMap((file) =>
		[classOfFile(path.join(ROOT, file))]
			.filter((Type) => Type !== undefined)
			.map((Type) => {
				const node = new Type();
				const d = node.nodeVersions ? node.nodeVersions[node.currentVersion].description : node.description;
				const icon = d.icon ?? node.description.icon;
				return {
					name: d.name,
					displayName: d.displayName,
					trigger: d.group.includes('trigger'),
					tool: d.usableAsTool === true,
					light: path.basename(icon.light),
					dark: path.basename(icon.dark),
					vendor: d.displayName.split(' ')[0],
				};
			}),
	);
}

/**
 * The canvas of the action nodes, tidied up: canvas-light.png (the window) and
 * editor.png (the nodes only, small: the README's picture, docs/images/editor.png).
 */
async function canvasPicture(page, shots) {
	await page.locator(p.byTestId('tidy-up-button')).click();
	await page.locator(p.byTestId('zoom-to-fit')).click();
	// The canvas animates to its fitted view.
	await page.waitForTimeout(1_000);
	await page.screenshot({ path: path.join(shots, 'canvas-light.png') });
	const boxes = await page.locator(p.byTestId('canvas-node')).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
	// Room for the node names under and beside the boxes.
	const pad = 90;
	const x = Math.max(0, Math.min(...boxes.map((b) => b.left)) - pad);
	const y = Math.max(0, Math.min(...boxes.map((b) => b.top)) - 30);
	const width = Math.min(1280 - x, Math.max(...boxes.map((b) => b.right)) + pad - x);
	const height = Math.max(...boxes.map((b) => b.bottom)) + 80 - y;
	await page.screenshot({ path: path.join(shots, 'editor.png'), clip: { x, y, width, height } });
}

/** Types the node's CANVAS_NODES fields into its open details view, as a person would. */
async function fillFields(page, ndv, nodeName) {
	for (const [parameter, value] of Object.entries(CANVAS_NODES[nodeName]?.fields ?? {})) {
		if (typeof value === 'object') {
			const locator = ndv.locator(p.byTestId(`resource-locator-${parameter}`));
			await locator.locator(p.byTestId('rlc-mode-selector')).click();
			await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible', { hasText: /^\s*By ID\s*$/ }).first().click();
			await locator.locator(`${p.byTestId('rlc-input')} input, input${p.byTestId('rlc-input')}`).first().fill(value.id);
			continue;
		}
		await ndv
			.locator(`${p.byTestId(`parameter-input-${parameter}`)} input, ${p.byTestId(`parameter-input-${parameter}`)} textarea`)
			.first()
			.fill(value);
	}
}

/** Presses "Execute step" on the filled node: the sandbox must receive the message once. */
async function runFromEditor(page, ndv, sandbox, shots, problems) {
	sandbox.reset();
	await ndv.locator(p.byTestId('node-execute-button')).click();
	await waitFor('the message at the sandbox after "Execute step"', () => sandbox.ledger.length > 0, 60_000);
	await ndv
		.locator(p.byTestId('ndv-output-panel'))
		.locator(p.byTestId('run-data-item-count'))
		.waitFor()
		.catch(() => undefined);
	await page.screenshot({ path: path.join(shots, 'run-from-editor.png') });
	const received = sandbox.received('edna');
	if (received.length !== 1) problems.push(`the sandbox received ${received.length} edna messages; expected 1`);
	if (received[0] && received[0].body?.text !== SENT_TEXT) problems.push('the message the sandbox received is not the text typed in the editor');
	return `${received.length}/1`;
}

module.exports = { CANVAS_NODES, packageNodes, fillFields, canvasPicture, runFromEditor };
