'use strict';

// The From List pickers (resource locators) for Chat Session and Chat Topic,
// run through the node's list-search methods as the editor calls them, and a
// workflow saved before they existed (plain-text ID) running unchanged.
const { useSandbox, items, credentialsOf, runWorkflow } = require('../helpers');
const { listSearch } = require('../harness/list-search');
const { workflowFor } = require('./support');

const env = useSandbox();

function search(method, { authentication = 'soTicket', credentials = credentialsOf(env.sandbox, 'superoffice'), ...rest } = {}) {
	return listSearch('superOffice', method, { parameters: { authentication }, credentials, ...rest });
}

describe('SuperOffice pickers: Chat Session', () => {
	test('the signed-in user’s sessions, newest first, named by customer and status', async () => {
		expect(await search('searchChatSessions')).toEqual({
			results: [
				{ name: 'Eva Lund · Closed · #103', value: '103' },
				{ name: 'Per Hansen · Active · #102', value: '102' },
				{ name: 'Kari Nordmann · Active · #101', value: '101' },
			],
			paginationToken: undefined,
		});
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.auth])).toEqual([
			['GET', '/Cust12345/api/v1/ChatSession/ForCurrentUser', 'SOTicket'],
		]);
	});

	test('search by customer, status or ID, in any case', async () => {
		expect((await search('searchChatSessions', { filter: 'kari' })).results.map((r) => r.value)).toEqual(['101']);
		expect((await search('searchChatSessions', { filter: 'ACTIVE' })).results.map((r) => r.value)).toEqual(['102', '101']);
		expect((await search('searchChatSessions', { filter: '103' })).results.map((r) => r.value)).toEqual(['103']);
	});

	test('the Authentication choice picks the credential: Basic lists the Onsite sessions', async () => {
		const { results } = await search('searchChatSessions', { authentication: 'basic' });
		expect(results.map((r) => r.value)).toEqual(['8', '7']);
		expect(env.sandbox.requests.map((r) => [r.path, r.auth])).toEqual([['/SuperOffice/api/v1/ChatSession/ForCurrentUser', 'Basic']]);
	});

	test('more than a page: 50 at a time, the token leads to the rest', async () => {
		await runWorkflow(workflowFor('create-chat-session.workflow.json', 'soTicket'), {
			credentials: credentialsOf(env.sandbox, 'superoffice'),
			input: items(...Array.from({ length: 60 }, () => ({ chatTopicId: 1 }))),
		});
		const first = await search('searchChatSessions');
		expect(first.results).toHaveLength(50);
		expect(first.results[0].value).toBe('163');
		expect(first.paginationToken).toBe('50');
		const second = await search('searchChatSessions', { paginationToken: first.paginationToken });
		expect(second.results.map((r) => r.value)).toEqual(['113', '112', '111', '110', '109', '108', '107', '106', '105', '104', '103', '102', '101']);
		expect(second.paginationToken).toBeUndefined();
	});

	test('a credential SuperOffice refuses: the list says why', async () => {
		const credentials = credentialsOf(env.sandbox, 'superoffice', { superOfficeSoTicketApi: { ticketToken: '7T:old' } });
		await expect(search('searchChatSessions', { credentials })).rejects.toThrow(
			'SuperOffice did not list the chat sessions (HTTP 401): Invalid or expired ticket.',
		);
	});

	test('a 403: the list says so and points to By ID', async () => {
		env.sandbox.misbehave({ vendor: 'superoffice', path: /ForCurrentUser$/, status: 403, body: { Error: true, ErrorType: 'SoAccessDeniedException', Message: 'Chat is not licensed for this user' } });
		await expect(search('searchChatSessions')).rejects.toThrow(
			'SuperOffice did not list the chat sessions (HTTP 403): Chat is not licensed for this user. The signed-in user may not list chat sessions: choose By ID and enter the ID instead.',
		);
	});

	test('a Base URL that is not one: the credential’s problem, before any request', async () => {
		const credentials = credentialsOf(env.sandbox, 'superoffice', { superOfficeSoTicketApi: { baseUrl: 'online.superoffice.com' } });
		await expect(search('searchChatSessions', { credentials })).rejects.toThrow(/Base URL/);
		expect(env.sandbox.requests).toEqual([]);
	});
});

describe('SuperOffice pickers: Chat Topic', () => {
	test('the user’s topics by name; search narrows them', async () => {
		expect(await search('searchChatTopics')).toEqual({
			results: [
				{ name: 'Customer Support', value: '1' },
				{ name: 'Sales', value: '2' },
			],
			paginationToken: undefined,
		});
		expect((await search('searchChatTopics', { filter: 'sal' })).results).toEqual([{ name: 'Sales', value: '2' }]);
	});
});

describe('SuperOffice pickers: values the operations read', () => {
	test('a picked session (From List) and a typed one (By ID) reach the same session', async () => {
		const run = (chatSessionId) =>
			runWorkflow(workflowFor('get-chat-session.workflow.json', 'soTicket', { 'Get Chat Session': { parameters: { chatSessionId } } }), {
				credentials: credentialsOf(env.sandbox, 'superoffice'),
			});
		for (const value of [
			{ __rl: true, mode: 'list', value: '102', cachedResultName: 'Per Hansen · Active · #102' },
			{ __rl: true, mode: 'id', value: ' 102 ' },
			'102', // saved by a version without the picker: plain text, read as it was
		]) {
			const result = await run(value);
			expect(result.status).toBe('success');
			expect(result.output('Get Chat Session')[0].json.ChatSessionId).toBe(102);
		}
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(Array(3).fill('/Cust12345/api/v1/ChatSession/102'));
	});
});
