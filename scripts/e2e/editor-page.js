// What a person does in n8n 2.41.1's editor, as Playwright steps on the
// editor's own data-test-id attributes (the ones n8n's end-to-end tests use),
// each bounded in time. Used by editor-check.js.
'use strict';

const { OWNER } = require('./n8n-server');

const WAIT_MS = 30_000;
const byTestId = (id) => `[data-test-id="${id}"]`;
// The panel keeps the lists it slid away from in the DOM, hidden: only visible entries count.
const ITEM_NAME = `${byTestId('node-creator-item-name')}:visible`;

function escape(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The visible panel entry named exactly `name`. */
function entry(page, name) {
	return page.locator(ITEM_NAME, { hasText: new RegExp(`^${escape(name)}$`) }).first();
}

async function signIn(page, base) {
	await page.goto(`${base}/signin`);
	await page.locator('input[type="email"]').fill(OWNER.email);
	await page.locator('input[type="password"]').fill(OWNER.password);
	await page.locator(byTestId('form-submit-button')).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), {
		timeout: WAIT_MS,
	});
}

async function newWorkflow(page, base) {
	await page.goto(`${base}/workflow/new`);
	await page.locator(byTestId('canvas')).waitFor({ timeout: WAIT_MS });
}

/** Opens the nodes panel (the first-step button on an empty canvas, else the "+" button) and searches. */
async function searchNodes(page, text) {
	const search = page.locator(byTestId('node-creator-search-bar'));
	const first = page.locator(byTestId('canvas-add-button'));
	if (await search.isVisible()) await search.fill('');
	else if (await first.isVisible()) await first.click();
	else await page.locator(byTestId('node-creator-plus-button')).click();
	await search.waitFor({ timeout: WAIT_MS });
	await search.fill(text);
}

/** The names the nodes panel lists, once it lists `expected` (or after the wait, whatever it lists then). */
async function listedNames(page, expected, timeoutMs = 10_000) {
	await entry(page, expected)
		.waitFor({ timeout: timeoutMs })
		.catch(() => undefined);
	return page.locator(ITEM_NAME).allInnerTexts();
}

/** The panel's entry for a node: its name element's item (the one holding the icon). */
function panelItem(page, name) {
	return page
		.locator(byTestId('item-iterator-item'))
		.filter({ has: entry(page, name) })
		.first();
}

/**
 * src and load state of every <img> under a locator; a loaded image has a
 * natural width. An image still loading gets up to 10 s to finish.
 */
function images(locator) {
	return locator.locator('img').evaluateAll((els) =>
		Promise.all(
			els.map(
				(img) =>
					new Promise((resolve) => {
						const state = () =>
							resolve({
								src: img.getAttribute('src'),
								loaded: img.complete && img.naturalWidth > 0,
							});
						if (img.complete) return state();
						img.addEventListener('load', state);
						img.addEventListener('error', state);
						setTimeout(state, 10_000);
					}),
			),
		),
	);
}

/**
 * Problems with the icon under `locator`: none when one <img> of ours is
 * there, loaded, and is the light or dark file the theme calls for.
 */
async function iconProblems(locator, file, where) {
	const found = await images(locator);
	if (found.length === 0) return [`${where}: no icon image`];
	const ours = found.find((img) => img.src && img.src.endsWith(`/${file}`));
	if (!ours) return [`${where}: the icon is ${found.map((i) => i.src).join(', ')}, not …/${file}`];
	return ours.loaded ? [] : [`${where}: the icon ${ours.src} did not load`];
}

/**
 * The entries of a node's panel (its triggers, "On …", and actions). When a
 * trigger is wanted first, n8n shows the actions collapsed: they are expanded.
 */
async function actionNames(page) {
	// The vendor's panel has its Triggers/Actions headings; wait for it to replace the search results.
	await page
		.locator(`${byTestId('node-creator-category-item')}:visible`)
		.first()
		.waitFor({ timeout: 10_000 })
		.catch(() => undefined);
	await page.locator(ITEM_NAME).first().waitFor({ timeout: WAIT_MS });
	const collapsed = page.locator(`[data-category-collapsed="true"] > ${byTestId('node-creator-category-item')}[data-keyboard-nav-id="Actions"]:visible`);
	if (await collapsed.count()) {
		await collapsed.first().click();
		await page.locator(ITEM_NAME, { hasNotText: /^On / }).first().waitFor({ timeout: WAIT_MS });
	}
	return page.locator(ITEM_NAME).allInnerTexts();
}

/** Opens a dropdown parameter and returns the options it offers, then closes it. */
async function dropdownOptions(page, parameter) {
	await page.locator(byTestId(`parameter-input-${parameter}`)).click();
	const options = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
	await options.first().waitFor({ timeout: WAIT_MS });
	const names = await options.allInnerTexts();
	await page.keyboard.press('Escape');
	return names.map((n) => n.trim()).filter(Boolean);
}

async function closeNdv(page) {
	const ndv = page.locator(byTestId('ndv'));
	if (await ndv.isVisible()) {
		await page.locator(byTestId('ndv-close-button')).click();
		await ndv.waitFor({ state: 'hidden', timeout: WAIT_MS });
	}
}

/**
 * The open credential form: how many password inputs it has, and which of
 * `secrets` show anywhere in the page (input values and the whole DOM).
 */
async function credentialFormState(page, secrets) {
	const dialog = page.locator(byTestId('credential-edit-dialog'));
	await dialog.waitFor({ timeout: WAIT_MS });
	// Fields render after the credential's data arrives.
	await dialog.locator('input').first().waitFor({ timeout: WAIT_MS });
	const passwordInputs = await dialog.locator('input[type="password"]').count();
	const values = await page.locator('input, textarea').evaluateAll((els) => els.map((e) => e.value));
	const html = await page.content();
	const shown = secrets.filter((s) => html.includes(s) || values.some((v) => v.includes(s)));
	return { dialog, passwordInputs, shown };
}

module.exports = {
	WAIT_MS,
	byTestId,
	entry,
	signIn,
	newWorkflow,
	searchNodes,
	listedNames,
	panelItem,
	iconProblems,
	actionNames,
	dropdownOptions,
	closeNdv,
	credentialFormState,
};
