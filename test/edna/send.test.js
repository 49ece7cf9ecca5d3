'use strict';

const { useSandbox, loadWorkflow, items, credentialsOf, secretsOf, expectNoSecrets, runWorkflow, errorsOf } = require('../helpers');

const env = useSandbox();

const CLIENT = 'send-to-client.workflow.json';
const DEVICE = 'send-to-device.workflow.json';

/** Runs test/workflows/edna/<file> for `input` items with the sandbox credential (or `credentials`). */
async function send(file, input, { credentials = credentialsOf(env.sandbox, 'edna'), overrides } = {}) {
	return await runWorkflow(loadWorkflow(`edna/${file}`, overrides), { credentials, input: input && items(...input) });
}

// When each item is checked against when the vendor gets the messages (processItems in
// nodes/shared/items.ts). The Text carries the time n8n evaluated it, i.e. when its item was checked;
// the sandbox answers after 50 ms and one message is sent at a time (Parallel Requests 1).
describe('edna Chat Center: when items are checked', () => {
	const { AHEAD_PER_REQUEST } = require('../../dist/nodes/shared/items');
	const COUNT = AHEAD_PER_REQUEST + 4;
	const checkedAt = (message) => Number(message.body.text.split('@')[1]);
	const acceptedAt = (message) => Date.parse(message.at);
	async function sendBatch(settings) {
		env.sandbox.latencyMs = 50;
		const parameters = { text: '={{ $json.text }}@{{ Date.now() }}', options: { parallelRequests: 1 } };
		const input = Array.from({ length: COUNT }, (_, i) => ({ clientId: 'crm-42', text: `check ${i}` }));
		const result = await send(CLIENT, input, { overrides: { 'Send to Client': { parameters, ...settings } } });
		expect(result.status).toBe('success');
		const received = env.sandbox.received('edna');
		expect(received.map((m) => m.body.text.split('@')[0])).toEqual(input.map((i) => i.text));
		return received;
	}

	test('without Continue On Fail, every item is checked before the first message goes out', async () => {
		const received = await sendBatch({});
		expect(Math.max(...received.map(checkedAt))).toBeLessThan(acceptedAt(received[0]));
	});

	test('with Continue On Fail, items are checked while earlier ones are sent, a bounded number ahead', async () => {
		const received = await sendBatch({ onError: 'continueRegularOutput' });
		expect(checkedAt(received[COUNT - 1])).toBeGreaterThanOrEqual(acceptedAt(received[0]));
		// With one request in flight, item k is checked no earlier than the answer to item k - AHEAD - 1.
		const lag = AHEAD_PER_REQUEST + 1;
		for (let k = lag; k < COUNT; k++) expect(checkedAt(received[k])).toBeGreaterThanOrEqual(acceptedAt(received[k - lag]));
	});
});

describe('edna Chat Center: Send to Client', () => {
	test('sends to an external client ID and returns edna’s message id', async () => {
		const result = await send(CLIENT, [{ clientId: 'crm-42', text: 'Your order has shipped.' }]);
		expect(result.status).toBe('success');
		expect(result.output('Send to Client')).toEqual([{ json: { id: 1 }, pairedItem: { item: 0 } }]);
		expect(env.sandbox.received('edna', 'sendToClient').map((m) => m.body)).toEqual([
			{
				clientId: 'crm-42',
				login: 'agent.anna',
				channelType: 'WHATSAPP',
				status: 'READY',
				text: 'Your order has shipped.',
				attachments: [],
			},
		]);
		expect(env.sandbox.requests.map((r) => r.auth)).toEqual(['Bearer']);
		expectNoSecrets(result, secretsOf(env.sandbox, 'edna'));
	});

	test('sends by internal client ID with agent status, app marker and attachments entered in the editor', async () => {
		const result = await send('send-to-client-fields.workflow.json');
		expect(result.status).toBe('success');
		expect(result.output('Send to Client')).toEqual([{ json: { id: 1 }, pairedItem: { item: 0 } }]);
		expect(env.sandbox.received('edna')[0].body).toEqual({
			threadsClientId: 1002,
			login: 'agent.boris',
			channelType: 'MOBILE',
			status: 'OUTGOING',
			appMarker: 'myApp',
			text: 'Your invoice is attached.',
			attachments: [
				{ url: 'https://files.example.com/invoice-77.pdf', name: 'invoice-77.pdf', type: 'application/pdf', size: 48213 },
				{ url: 'https://files.example.com/logo', type: 'image/png' },
			],
		});
	});

	// A batch mixing fields entered in the editor with expressions: the editor's values go into every
	// message, an expression inside a collection is read for each item, and a bad value entered in
	// the editor fails each item with its own number.
	test('fields entered in the editor go into every item’s message; an expression inside Additional Fields is read for each item', async () => {
		const parameters = { text: '={{ $json.text }}', additionalFields: { appMarker: '={{ $json.app }}' } };
		const input = [0, 1, 2].map((i) => ({ text: `invoice ${i}`, app: `app${i}` }));
		const result = await send('send-to-client-fields.workflow.json', input, { overrides: { 'Send to Client': { parameters } } });
		expect(result.status).toBe('success');
		const bodies = env.sandbox.received('edna').map((m) => m.body).sort((a, b) => a.text.localeCompare(b.text));
		expect(bodies.map(({ threadsClientId, login, channelType, status, text, appMarker, attachments }) => [threadsClientId, login, channelType, status, text, appMarker, attachments.length])).toEqual(
			input.map(({ text, app }) => [1002, 'agent.boris', 'MOBILE', 'OUTGOING', text, app, 2]),
		);
	});

	test('a bad value entered in the editor fails every item, each with its own item number', async () => {
		const overrides = { 'Send to Client': { onError: 'continueRegularOutput', parameters: { status: 'SLEEPING', text: '={{ $json.text }}' } } };
		const result = await send('send-to-client-fields.workflow.json', [{ text: 'a' }, { text: 'b' }], { overrides });
		expect(errorsOf(result.output('Send to Client'))).toEqual([0, 1].map((i) => `Agent Status must be READY or OUTGOING, not "SLEEPING". [item ${i}]`));
		expect(env.sandbox.received('edna')).toEqual([]);
	});

	test('takes attachments from an expression, as an array or as a JSON string, and allows a message without text', async () => {
		const photo = { url: 'https://files.example.com/p.jpg', name: 'p.jpg', type: 'image/jpeg', size: 256 };
		const result = await send(CLIENT, [
			{ clientId: 'crm-42', attachments: [photo] },
			{ clientId: 'crm-43', text: 'Two files', attachments: JSON.stringify([photo, { url: 'https://x.example/doc.pdf', name: 'doc.pdf' }]) },
		]);
		expect(result.status).toBe('success');
		const bodies = env.sandbox.received('edna').map((m) => m.body);
		expect(bodies).toHaveLength(2);
		const byClient = Object.fromEntries(bodies.map((b) => [b.clientId, b]));
		expect(byClient['crm-42'].attachments).toEqual([photo]);
		expect(byClient['crm-42']).not.toHaveProperty('text');
		expect(byClient['crm-43'].attachments).toEqual([photo, { url: 'https://x.example/doc.pdf', name: 'doc.pdf' }]);
	});

	test('a token pasted with its "Bearer " prefix is not sent as "Bearer Bearer"', async () => {
		const { token } = credentialsOf(env.sandbox, 'edna').ednaChatCenterBearerApi;
		const credentials = credentialsOf(env.sandbox, 'edna', { ednaChatCenterBearerApi: { token: `  Bearer ${token} ` } });
		const result = await send(CLIENT, [{ clientId: 'crm-42', text: 'hello' }], { credentials });
		expect(result.status).toBe('success');
		expect(env.sandbox.received('edna')).toHaveLength(1);
	});

	test('text of exactly 2,000 characters is sent', async () => {
		const result = await send(CLIENT, [{ clientId: 'crm-42', text: 'x'.repeat(2000) }]);
		expect(result.status).toBe('success');
		expect(env.sandbox.received('edna')[0].body.text).toHaveLength(2000);
	});

	test('hundreds of items go out exactly once each, output in input order', async () => {
		const input = Array.from({ length: 300 }, (_, i) => ({ clientId: i % 2 ? 'crm-42' : 'crm-43', text: `message ${i}` }));
		const result = await send(CLIENT, input, { overrides: { 'Send to Client': { parameters: { options: { parallelRequests: 8 } } } } });
		expect(result.status).toBe('success');
		const output = result.output('Send to Client');
		expect(output).toHaveLength(300);
		output.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		const texts = env.sandbox.received('edna').map((m) => m.body.text).sort();
		expect(texts).toEqual(input.map((i) => i.text).sort());
		// Each output id is the id edna gave that item's message.
		const idByText = Object.fromEntries(env.sandbox.received('edna').map((m) => [m.body.text, m.id]));
		output.forEach((item, i) => expect(item.json.id).toBe(idByText[`message ${i}`]));
	});
});

describe('edna Chat Center: Send to Device', () => {
	test('sends to a WhatsApp number and returns the ids edna answers with', async () => {
		const result = await send(DEVICE, [{ deviceAddress: '89000000000', text: 'Hello from n8n' }]);
		expect(result.status).toBe('success');
		expect(result.output('Send to Device')).toEqual([
			{ json: { id: 1, threadId: 500, clientId: 2001, clientExternalId: null, agentId: 1 }, pairedItem: { item: 0 } },
		]);
		expect(env.sandbox.received('edna', 'sendToDevice')[0].body).toEqual({
			text: 'Hello from n8n',
			attachments: [],
			clientApplicationDescriptor: { channelType: 'WHATSAPP', deviceAddress: '89000000000' },
		});
	});

	test('sends to a mobile app with client IDs and app marker', async () => {
		const result = await send(DEVICE, [
			{
				channelType: 'MOBILE',
				deviceAddress: 'wsfck62auiv00gz14vedivwptm09ahmrhz',
				clientId: 'crm-42',
				unauthorizedClientId: 'anon-7',
				appMarker: 'myApp',
				attachments: [{ url: 'https://files.example.com/a.png', type: 'image/png' }],
			},
		]);
		expect(result.status).toBe('success');
		expect(result.output('Send to Device')[0].json).toMatchObject({ clientId: 1001, clientExternalId: 'crm-42' });
		expect(env.sandbox.received('edna')[0].body).toEqual({
			attachments: [{ url: 'https://files.example.com/a.png', type: 'image/png' }],
			clientApplicationDescriptor: {
				channelType: 'MOBILE',
				clientId: 'crm-42',
				unauthorizedClientId: 'anon-7',
				deviceAddress: 'wsfck62auiv00gz14vedivwptm09ahmrhz',
				appMarker: 'myApp',
			},
		});
	});
});
