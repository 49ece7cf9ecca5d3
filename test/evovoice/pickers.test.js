'use strict';

// The From List pickers for Endpoint ID and Session ID, through the node's
// list-search methods as the editor calls them, and Send reading either mode.
const { useSandbox, items, credentialsOf, runWorkflow, loadWorkflow } = require('../helpers');
const { listSearch } = require('../harness/list-search');
const { USERS } = require('../sandbox/vendors/evovoice');

const env = useSandbox();

const search = (method, { credentials = credentialsOf(env.sandbox, 'evovoice'), ...rest } = {}) =>
	listSearch('evoVoice', method, { credentials, ...rest });
const queries = () => env.sandbox.requests.map((r) => [r.path, r.query]);

describe('EvoVoice pickers: Endpoint', () => {
	test('first page of the user’s endpoints, numbers shown next to names; the token asks for the next page', async () => {
		const first = await search('searchEndpoints');
		expect(first.results).toHaveLength(50);
		expect(first.results.slice(0, 4)).toEqual([
			{ name: 'Acme Support Line (+15550001111)', value: 'ep-main' },
			{ name: 'Acme Sales Line (+15550002222)', value: 'ep-sales' },
			{ name: 'Anna (agent)', value: 'ep-anna' },
			{ name: 'Acme Labs Line (+15550003333)', value: 'ep-labs' },
		]);
		expect(first.paginationToken).toBe('1');
		const second = await search('searchEndpoints', { paginationToken: first.paginationToken });
		expect(second.results.map((r) => r.value)).toEqual(Array.from({ length: 14 }, (_, i) => `ep-agent-${String(i + 47).padStart(2, '0')}`));
		expect(second.paginationToken).toBeUndefined();
		expect(queries()).toEqual([
			['/endpoints', { page: '0', countPerPage: '50' }],
			['/endpoints', { page: '1', countPerPage: '50' }],
		]);
	});

	test('search by name goes to EvoVoice as the name filter', async () => {
		const { results } = await search('searchEndpoints', { filter: 'sales' });
		expect(results).toEqual([{ name: 'Acme Sales Line (+15550002222)', value: 'ep-sales' }]);
		expect(queries()).toEqual([['/endpoints', { nameFilter: 'sales', page: '0', countPerPage: '50' }]]);
	});

	test('search by number, typed with spaces and dashes, goes as the phone-number filter', async () => {
		const { results } = await search('searchEndpoints', { filter: '+1 555-000 3' });
		expect(results.map((r) => r.value)).toEqual(['ep-labs']);
		expect(queries()).toEqual([['/endpoints', { phoneNumberFilter: '+15550003', page: '0', countPerPage: '50' }]]);
	});

	test('a plain User gets 403: the list says so and points to By ID, which still sends', async () => {
		const credentials = credentialsOf(env.sandbox, 'evovoice', { evoVoiceBasicApi: { email: USERS.agent.email, password: USERS.agent.password } });
		await expect(search('searchEndpoints', { credentials })).rejects.toThrow(
			'EvoVoice did not list the endpoints (HTTP 403): Requires any of the roles: SystemAdministrator, Manager, Customer. The signed-in user may not list endpoints: choose By ID and enter the ID instead.',
		);
		const workflow = loadWorkflow('evovoice/send-to-endpoint.workflow.json', {
			'Send Message': { parameters: { endpointId: { __rl: true, mode: 'id', value: 'ep-main' } } },
		});
		const result = await runWorkflow(workflow, { credentials, input: items({ toAddress: '+15556667777', text: 'By ID works' }) });
		expect(result.status).toBe('success');
		expect(env.sandbox.received('evovoice').map((e) => [e.body.endpointId, e.body.body])).toEqual([['ep-main', 'By ID works']]);
	});

	test('a wrong password: EvoVoice’s 401 with the credential hint', async () => {
		const credentials = credentialsOf(env.sandbox, 'evovoice', { evoVoiceBasicApi: { password: 'nope' } });
		await expect(search('searchEndpoints', { credentials })).rejects.toThrow('EvoVoice did not list the endpoints (HTTP 401): Invalid UserName or Password.');
	});
});

describe('EvoVoice pickers: Session', () => {
	test('recent sessions named by their parties; the search matches the From address', async () => {
		expect(await search('searchSessions')).toEqual({
			results: [
				{ name: '+15557770004 → +15550002222 · 2024-05-03T10:30:00Z', value: 'ses-1002' },
				{ name: '+15557770001 → +15550001111 · 2024-05-02T09:00:00Z', value: 'ses-1001' },
				{ name: '+15557770002 → +15550001111 · 2024-04-28T16:00:00Z (ended)', value: 'ses-0999' },
			],
			paginationToken: undefined,
		});
		const { results } = await search('searchSessions', { filter: '0001' });
		expect(results.map((r) => r.value)).toEqual(['ses-1001']);
		expect(queries()[1]).toEqual(['/sessions', { from: '0001', page: '0', countPerPage: '50' }]);
	});

	test('a picked session is where Send posts; a plain-text ID saved before the picker still works', async () => {
		for (const sessionId of [{ __rl: true, mode: 'list', value: 'ses-1001', cachedResultName: '+15557770001 → +15550001111' }, 'ses-1001']) {
			const workflow = loadWorkflow('evovoice/send-to-session.workflow.json', { 'Send Message': { parameters: { sessionId } } });
			const result = await runWorkflow(workflow, { credentials: credentialsOf(env.sandbox, 'evovoice'), input: items({ text: 'hi' }) });
			expect(result.status).toBe('success');
		}
		expect(env.sandbox.received('evovoice', 'sendToSession').map((e) => e.sessionId)).toEqual(['ses-1001', 'ses-1001']);
	});
});
