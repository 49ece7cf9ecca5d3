/**
 * SuperOffice Web API (REST) request and response shapes, PascalCase as the
 * API sends them, from the reference pages under
 * https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/
 * (v1ChatSessionEntity_AddChatMessage, _GetChatMessages, _GetChatSessionEntity).
 */

/** How the node signs in; each value has its own credential type. */
export type SuperOfficeAuthentication = 'basic' | 'soTicket' | 'bearer' | 'superId';

/** ChatMessageType (vendor SDK enum). */
export type ChatMessageType = 'Invalid' | 'ToCustomer' | 'ToUser' | 'Special';

/** ChatMessageSpecialType (vendor SDK enum; "TransferedSession" is the vendor's spelling). */
export type ChatMessageSpecialType =
	| 'None'
	| 'Welcome'
	| 'Url'
	| 'Block'
	| 'NewSession'
	| 'TransferedSession'
	| 'Error'
	| 'SessionDeleted'
	| 'FaqSuccessQuestion'
	| 'ClosedByUser'
	| 'ClosedByCustomer'
	| 'ClosedByIdle'
	| 'TransferRejected'
	| 'ReopenedByCustomer'
	| 'ClickedOption'
	| 'BotMessage'
	| 'Options'
	| 'IllegalFileType';

/** Body of POST /api/v1/ChatSession/{chatSessionId}/Messages. ChatMessageId is assigned by SuperOffice. */
export type ChatMessageRequest = {
	ChatSessionId: number;
	Type: ChatMessageType;
	Message: string;
	Author?: string;
	ReadByCustomer?: number;
	SpecialType: ChatMessageSpecialType;
	SpecialParam?: string;
	/** ISO 8601, UTC. */
	WhenPosted?: string;
};

/** A stored chat message, as POST …/Messages and GET …/Messages return it. */
export type ChatMessage = {
	ChatMessageId: number;
	ChatSessionId: number;
	Type: string;
	Message: string;
	Author: string;
	ReadByCustomer: number;
	SpecialType: string;
	SpecialParam: string;
	WhenPosted: string;
};

/** GET /api/v1/ChatSession/{id} (ChatSessionEntityWithLinks); only the fields the node relies on are typed. */
export type ChatSessionEntity = {
	ChatSessionId: number;
	TopicId?: number;
	CustomerAlias?: string;
	CustomerName?: string;
	CustomerEmail?: string;
	CustomerPhone?: string;
	Status?: string;
	FirstMessage?: string;
	LastMessage?: string;
	WhenRequested?: string;
	WhenStarted?: string;
	WhenEnded?: string;
	[key: string]: unknown;
};

/** SuperOffice's error body: {"Error":true,"ErrorType":"…","Message":"…","ErrorSource":"…"}. */
export type SuperOfficeErrorBody = {
	Error?: boolean;
	ErrorType?: string;
	Message?: string;
	ErrorSource?: string;
};
