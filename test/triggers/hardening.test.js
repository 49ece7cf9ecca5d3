'use strict';

// The triggers' own requests (SuperOffice's webhook registration, the polls)
// go through the shared transport, so a vendor address that redirects
// elsewhere fails activation in one sentence and never gets the credential
// to the other host — as for the action nodes (test/shared/hardening.test.js).
const { useSandbox, loadWorkflow, credentialsOf, secretsOf, withServer } = require('../helpers');
const { useTriggerHost } = require('./support');
const { startElsewhere } = require('../sandbox/elsewhere');

const env = useSandbox();
const triggers = useTriggerHost();

const TRIGGERS = [
	['EvoVoice Trigger (its first poll)', 'evovoice', 'evovoice/trigger.workflow.json', 'EvoVoice'],
	['SuperOffice Trigger (webhook registration)', 'superoffice', 'superoffice/trigger.workflow.json', 'SuperOffice'],
	['SuperOffice Chat Polling Trigger (its first poll)', 'superoffice', 'superoffice/chat-polling-trigger.workflow.json', 'SuperOffice'],
];

describe.each(TRIGGERS)('%s', (_title, vendor, file, vendorName) => {
	test('a redirect to another host fails activation, and nothing reaches that host', () =>
		withServer(startElsewhere, async (elsewhere) => {
			env.sandbox.misbehave({ vendor, status: 307, redirect: `${elsewhere.url}/collect`, times: 10 });
			const error = await triggers.host
				.activate(loadWorkflow(file), { credentials: credentialsOf(env.sandbox, vendor) })
				.catch((e) => e);
			expect(error).toBeInstanceOf(Error);
			expect(error.message).toMatch(
				new RegExp(`^${vendorName} at http://127\\.0\\.0\\.1:\\d+ redirected the request to ${elsewhere.url.replace(/\./g, '\\.')} \\(HTTP 307\\)\\. The node does not follow redirects`),
			);
			expect(elsewhere.requests).toEqual([]);
			for (const secret of secretsOf(env.sandbox, vendor)) expect(error.message).not.toContain(secret);
		}),
	);
});
