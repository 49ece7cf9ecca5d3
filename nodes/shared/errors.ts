import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Appends the item index the way n8n users read it ("[item 3]"). */
export function atItem(message: string, itemIndex: number): string {
	return `${message} [item ${itemIndex}]`;
}

/**
 * An input problem found before anything was sent: one readable sentence that
 * names the field, with the item index. Nothing goes to the vendor for that item.
 */
export function inputError(node: INode, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(node, atItem(message, itemIndex), { itemIndex });
}

/**
 * A request that got no HTTP answer (refused, reset, timed out). It is not a
 * NodeApiError on purpose: NodeApiError swaps any message that mentions a
 * network code for n8n's generic one, and the sentence here says more — above
 * all whether the message may already have been delivered.
 */
export function networkError(node: INode, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(node, atItem(message, itemIndex), { itemIndex });
}

/**
 * A vendor's answer turned into an n8n API error. `details` must never carry a
 * request header: it only ever holds the HTTP status and the vendor's body.
 */
export function vendorError(
	node: INode,
	itemIndex: number,
	message: string,
	details: { httpCode?: number; body?: unknown; description?: string },
): NodeApiError {
	const response: JsonObject = {
		message,
		...(details.httpCode !== undefined ? { httpCode: String(details.httpCode) } : {}),
		...(details.body !== undefined ? { body: truncateBody(details.body) } : {}),
	};
	return new NodeApiError(node, response, {
		message: atItem(message, itemIndex),
		description: details.description,
		httpCode: details.httpCode !== undefined ? String(details.httpCode) : undefined,
		itemIndex,
	});
}

function truncateBody(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
