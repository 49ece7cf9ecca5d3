// Shared set-up for the SuperOffice tests: which sandbox tenant each
// Authentication choice signs in to, and workflows switched to a given one.
'use strict';

const { loadWorkflow } = require('../helpers');
const superoffice = require('../sandbox/vendors/superoffice');

/**
 * Per Authentication choice: the tenant its sandbox credential points at, an
 * open chat session there with its seeded message IDs, and who signs in.
 */
const AUTHS = {
	basic: { tenant: 'SuperOffice', session: 7, seeded: [1, 2], nextId: 4, associate: 'KARI', scheme: 'Basic' },
	soTicket: { tenant: 'Cust12345', session: 101, seeded: [1001, 1002, 1003], nextId: 1007, associate: 'ANNA', scheme: 'SOTicket' },
	bearer: { tenant: 'Cust12345', session: 101, seeded: [1001, 1002, 1003], nextId: 1007, associate: 'OLA', scheme: 'Bearer' },
};

/** The three credentials the sandbox accepts, keyed by credential type. */
function credentialsOf(sandbox) {
	return sandbox.credentials().superoffice;
}

/** Every secret the sandbox credentials hold; none may show up in a run's output. */
function secretsOf(sandbox) {
	const c = credentialsOf(sandbox);
	return [
		c.superOfficeBasicApi.password,
		Buffer.from(`${c.superOfficeBasicApi.username}:${c.superOfficeBasicApi.password}`).toString('base64'),
		c.superOfficeSoTicketApi.ticketToken,
		c.superOfficeSoTicketApi.appToken,
		c.superOfficeBearerApi.accessToken,
		superoffice.accounts.onsite.ticket,
	];
}

/** Loads a SuperOffice workflow with every SuperOffice node set to `authentication`, plus overrides. */
function workflowFor(file, authentication, overrides = {}) {
	const workflow = loadWorkflow(`superoffice/${file}`, overrides);
	for (const node of workflow.nodes) {
		if (node.type.endsWith('.superOffice')) node.parameters.authentication = authentication;
	}
	return workflow;
}

module.exports = { AUTHS, credentialsOf, secretsOf, workflowFor, superoffice };
