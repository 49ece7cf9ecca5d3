/**
 * edna Chat Center request and response shapes, as edna's API reference on
 * https://docs.edna.io describes them ("Send messages to an existing client",
 * "Send messages to specific devices"); docs/edna-chat-center.md in this
 * repository lists them field by field.
 */

export type EdnaAttachment = {
	url: string;
	name?: string;
	type?: string;
	size?: number;
};

export type EdnaSendToClientBody = {
	threadsClientId?: number;
	clientId?: string;
	login: string;
	channelType: string;
	status: string;
	appMarker?: string;
	text?: string;
	attachments: EdnaAttachment[];
};

export type EdnaClientApplicationDescriptor = {
	channelType: string;
	clientId?: string;
	unauthorizedClientId?: string;
	deviceAddress: string;
	appMarker?: string;
};

export type EdnaSendToDeviceBody = {
	text?: string;
	attachments: EdnaAttachment[];
	clientApplicationDescriptor: EdnaClientApplicationDescriptor;
};

export type EdnaSendToClientResponse = {
	id: number;
};

export type EdnaSendToDeviceResponse = {
	id: number;
	threadId: number;
	clientId: number;
	clientExternalId: string | null;
	agentId: number;
};

/** Spring's default error body; edna does not document its errors. */
export type EdnaErrorBody = {
	timestamp?: string;
	status?: number;
	error?: string;
	message?: string;
	path?: string;
	errors?: Array<{ defaultMessage?: string; field?: string; message?: string }>;
};
