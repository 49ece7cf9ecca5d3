// Send and Wait for Response, for every vendor and response type, through
// n8n's engine: the question goes out with working links, the execution
// waits (as n8n stores it), the customer answers on the page a link opens,
// and the execution goes on with n8n's output shape; forged links are
// refused and the execution keeps waiting; Limit Wait Time resumes it with
// its input. The waiting and resuming are test/harness/waiting.js, which does
// what n8n 2.41.1's server does (signature check included).
'use strict';

const { WAIT_INDEFINITELY } = require('n8n-workflow');
const { useSandbox, secretsOf, expectNoSecrets } = require('../helpers');
const { VENDORS, useWaitingHost, ask, submitForm } = require('./send-and-wait');

const env = useSandbox();
const waiting = useWaitingHost();

const FORM = {
	responseType: 'customForm',
	defineForm: 'fields',
	formFields: {
		values: [
			{ fieldLabel: 'Preferred day', fieldType: 'dropdown', fieldOptions: { values: [{ option: 'Tuesday' }, { option: 'Wednesday' }] }, requiredField: true },
			{ fieldLabel: 'People', fieldType: 'number' },
			{ fieldLabel: 'Needs', fieldType: 'checkbox', fieldOptions: { values: [{ option: 'Parking' }, { option: 'Wheelchair access' }] } },
			{ fieldLabel: 'Name', fieldType: 'text', requiredField: true },
			{ fieldName: 'source', fieldType: 'hiddenField', fieldValue: 'n8n' },
		],
	},
};

/** The output of the vendor's node in the execution's latest run. */
const outputOf = (spec, execution) => execution.result.output(spec.node);

describe.each(VENDORS)('$name: Send and Wait for Response', (spec) => {
	const run = (options) => ask(waiting.host, env.sandbox, spec, options);

	test('Approval: one question with a Decline and an Approve link, and the execution waits', async () => {
		const { execution, sent, text, links } = await run({ parameters: { approvalOptions: { values: { approvalType: 'double' } } } });
		expect(execution.status).toBe('waiting');
		expect(execution.waitTill).toEqual(WAIT_INDEFINITELY);
		expect(sent).toHaveLength(1);
		expect(text.startsWith(`${spec.input.question}\n\n`)).toBe(true);
		expect(Object.keys(links)).toEqual(['✗ Decline', '✓ Approve']);
		for (const url of Object.values(links)) {
			expect(url.startsWith(`${execution.resumeUrl}/`)).toBe(true);
			expect(new URL(url).searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		}
		expect(text).toContain('This message was sent automatically with n8n');
	});

	test('Approval: opening a link shows the answers and answers nothing; tapping Approve resumes with { data: { approved: true } }', async () => {
		const { execution, links } = await run({ parameters: { approvalOptions: { values: { approvalType: 'double' } } } });
		const page = await fetch(links['✓ Approve']);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await page.text();
		expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
		expect(html).toContain(spec.input.question);
		const actions = [...html.matchAll(/<form class="inline" method="post" action="([^"]+)"><button type="submit" class="(\w*)" data-approved="(\w+)">/g)];
		// The answer the link was for comes first and stands out.
		expect(actions.map((a) => [a[2], a[3]])).toEqual([
			['primary', 'true'],
			['', 'false'],
		]);
		expect(execution.status).toBe('waiting');

		const approve = new URL(actions[0][1].replace(/&amp;/g, '&'), links['✓ Approve']);
		const answered = await fetch(approve, { method: 'POST' });
		expect(answered.status).toBe(200);
		expect(await answered.text()).toContain('Got it, thanks');
		await execution.settled();
		expect(execution.status).toBe('success');
		expect(outputOf(spec, execution)).toEqual([{ json: { data: { approved: true, respondedAt: expect.any(String) } }, pairedItem: { item: 0 } }]);
		expect(Date.parse(outputOf(spec, execution)[0].json.data.respondedAt)).not.toBeNaN();
		expect(env.sandbox.received(spec.vendor)).toHaveLength(1);
	});

	test('Approval: Decline resumes with { data: { approved: false } }; a second answer finds nothing to do', async () => {
		const { execution, links } = await run({ parameters: { approvalOptions: { values: { approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No' } } } });
		expect(Object.keys(links)).toEqual(['No', 'Yes']);
		expect((await fetch(links.No, { method: 'POST' })).status).toBe(200);
		await execution.settled();
		expect(outputOf(spec, execution)[0].json.data.approved).toBe(false);
		const late = await fetch(links.Yes, { method: 'POST' });
		expect(late.status).toBe(200);
		expect(await late.text()).toContain('No action required');
		expect(execution.runs).toHaveLength(2);
		expect(outputOf(spec, execution)[0].json.data.approved).toBe(false);
	});

	test('Approval: Approve Only gives one link; without attribution the text ends with it', async () => {
		const { text, links } = await run({ parameters: { approvalOptions: { values: { approvalType: 'single', approveLabel: 'Confirm' } }, options: { appendAttribution: false } } });
		expect(Object.keys(links)).toEqual(['Confirm']);
		expect(text.endsWith(links.Confirm)).toBe(true);
	});

	test('a forged, moved or missing signature is refused with 401 and the execution keeps waiting', async () => {
		const { execution, links } = await run({ parameters: { approvalOptions: { values: { approvalType: 'double' } } } });
		const decline = new URL(links['✗ Decline']);
		const forged = new URL(decline);
		forged.searchParams.set('signature', 'f'.repeat(64));
		// The Decline link's signature on an Approve answer: the signature covers the query.
		const switched = new URL(decline);
		switched.searchParams.set('approved', 'true');
		const unsigned = new URL(decline);
		unsigned.searchParams.delete('signature');
		for (const url of [forged, switched, unsigned]) {
			for (const method of ['GET', 'POST']) {
				const answer = await fetch(url, { method });
				expect([url.search, method, answer.status]).toEqual([url.search, method, 401]);
			}
		}
		expect(execution.status).toBe('waiting');
		expect(execution.runs).toHaveLength(1);
		// The genuine link still works.
		expect((await fetch(decline, { method: 'POST' })).status).toBe(200);
		await execution.settled();
		expect(outputOf(spec, execution)[0].json.data.approved).toBe(false);
	});

	test("one execution's signature does not open another's", async () => {
		const first = await run();
		const second = await run();
		const moved = first.links['✓ Approve'].replace(`/webhook-waiting/${first.execution.id}/`, `/webhook-waiting/${second.execution.id}/`);
		expect((await fetch(moved, { method: 'POST' })).status).toBe(401);
		expect(second.execution.status).toBe('waiting');
	});

	test('Free Text: the link opens a form; its answer resumes with { data: { text } }, an empty one is asked again', async () => {
		const { execution, links, text } = await run({ parameters: { responseType: 'freeText', options: { messageButtonLabel: 'Answer here' } } });
		expect(Object.keys(links)).toEqual(['Answer here']);
		expect(text).toContain('Answer here:\n');
		const form = await (await fetch(links['Answer here'])).text();
		expect(form).toContain('<textarea id="field-0" name="field-0" required>');
		expect(form).toContain('enctype="multipart/form-data"');
		const empty = await submitForm(links['Answer here'], [['field-0', '']]);
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Please fill in');
		expect(execution.status).toBe('waiting');
		expect((await submitForm(links['Answer here'], [['field-0', 'Tuesday is fine, but 11:00 would be better.']])).status).toBe(200);
		await execution.settled();
		expect(outputOf(spec, execution)).toEqual([
			{ json: { data: { text: 'Tuesday is fine, but 11:00 would be better.', respondedAt: expect.any(String) } }, pairedItem: { item: 0 } },
		]);
	});

	test('Custom Form: each field comes back under its name, typed as n8n’s form returns it', async () => {
		const { execution, links } = await run({ parameters: { ...FORM, options: { responseFormTitle: 'Your visit', responseFormButtonLabel: 'Send' } } });
		const url = links.Respond;
		const form = await (await fetch(url)).text();
		expect(form).toContain('<h1>Your visit</h1>');
		expect(form).toContain('<option>Wednesday</option>');
		expect(form).toContain('<input type="hidden" name="field-4" value="n8n">');
		expect(form).toContain('>Send</button>');
		const answer = [
			['field-0', 'Wednesday'],
			['field-1', '3'],
			['field-2', 'Parking'],
			['field-2', 'Wheelchair access'],
			['field-3', '  Ann Lee  '],
			['field-4', 'n8n'],
		];
		expect((await submitForm(url, answer)).status).toBe(200);
		await execution.settled();
		expect(outputOf(spec, execution)[0].json).toEqual({
			data: { 'Preferred day': 'Wednesday', People: 3, Needs: ['Parking', 'Wheelchair access'], Name: 'Ann Lee', source: 'n8n', respondedAt: expect.any(String) },
		});
	});

	test('Custom Form: a missing required field, an option the form did not offer or a non-form body leave the execution waiting', async () => {
		const { execution, links } = await run({ parameters: FORM });
		const url = links.Respond;
		const missing = await submitForm(url, [['field-0', 'Tuesday']]);
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('Please fill in “Name”.');
		const unknown = await submitForm(url, [['field-0', 'Sunday'], ['field-3', 'Ann']]);
		expect(unknown.status).toBe(400);
		// n8n accepts a Custom Form answer only as multipart/form-data (webhook-helpers requiresMultipartFormData).
		const json = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ 'field-0': 'Tuesday' }) });
		expect(json.status).toBe(415);
		expect(execution.status).toBe('waiting');
		expect(execution.runs).toHaveLength(1);
	});

	test('Custom Form defined as JSON, in n8n’s Form syntax', async () => {
		const fields = [{ fieldLabel: 'Rating', fieldType: 'radio', fieldOptions: { values: [{ option: '1' }, { option: '5' }] }, requiredField: true }];
		const { execution, links } = await run({ parameters: { responseType: 'customForm', defineForm: 'json', jsonOutput: JSON.stringify(fields) } });
		expect((await submitForm(links.Respond, [['field-0', '5']])).status).toBe(200);
		await execution.settled();
		expect(outputOf(spec, execution)[0].json.data.Rating).toBe('5');
	});

	test('a form that cannot be built fails the node before anything is sent', async () => {
		const bad = { responseType: 'customForm', defineForm: 'json', jsonOutput: '[{ "fieldLabel": "Photo", "fieldType": "file" }]' };
		const { execution, sent } = await run({ parameters: bad });
		expect(execution.status).toBe('error');
		expect(execution.result.error.message).toMatch(/Form element 1 is of type "file"/);
		expect(sent).toEqual([]);
	});

	test('Limit Wait Time after an interval: the execution waits until then and goes on with its input items', async () => {
		const before = Date.now();
		const { execution } = await run({ parameters: { options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } } } } });
		const after = Date.now();
		expect(execution.waitTill.getTime()).toBeGreaterThanOrEqual(before + 45 * 60_000);
		expect(execution.waitTill.getTime()).toBeLessThanOrEqual(after + 45 * 60_000);
		expect(await waiting.host.resumeDue(new Date(execution.waitTill.getTime() - 1))).toEqual([]);
		expect(execution.status).toBe('waiting');
		expect(await waiting.host.resumeDue(execution.waitTill)).toEqual([execution]);
		expect(execution.status).toBe('success');
		expect(outputOf(spec, execution)).toEqual([{ json: spec.input, pairedItem: { item: 0 } }]);
		expect(env.sandbox.received(spec.vendor)).toHaveLength(1);
	});

	test('Limit Wait Time at a date; an answer before it wins, and the limit then finds nothing waiting', async () => {
		const { execution, links } = await run({ parameters: { options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2031-05-06T10:00:00.000Z' } } } } });
		expect(execution.waitTill.toISOString()).toBe('2031-05-06T10:00:00.000Z');
		await fetch(links['✓ Approve'], { method: 'POST' });
		await execution.settled();
		expect(await waiting.host.resumeDue(new Date('2031-05-06T10:00:00.000Z'))).toEqual([]);
		expect(outputOf(spec, execution)[0].json.data.approved).toBe(true);
	});

	test('a Limit Wait Time that is no date stops the node before anything is sent', async () => {
		const { execution, sent } = await run({ parameters: { options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'next week' } } } } });
		expect(execution.status).toBe('error');
		expect(execution.result.error.message).toBe('Could not configure Limit Wait Time');
		expect(sent).toEqual([]);
	});

	test('a vendor error with Continue On Fail comes back as an error item, and nothing waits', async () => {
		env.sandbox.misbehave({ vendor: spec.vendor, status: 500, times: 1 });
		const { execution } = await run({ settings: { onError: 'continueRegularOutput' } });
		expect(execution.status).toBe('success');
		expect(outputOf(spec, execution)).toEqual([
			{ json: { error: expect.stringMatching(/HTTP 500/), details: { delivery: 'mayHaveBeenDelivered' } }, pairedItem: { item: 0 } },
		]);
	});

	test('no secret appears in the run, the question or the pages', async () => {
		const { execution, text, links } = await run({ parameters: { responseType: 'freeText' } });
		const page = await (await fetch(links.Respond)).text();
		await submitForm(links.Respond, [['field-0', 'ok']]);
		await execution.settled();
		for (const result of execution.runs) expectNoSecrets(result, secretsOf(env.sandbox, spec.vendor));
		for (const secret of secretsOf(env.sandbox, spec.vendor)) {
			expect(text).not.toContain(secret);
			expect(page).not.toContain(secret);
		}
	});
});

describe('Send and Wait for Response in the node descriptions', () => {
	const { loadPackage } = require('../harness/engine');

	test('every action node offers it in version 1 and 2, never as the default operation, with n8n’s restart webhooks', async () => {
		const loader = await loadPackage();
		const nodes = ['ednaChatCenter', 'evoVoice', 'superOffice'].map((name) => loader.nodeTypes[name].type);
		for (const versioned of nodes) {
			for (const version of [1, 2]) {
				const { description } = versioned.nodeVersions[version];
				const operations = description.properties.filter((p) => p.name === 'operation');
				const withSendAndWait = operations.filter((p) => p.options.some((o) => o.value === 'sendAndWait'));
				expect(withSendAndWait).toHaveLength(1);
				// n8n leaves a parameter that equals its default out of the saved workflow; the waiting webhook
				// checks the signature only for nodes whose saved Operation is sendAndWait.
				expect(withSendAndWait[0].default).not.toBe('sendAndWait');
				expect(description.webhooks.map((w) => [w.httpMethod, w.path, w.restartWebhook, w.isFullPath])).toEqual([
					['GET', '={{ $nodeId }}', true, true],
					['POST', '={{ $nodeId }}', true, true],
				]);
				expect(typeof versioned.nodeVersions[version].webhook).toBe('function');
			}
		}
	});
});
