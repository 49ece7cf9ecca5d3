import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Whether a failed item's message can have reached the customer. A user (or a
 * workflow branching on the failed item's `details.delivery`) may re-run a
 * `notDelivered` item safely; a `mayHaveBeenDelivered` one needs a look at
 * the conversation first. Reads always fail `notDelivered`.
 */
export type Delivery = 'notDelivered' | 'mayHaveBeenDelivered';

/** What every error says when the message may have reached the customer. */
export const MAY_HAVE_BEEN_DELIVERED =
	'The message may have been delivered, so it was not sent again; check the conversation before re-running this item.';

/** Appends the item index the way n8n users read it ("[item 3]"). */
export function atItem(message: string, itemIndex: number): string {
	return `${message} [item ${itemIndex}]`;
}

/** The delivery an error records (see Delivery); an error that says nothing was sent nothing. */
export function deliveryOf(error: unknown): Delivery {
	const context = error && typeof error === 'object' ? (error as { context?: { delivery?: unknown } }).context : undefined;
	return context?.delivery === 'mayHaveBeenDelivered' ? 'mayHaveBeenDelivered' : 'notDelivered';
}

/**
 * An input problem found before anything was sent: one readable sentence that
 * names the field, with the item index. Nothing goes to the vendor for that item.
 */
export function inputError(node: INode, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(node, atItem(message, itemIndex), { itemIndex });
}

/**
 * A request that got no whole HTTP answer (refused, reset, timed out, too
 * large). It is not a NodeApiError on purpose: NodeApiError swaps any message
 * that mentions a network code for n8n's generic one, and the sentence here
 * says more — above all whether the message may already have been delivered.
 */
export function networkError(node: INode, itemIndex: number, message: string, delivery: Delivery): NodeOperationError {
	const error = new NodeOperationError(node, atItem(message, itemIndex), { itemIndex });
	error.context.delivery = delivery;
	return error;
}

/**
 * A vendor's answer turned into an n8n API error. `details` must never carry a
 * request header: it only ever holds the HTTP status and the vendor's body.
 *
 * The sentence is the error's message and nowhere else: NodeApiError copies a
 * `message` of the response into its `messages` and, without a description,
 * into the description too, and n8n's command line prints each of them (and
 * the whole error twice) — one failed item showed its sentence 16 times.
 */
export function vendorError(
	node: INode,
	itemIndex: number,
	message: string,
	details: { httpCode?: number; body?: unknown; description?: string; delivery?: Delivery },
): NodeApiError {
	const response: JsonObject = {
		...(details.httpCode !== undefined ? { httpCode: String(details.httpCode) } : {}),
		...(details.body !== undefined ? { body: truncateBody(details.body) } : {}),
	};
	const error = new NodeApiError(node, response, {
		message: atItem(message, itemIndex),
		description: details.description,
		httpCode: details.httpCode !== undefined ? String(details.httpCode) : undefined,
		itemIndex,
	});
	error.context.delivery = details.delivery ?? 'notDelivered';
	return error;
}

function truncateBody(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
