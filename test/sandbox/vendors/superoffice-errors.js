// SuperOffice's error answers: the Web API's
// {"Error":true,"ErrorType","Message","ErrorSource"} bodies, ASP.NET Web API's
// `{Message}` for a route or method it does not serve, and IIS's own HTML page
// outside the API. Shared by superoffice.js and its helper modules; it exports
// no prefix, so the sandbox does not take it for a vendor.
'use strict';

const ERROR_TYPES = {
	400: 'ArgumentException',
	401: 'SoAuthenticationException',
	403: 'SoAccessDeniedException',
	404: 'EntityNotFoundException',
	429: 'TooManyRequestsException',
	500: 'SoServerException',
	502: 'SoServerException',
	503: 'ServiceUnavailableException',
};
const DEFAULT_MESSAGES = {
	400: 'Bad request',
	401: 'Authentication failed',
	403: 'Access denied',
	404: 'Not found',
	429: 'Too many requests',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'The service is temporarily unavailable',
};

function superOfficeError(status, message, source = 'SuperOffice.WebApi') {
	return {
		Error: true,
		ErrorType: ERROR_TYPES[status] || 'Exception',
		Message: message || DEFAULT_MESSAGES[status] || 'Error',
		ErrorSource: source,
	};
}

const fail = (status, text, source) => ({ status, body: superOfficeError(status, text, source) });

function notFoundPage() {
	return {
		status: 404,
		body: '<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2></body></html>',
		headers: { 'Content-Type': 'text/html' },
	};
}

/** A route under /api/v1 that the Web API has no controller for; `route` is the path after /api/v1. */
function noResource(route) {
	return { status: 404, body: { Message: `No HTTP resource was found that matches the request URI '/api/v1/${route.join('/')}'.` } };
}

function methodNotAllowed(method) {
	return { status: 405, body: { Message: `The requested resource does not support http method '${method}'.` } };
}

module.exports = { superOfficeError, fail, notFoundPage, noResource, methodNotAllowed };
