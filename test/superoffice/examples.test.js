'use strict';

// The SuperOffice example workflows in examples/ must run as they are against
// the sandbox, with the credentials it hands out (as `npm run demo` runs them).
const fs = require('node:fs');
const path = require('node:path');
const { useSandbox, secretsOf, runWorkflow, expectNoSecrets } = require('../helpers');

const env = useSandbox();
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const load = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
const allCredentials = () => Object.assign({}, ...Object.values(env.sandbox.credentials()));

describe('SuperOffice example workflows', () => {
	test('there are one to three, each using the SuperOffice node', () => {
		const files = fs.readdirSync(EXAMPLES).filter((f) => /^superoffice-.*\.workflow\.json$/.test(f));
		expect(files.length).toBeGreaterThanOrEqual(1);
		expect(files.length).toBeLessThanOrEqual(3);
		for (const file of files) {
			expect(load(file).nodes.some((n) => n.type === 'n8n-nodes-customer-messaging.superOffice')).toBe(true);
		}
	});

	test('answer a chat (SoTicket, Online): the message is stored and the session read back', async () => {
		const result = await runWorkflow(load('superoffice-answer-chat.workflow.json'), { credentials: allCredentials() });
		expect(result.status).toBe('success');
		expect(env.sandbox.received('superoffice')).toEqual([
			expect.objectContaining({ tenant: 'Cust12345', chatSessionId: 101, auth: 'SOTicket', headers: { 'accept-language': 'en', 'so-language': 'en' } }),
		]);
		expect(result.output('Get Chat Session')[0].json).toMatchObject({
			ChatSessionId: 101,
			LastMessage: 'Hello Kari! Your order #1042 has shipped and arrives on Tuesday.',
		});
		expectNoSecrets(result, secretsOf(env.sandbox, 'superoffice'));
	});

	test('new messages (Bearer, Online): the messages after 1001', async () => {
		const result = await runWorkflow(load('superoffice-new-messages.workflow.json'), { credentials: allCredentials() });
		expect(result.status).toBe('success');
		expect(result.output('Get New Chat Messages').map((i) => i.json.ChatMessageId)).toEqual([1002, 1003]);
		expect(env.sandbox.requests.map((r) => [r.auth, r.query])).toEqual([['Bearer', { after: '1001' }]]);
	});

	test('Onsite round trip (Basic): the added message closes the conversation read back', async () => {
		const result = await runWorkflow(load('superoffice-onsite-round-trip.workflow.json'), { credentials: allCredentials() });
		expect(result.status).toBe('success');
		const messages = result.output('Get Chat Messages').map((i) => i.json);
		expect(messages.map((m) => m.ChatMessageId)).toEqual([1, 2, 4]);
		expect(messages[2]).toEqual(result.output('Add Chat Message')[0].json);
		expect(env.sandbox.received('superoffice')[0]).toMatchObject({ tenant: 'SuperOffice', auth: 'Basic' });
	});
});
