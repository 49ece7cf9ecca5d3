// What the SuperOffice sandbox holds when it starts: per tenant its chat
// sessions and their messages, the request log and SuperID's state.
// Required by superoffice.js; it exports no prefix, so the sandbox does not take it for a vendor.
'use strict';

const superId = require('./superid');

function message(ChatMessageId, ChatSessionId, Type, Message, Author, WhenPosted, extra = {}) {
	return {
		ChatMessageId,
		ChatSessionId,
		Type,
		Message,
		Author,
		ReadByCustomer: 1,
		SpecialType: 'None',
		SpecialParam: '',
		WhenPosted,
		...extra,
	};
}

function session(ChatSessionId, fields) {
	return {
		ChatSessionId,
		TopicId: 1,
		User: null,
		Person: null,
		CustomerAlias: '',
		CustomerHost: '203.0.113.10',
		CustomerName: '',
		CustomerEmail: '',
		CustomerPhone: '',
		CustomerConsented: true,
		CustomerCompanyName: '',
		Status: 'Active',
		FirstMessage: '',
		LastMessage: '',
		WhenRequested: '2024-05-01T09:58:00Z',
		WhenStarted: '2024-05-01T09:59:00Z',
		WhenEnded: '0001-01-01T00:00:00',
		WhenIdle: '2024-05-01T10:02:00Z',
		Flags: 'None',
		ChatbotIsActive: false,
		Rating: 0,
		...fields,
	};
}

function createState() {
	const anna = { AssociateId: 12, Name: 'ANNA', FullName: 'Anna Berg' };
	const kari = { AssociateId: 5, Name: 'KARI', FullName: 'Kari Hansen' };
	return {
		/** Language, culture and time-zone headers of every request, to check what the node sent. */
		requests: [],
		/** SuperID's codes and tokens, for the OAuth2 credential. */
		superId: superId.createState(),
		tenants: {
			online: {
				nextMessageId: 1007,
				sessions: {
					101: session(101, { User: anna, CustomerName: 'Kari Nordmann', CustomerEmail: 'kari@example.com', CustomerAlias: 'Kari' }),
					102: session(102, { User: anna, CustomerName: 'Per Hansen', CustomerCompanyName: 'Hansen AS' }),
					103: session(103, { User: anna, CustomerName: 'Eva Lund', Status: 'Closed', WhenEnded: '2024-04-30T15:10:00Z' }),
				},
				messages: [
					message(1001, 101, 'ToUser', 'Hi, where is my order #1042?', 'Kari Nordmann', '2024-05-01T10:00:00Z'),
					message(1002, 101, 'ToCustomer', 'Let me check that for you.', 'Anna Berg', '2024-05-01T10:01:00Z'),
					message(1003, 101, 'ToUser', 'Thanks!', 'Kari Nordmann', '2024-05-01T10:02:00Z', { ReadByCustomer: 0 }),
					message(1004, 102, 'Special', 'Welcome to Example Support', '', '2024-05-01T11:00:00Z', { SpecialType: 'Welcome' }),
					message(1005, 103, 'ToUser', 'Can I change my delivery address?', 'Eva Lund', '2024-04-30T15:00:00Z'),
					message(1006, 103, 'ToCustomer', 'Done — see you next time.', 'Anna Berg', '2024-04-30T15:05:00Z'),
				],
			},
			onsite: {
				nextMessageId: 4,
				sessions: {
					7: session(7, { User: kari, CustomerName: 'Ole Olsen', CustomerEmail: 'ole@example.net' }),
					8: session(8, { User: kari, CustomerName: 'Lise Berg', Status: 'Closed', WhenEnded: '2024-04-29T08:30:00Z' }),
				},
				messages: [
					message(1, 7, 'ToUser', 'Is the shop open on Saturday?', 'Ole Olsen', '2024-05-02T08:00:00Z'),
					message(2, 7, 'ToCustomer', 'Yes, from 10 to 16.', 'Kari Hansen', '2024-05-02T08:01:00Z'),
					message(3, 8, 'ToUser', 'Thank you for the help', 'Lise Berg', '2024-04-29T08:20:00Z'),
				],
			},
		},
	};
}

module.exports = { createState };
