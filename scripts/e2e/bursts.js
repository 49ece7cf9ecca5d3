// The worst ordinary day for the triggers in a real n8n (`n8n start`, SQLite,
// published workflows, production webhook URLs): a burst of customer messages
// at once, the same burst redelivered at once, and again after n8n restarted;
// a SuperOffice event delivered twice at once and again after the restart.
// Each must start exactly one execution and one reply, counted by the caller
// in n8n's database and at the sandbox (triggers.js).
'use strict';

const path = require('node:path');

const { ROOT } = require('./config');

const ednaBot = require(path.join(ROOT, 'test', 'sandbox', 'vendors', 'edna-bot'));
const superOfficeWebhooks = require(path.join(ROOT, 'test', 'sandbox', 'vendors', 'superoffice-webhooks'));

/** How many distinct customer messages the edna burst carries. */
const BURST = 100;

/** Sends every event at once; returns the statuses that were not edna's 202. */
async function sendAll(sandbox, events) {
	const statuses = await Promise.all(events.map((event) => ednaBot.send(sandbox, event)));
	return statuses.filter((status) => status !== 202);
}

/** The last SuperOffice delivery of a customer message, as SuperOffice would send it again. */
function lastSuperOfficeDelivery(sandbox) {
	const { deliveries } = superOfficeWebhooks.webhookState(superOfficeWebhooks.tenantOf(sandbox));
	return deliveries.filter((d) => d.event === 'chatsession.message').at(-1);
}

/** The same delivery twice at once; returns the statuses that were not 200. */
async function redeliverTwice(sandbox, delivery) {
	const statuses = await Promise.all([superOfficeWebhooks.redeliver(sandbox, delivery), superOfficeWebhooks.redeliver(sandbox, delivery)]);
	return statuses.filter((status) => status !== 200);
}

/**
 * Before the restart: the edna burst twice (the second is a redelivery) and
 * the SuperOffice event twice at once; `afterFirstBurst` looks at n8n between
 * the burst and its redelivery and returns problems. Returns what is needed after the
 * restart and the problems seen (statuses other than the vendor expects).
 */
async function beforeRestart({ sandbox, waitForReplies, afterFirstBurst }) {
	const problems = [];
	const events = ednaBot.customerMessages(sandbox, BURST, { label: 'e2e burst' });
	const first = await sendAll(sandbox, events);
	if (first.length) problems.push(`edna burst: ${first.length} of ${BURST} got ${[...new Set(first)]}, not 202`);
	await waitForReplies(BURST);
	problems.push(...(await afterFirstBurst()));
	const again = await sendAll(sandbox, events);
	if (again.length) problems.push(`edna redelivery: ${again.length} of ${BURST} got ${[...new Set(again)]}, not 202`);
	const delivery = lastSuperOfficeDelivery(sandbox);
	const twice = delivery ? await redeliverTwice(sandbox, delivery) : ['no delivery to repeat'];
	if (twice.length) problems.push(`SuperOffice redelivery: ${twice}`);
	return { events, delivery, problems };
}

/** After the restart: the same edna burst and the same SuperOffice delivery once more. */
async function afterRestart({ sandbox, events, delivery }) {
	const problems = [];
	const late = await sendAll(sandbox, events);
	if (late.length) problems.push(`edna redelivery after the restart: ${late.length} of ${BURST} got ${[...new Set(late)]}, not 202`);
	if (delivery) {
		const status = await superOfficeWebhooks.redeliver(sandbox, delivery);
		if (status !== 200) problems.push(`SuperOffice redelivery after the restart got ${status}`);
	}
	return problems;
}

module.exports = { BURST, beforeRestart, afterRestart };
