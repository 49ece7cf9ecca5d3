'use strict';

// Bad input of edna's own fields; bad Base URLs are in test/shared/base-url.test.js.
const { useSandbox, loadWorkflow, items, credentialsOf, expectRejectedBeforeSending } = require('../helpers');

const env = useSandbox();

async function expectRejected(workflowFile, input, expected) {
	const credentials = credentialsOf(env.sandbox, 'edna');
	return await expectRejectedBeforeSending(env.sandbox, loadWorkflow(workflowFile), { credentials, input: items(...input) }, expected);
}

const CLIENT = 'edna/send-to-client.workflow.json';
const DEVICE = 'edna/send-to-device.workflow.json';

describe('edna Chat Center: bad input is reported before anything is sent', () => {
	test('no client', async () => {
		await expectRejected(CLIENT, [{ text: 'hi' }], 'External Client ID is empty: give the client edna should message. [item 0]');
	});

	test('internal client ID that is not a number', async () => {
		await expectRejected(
			CLIENT,
			[{ threadsClientId: 'abc', text: 'hi' }],
			'Internal Client ID must be edna\'s numeric client ID, not "abc". [item 0]',
		);
	});

	test('no agent login', async () => {
		await expectRejected(CLIENT, [{ clientId: 'crm-42', login: ' ', text: 'hi' }], 'Agent Login is empty: give the login of the sending agent. [item 0]');
	});

	test('agent status that edna does not accept', async () => {
		await expectRejected(CLIENT, [{ clientId: 'crm-42', status: 'INACTIVE', text: 'hi' }], 'Agent Status must be READY or OUTGOING, not "INACTIVE". [item 0]');
	});

	test('unknown channel type', async () => {
		await expectRejected(
			CLIENT,
			[{ clientId: 'crm-42', channelType: 'SMS', text: 'hi' }],
			/^Channel Type "SMS" is not one edna knows\. Use one of .*WHATSAPP.*\. \[item 0\]$/,
		);
	});

	test('no device', async () => {
		await expectRejected(DEVICE, [{ text: 'hi' }], 'Device Address is empty: give the device edna should message. [item 0]');
	});

	test('empty message: no text and no attachment', async () => {
		await expectRejected(DEVICE, [{ deviceAddress: '89000000000', text: '   ' }], 'The message is empty: give a Text or at least one attachment. [item 0]');
	});

	test('text over 2,000 characters, found on the third item: nothing is sent for any item', async () => {
		await expectRejected(
			CLIENT,
			[
				{ clientId: 'crm-42', text: 'fine' },
				{ clientId: 'crm-43', text: 'also fine' },
				{ clientId: 'crm-42', text: 'y'.repeat(2001) },
			],
			'Text is 2,001 characters long; edna accepts at most 2,000. [item 2]',
		);
	});

	test.each([
		['attachment URL over 4,000 characters', [{ url: `https://x.example/${'a'.repeat(4000)}`, name: 'a.jpg' }], 'Attachment 1 URL is 4,018 characters long; edna accepts at most 4,000.'],
		['file name over 1,000 characters', [{ url: 'https://x.example/a', name: `${'n'.repeat(1000)}.jpg` }], 'Attachment 1 file name is 1,004 characters long; edna accepts at most 1,000.'],
		['MIME type over 256 characters', [{ url: 'https://x.example/a', type: `image/${'t'.repeat(251)}` }], 'Attachment 1 MIME type is 257 characters long; edna accepts at most 256.'],
		['attachment without URL', [{ name: 'a.jpg' }], 'Attachment 1 has no URL.'],
		['attachment URL that is not http(s)', [{ url: 'file:///etc/passwd', name: 'a.jpg' }], 'Attachment 1 URL must be an http(s) address, not "file:///etc/passwd".'],
		['attachment with neither extension nor type', [{ url: 'https://x.example/a', name: 'photo' }], 'Attachment 1 needs a file name with an extension (such as photo.jpg) or a MIME type, or edna cannot show it to the customer.'],
		['attachment size that is not a whole number', [{ url: 'https://x.example/a.jpg', name: 'a.jpg', size: 'big' }], 'Attachment 1 size must be a whole number of bytes, not "big".'],
		['attachment list entry that is not an object', ['https://x.example/a.jpg'], 'Attachment 1 must be an object with url, name, type and size.'],
		['attachments JSON that does not parse', '[{"url": ', 'Attachments (JSON) is not valid JSON. Give an array such as [{"url": "https://…", "name": "photo.jpg"}].'],
		['attachments given as a number', 42, 'Attachments (JSON) must be an array of attachment objects.'],
	])('%s', async (_name, attachments, message) => {
		await expectRejected(DEVICE, [{ deviceAddress: '89000000000', text: 'see file', attachments }], `${message} [item 0]`);
	});
});
