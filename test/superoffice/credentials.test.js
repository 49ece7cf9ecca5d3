'use strict';

// SuperOffice's answers to the credential tests; what holds for every credential type is in test/shared/credential-test.test.js.
const { useSandbox, credentialsOf, testCredentialOf, testCredential } = require('../helpers');
const { superoffice } = require('./support');

const env = useSandbox();
const OK = { status: 'OK', message: 'Connection successful!' };

const TICKET_REJECTED =
	'SuperOffice rejected the ticket (401). Tickets expire: paste a new one. SuperOffice Online also needs the Application Token of your app.';

describe('SuperOffice credential tests (GET /api/v1/User/currentPrincipal)', () => {
	test('each credential passes against the tenant it belongs to, and the test asks who is signed in', async () => {
		expect(await testCredentialOf(env.sandbox, 'superOfficeBasicApi')).toEqual(OK);
		expect(await testCredentialOf(env.sandbox, 'superOfficeSoTicketApi')).toEqual(OK);
		expect(await testCredentialOf(env.sandbox, 'superOfficeBearerApi')).toEqual(OK);
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.auth, r.status])).toEqual([
			['GET', '/SuperOffice/api/v1/User/currentPrincipal', 'Basic', 200],
			['GET', '/Cust12345/api/v1/User/currentPrincipal', 'SOTicket', 200],
			['GET', '/Cust12345/api/v1/User/currentPrincipal', 'Bearer', 200],
		]);
		expect(env.sandbox.ledger).toEqual([]);
	});

	test('Basic fails with a wrong password', async () => {
		expect(await testCredentialOf(env.sandbox, 'superOfficeBasicApi', { password: 'wrong' })).toEqual({
			status: 'Error',
			message:
				'SuperOffice rejected the user name or password (401). Basic sign-in only works on SuperOffice Onsite; for SuperOffice Online use the SoTicket or Bearer credential.',
		});
	});

	test('Basic fails against SuperOffice Online, which only takes tickets and tokens', async () => {
		const result = await testCredentialOf(env.sandbox, 'superOfficeBasicApi', { baseUrl: env.sandbox.baseUrl('superoffice') });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^SuperOffice rejected the user name or password \(401\)\. Basic sign-in only works on SuperOffice Onsite/);
	});

	test('SoTicket fails with a wrong ticket', async () => {
		expect(await testCredentialOf(env.sandbox, 'superOfficeSoTicketApi', { ticketToken: '7T:bm90LXRoZS10aWNrZXQ=' })).toEqual({
			status: 'Error',
			message: TICKET_REJECTED,
		});
	});

	test('SoTicket without the application token fails on Online, and with a wrong one', async () => {
		expect(await testCredentialOf(env.sandbox, 'superOfficeSoTicketApi', { appToken: '' })).toEqual({
			status: 'Error',
			message: TICKET_REJECTED,
		});
		expect(await testCredentialOf(env.sandbox, 'superOfficeSoTicketApi', { appToken: 'not-our-app' })).toEqual({
			status: 'Error',
			message: TICKET_REJECTED,
		});
	});

	test('SoTicket without an application token passes on Onsite', async () => {
		const onsite = {
			baseUrl: superoffice.onsiteBaseUrl(env.sandbox.baseUrl('superoffice')),
			ticketToken: superoffice.accounts.onsite.ticket,
			appToken: '',
		};
		expect(await testCredential('superOfficeSoTicketApi', onsite)).toEqual(OK);
		expect(env.sandbox.requests[0]).toMatchObject({ path: '/SuperOffice/api/v1/User/currentPrincipal', auth: 'SOTicket', status: 200 });
	});

	test('a ticket pasted with its "SOTicket " or "SoTicket " prefix is not sent with the scheme twice', async () => {
		const { ticketToken } = credentialsOf(env.sandbox, 'superoffice').superOfficeSoTicketApi;
		for (const pasted of [`SOTicket ${ticketToken}`, ` SoTicket  ${ticketToken} `]) {
			expect(await testCredentialOf(env.sandbox, 'superOfficeSoTicketApi', { ticketToken: pasted })).toEqual(OK);
		}
	});

	test('Bearer fails with a wrong token, passes with a pasted "Bearer " prefix', async () => {
		expect(await testCredentialOf(env.sandbox, 'superOfficeBearerApi', { accessToken: '8A:Cust12345.expired' })).toEqual({
			status: 'Error',
			message: 'SuperOffice rejected the access token (401). Access tokens expire after an hour: get a new one and paste it.',
		});
		const { accessToken } = credentialsOf(env.sandbox, 'superoffice').superOfficeBearerApi;
		expect(await testCredentialOf(env.sandbox, 'superOfficeBearerApi', { accessToken: `Bearer ${accessToken}` })).toEqual(OK);
	});

	test('a Base URL with a trailing slash or a pasted /api/v1 passes', async () => {
		const baseUrl = env.sandbox.baseUrl('superoffice');
		for (const variant of [`${baseUrl}/`, `${baseUrl}/api/v1`, `${baseUrl}/API/v1/`]) {
			expect(await testCredentialOf(env.sandbox, 'superOfficeBearerApi', { baseUrl: variant })).toEqual(OK);
		}
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(Array(3).fill('/Cust12345/api/v1/User/currentPrincipal'));
	});

	test('a Base URL that is not a SuperOffice tenant fails with a 404 hint', async () => {
		const result = await testCredentialOf(env.sandbox, 'superOfficeBearerApi', { baseUrl: `${env.sandbox.url}/superoffice/Cust99999` });
		expect(result).toEqual({
			status: 'Error',
			message:
				'No SuperOffice Web API was found at this Base URL (404). Use the address you open SuperOffice at, such as https://online.superoffice.com/Cust12345.',
		});
	});
});
