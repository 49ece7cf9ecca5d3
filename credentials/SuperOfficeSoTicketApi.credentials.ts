import type {
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { secretText, withHeaders } from './common';
import { superOfficeBaseUrlProperty, superOfficeConnectionTest } from './superoffice';

/**
 * A SuperOffice ticket (Authorization: SOTicket 7T:…), with the application
 * token SuperOffice Online requires next to it (SO-AppToken). Works on Online
 * and Onsite.
 */
export class SuperOfficeSoTicketApi implements ICredentialType {
	name = 'superOfficeSoTicketApi';

	displayName = 'SuperOffice SoTicket API';

	icon: Icon = { light: 'file:../icons/superoffice.svg', dark: 'file:../icons/superoffice.dark.svg' };

	documentationUrl = 'https://docs.superoffice.com/en/api/authentication/online/auth-application/get-system-user-ticket.html';

	properties: INodeProperties[] = [
		superOfficeBaseUrlProperty(
			'https://online.superoffice.com/Cust12345',
			'as you open it in the browser: for SuperOffice Online https://online.superoffice.com/Cust12345 (with your own customer ID), for Onsite for example https://crm.example.com/SuperOffice',
		),
		{
			displayName: 'Ticket',
			name: 'ticketToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '7T:…',
			description:
				'SuperOffice ticket, usually starting with 7T:, for example a system user ticket. Paste it as it is, with or without a leading "SOTicket ". Tickets expire; paste a new one when the node reports HTTP 401.',
		},
		{
			displayName: 'Application Token',
			name: 'appToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Application token of your SuperOffice app (its client secret), sent as SO-AppToken. Required for SuperOffice Online; leave empty for Onsite unless your installation asks for it.',
		},
	];

	// The ticket is sent exactly as given ("SOTicket" is the vendor SDK's
	// spelling): it may contain + / = and must not be re-encoded. A pasted
	// scheme prefix is dropped so it is not sent twice. Without an Application
	// Token (Onsite) no SO-AppToken header is sent at all.
	authenticate = withHeaders((credentials) => {
		const appToken = secretText(credentials.appToken);
		return {
			Authorization: `SOTicket ${secretText(credentials.ticketToken, /^so\s?ticket\s+/i)}`,
			...(appToken !== '' ? { 'SO-AppToken': appToken } : {}),
		};
	});
}

/** The connection test of this credential, run by the nodes that list it (testedBy: it reads the answer within 10 s and 10 MB). */
export const superOfficeSoTicketApiTest = superOfficeConnectionTest(new SuperOfficeSoTicketApi(), {
	401: 'SuperOffice rejected the ticket (401). Tickets expire: paste a new one. SuperOffice Online also needs the Application Token of your app.',
	403: 'SuperOffice accepted the ticket but its user may not use the Web API (403). Check the user\'s licence and role.',
	404: 'No SuperOffice Web API was found at this Base URL (404). Use the address you open SuperOffice at, such as https://online.superoffice.com/Cust12345.',
});
