/**
 * EvoVoice request and response shapes, from the API's ServiceStack metadata
 * pages (https://evovoice.io/json/metadata?op=SendMessage, …?op=ListMessages).
 * JSON is camelCase.
 */

export type EvoVoiceMessageDirection = 'Incoming' | 'Outgoing';

/**
 * What EvoVoice answers for a sent message, and each entry of a message list.
 * A type (not an interface) so that it is an IDataObject as it stands.
 */
export type EvoVoiceMessageInfo = {
	id: string;
	accountId?: string;
	customerId?: string;
	endpointId?: string;
	endpointDisplayName?: string;
	date?: string;
	direction?: EvoVoiceMessageDirection;
	otherAddress?: string;
	sender?: string;
	text?: string;
	isUnread?: boolean;
};

/** SendMessage: either `sessionId`, or `endpointId` + `toAddress`. */
export type EvoVoiceSendMessageBody = {
	sessionId?: string;
	endpointId?: string;
	toAddress?: string;
	body: string;
};

/** ListResponse<T>. `hasMorePages` is documented as "used with simplified paging". */
export type EvoVoiceListResponse<T> = {
	items?: T[];
	totalCount?: number;
	totalPages?: number;
	hasMorePages?: boolean;
};

/** One entry of a ServiceStack validation error. */
export type EvoVoiceFieldError = {
	errorCode?: string;
	fieldName?: string;
	message?: string;
};

/** ServiceStack's error body: `{ responseStatus: { errorCode, message, errors[] } }`. */
export type EvoVoiceErrorBody = {
	responseStatus?: {
		errorCode?: string;
		message?: string;
		stackTrace?: string;
		errors?: EvoVoiceFieldError[];
	};
};
