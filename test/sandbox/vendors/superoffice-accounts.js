// SuperOffice's tenants and sign-in: what each installation type accepts in
// Authorization (Basic on Onsite only, SOTicket everywhere with SO-AppToken on
// Online, Bearer on Online only) and whom that signs in as.
// Required by superoffice.js; it exports no prefix, so the sandbox does not take it for a vendor.
'use strict';

const superId = require('./superid');

/**
 * What each tenant accepts. Tickets carry + / = on purpose: a ticket that got
 * re-encoded on the way no longer matches.
 */
const ACCOUNTS = {
	online: {
		tenant: 'Cust12345',
		ticket: '7T:Q3VzdDEyMzQ1LnN5c3RlbS11c2Vy+/dGlja2V0==',
		appToken: 'so-apptoken-5e1f0c9a7b2d4e68',
		accessToken: '8A:Cust12345.AQ9f3k2Lm+Xb7/bearer-access-token',
	},
	onsite: {
		tenant: 'SuperOffice',
		username: 'kari.hansen',
		password: 'Onsite:Pa55-word!',
		ticket: '7T:b25zaXRlLXRpY2tldA/+a2FyaQ==',
	},
};

const PRINCIPALS = {
	onlineTicket: { AssociateId: 12, Associate: 'ANNA', FullName: 'Anna Berg', EMailAddress: 'anna.berg@example.com' },
	onlineBearer: { AssociateId: 13, Associate: 'OLA', FullName: 'Ola Nordmann', EMailAddress: 'ola.nordmann@example.com' },
	onsite: { AssociateId: 5, Associate: 'KARI', FullName: 'Kari Hansen', EMailAddress: 'kari.hansen@example.com' },
};

/** Checks the Authorization (and SO-AppToken) headers the way the tenant's installation type does. */
function authenticate(kind, headers, state) {
	const account = ACCOUNTS[kind];
	const header = headers.authorization;
	if (!header) return { error: 'Authorization is required' };
	const match = /^(\S+)\s+([\s\S]*)$/.exec(header);
	if (!match) return { error: 'Malformed Authorization header' };
	// The docs spell the scheme SOTicket, SoTicket and SOTICKET; scheme names are case-insensitive.
	const scheme = match[1].toLowerCase();
	const value = match[2];

	if (scheme === 'basic') {
		if (kind === 'online') {
			return { error: 'Basic authentication is not available on SuperOffice Online; sign in with a ticket or an access token' };
		}
		const decoded = Buffer.from(value, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0 || decoded.slice(0, colon) !== account.username || decoded.slice(colon + 1) !== account.password) {
			return { error: 'Invalid user name or password' };
		}
		return { principal: PRINCIPALS.onsite, scheme: 'Basic' };
	}
	if (scheme === 'soticket') {
		if (value !== account.ticket) return { error: 'Invalid or expired ticket' };
		if (kind === 'online') {
			// An empty SO-AppToken carries no token: it counts as absent (see the SoTicket credential).
			const appToken = headers['so-apptoken'];
			if (appToken === undefined || appToken === '') {
				return { error: 'An application token (SO-AppToken) is required with a ticket on SuperOffice Online' };
			}
			if (appToken !== account.appToken) return { error: 'Unknown application token' };
			return { principal: PRINCIPALS.onlineTicket, scheme: 'SOTicket' };
		}
		return { principal: PRINCIPALS.onsite, scheme: 'SOTicket' };
	}
	if (scheme === 'bearer') {
		if (kind === 'onsite') return { error: 'Bearer tokens are not accepted by this installation' };
		if (value !== account.accessToken && !superId.acceptsAccessToken(state.superId, value)) {
			return { error: 'Invalid or expired access token' };
		}
		return { principal: PRINCIPALS.onlineBearer, scheme: 'Bearer' };
	}
	return { error: `Unsupported authorization scheme ${match[1]}` };
}

/** GET /api/v1/User/currentPrincipal's body for the signed-in `principal`. */
function principalCarrier(principal) {
	return {
		UserType: 'InternalAssociate',
		Associate: principal.Associate,
		AssociateId: principal.AssociateId,
		IsPerson: true,
		PersonId: principal.AssociateId + 100,
		FullName: principal.FullName,
		EMailAddress: principal.EMailAddress,
		RoleName: 'User',
		RoleType: 'Employee',
		Licenses: [],
		FunctionRights: [],
		SecondaryGroups: [],
		UserName: principal.Associate.toLowerCase(),
	};
}

/** The Onsite tenant's Base URL, next to the Online one the sandbox hands out. */
function onsiteBaseUrl(onlineBaseUrl) {
	return `${onlineBaseUrl.slice(0, -ACCOUNTS.online.tenant.length)}${ACCOUNTS.onsite.tenant}`;
}

module.exports = { ACCOUNTS, authenticate, principalCarrier, onsiteBaseUrl };
