/** edna Chat Center request and response shapes (docs.edna.io; seeds 000 and 001). */

export interface EdnaAttachment {
	url: string;
	name?: string;
	type?: string;
	size?: number;
}

export interface EdnaSendToClientBody {
	threadsClientId?: number;
	clientId?: string;
	login: string;
	channelType: string;
	status: string;
	appMarker?: string;
	text?: string;
	attachments: EdnaAttachment[];
}

export interface EdnaClientApplicationDescriptor {
	channelType: string;
	clientId?: string;
	unauthorizedClientId?: string;
	deviceAddress: string;
	appMarker?: string;
}

export interface EdnaSendToDeviceBody {
	text?: string;
	attachments: EdnaAttachment[];
	clientApplicationDescriptor: EdnaClientApplicationDescriptor;
}

export interface EdnaSendToClientResponse {
	id: number;
}

export interface EdnaSendToDeviceResponse {
	id: number;
	threadId: number;
	clientId: number;
	clientExternalId: string | null;
	agentId: number;
}

/** Spring's default error body; edna does not document its errors. */
export interface EdnaErrorBody {
	timestamp?: string;
	status?: number;
	error?: string;
	message?: string;
	path?: string;
	errors?: Array<{ defaultMessage?: string; field?: string; message?: string }>;
}
