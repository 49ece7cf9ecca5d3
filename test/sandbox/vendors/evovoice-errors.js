// EvoVoice's error bodies, as ServiceStack writes them:
// `{responseStatus: {errorCode, message, errors: [{errorCode, fieldName, message}]}}`.
// Shared by evovoice.js and its helper modules; it exports no prefix, so the
// sandbox does not take it for a vendor.
'use strict';

const REASONS = {
	400: 'BadRequest',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	429: 'TooManyRequests',
	500: 'InternalServerError',
	502: 'BadGateway',
	503: 'ServiceUnavailable',
	504: 'GatewayTimeout',
};
const TEXTS = {
	400: 'Bad Request',
	401: 'Not Authenticated',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	429: 'Too many requests, slow down',
	500: 'An unexpected error occurred',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** A ServiceStack error body. */
function serviceStackError(errorCode, message, errors = []) {
	return { responseStatus: { errorCode, message, errors } };
}

/** The body of a fault the sandbox injects (see faults.js), worded as EvoVoice words that status. */
function errorBody(status, _path, message) {
	return serviceStackError(REASONS[status] || 'Exception', message || TEXTS[status] || 'Error');
}

/** A FluentValidation failure: 400 with one entry per field; the top-level message repeats the first. */
function validationError(errors) {
	return {
		status: 400,
		body: { responseStatus: { errorCode: errors[0].errorCode, message: errors[0].message, errors } },
	};
}

function fail(status, errorCode, message, errors) {
	return { status, body: serviceStackError(errorCode, message, errors) };
}

module.exports = { errorBody, validationError, fail };
