import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Send } from './items';
import { processItems } from './items';
import { readRequestOptions } from './options';

/**
 * One operation of a node, in one module: its entry in the Operation list,
 * its fields, and `prepare`, which reads and checks one item's parameters
 * without touching the network and returns the `send` that makes the call.
 */
export interface Operation<R extends string = string, O extends string = string> {
	readonly resource: R;
	readonly operation: O;
	/** Shown in the Operation list. */
	readonly name: string;
	readonly description: string;
	/** What the operation does, as a sentence ("Send a message to a client"); also the node's subtitle. */
	readonly action: string;
	/** The operation's fields, shown only when its resource and operation are chosen. */
	readonly fields: INodeProperties[];
	prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<Send>;
	/**
	 * For an operation that runs once for the whole node rather than once per
	 * item (Send and Wait for Response: one question, then the execution
	 * waits): what the node's execute() returns. Without it, every item goes
	 * through `prepare` and processItems.
	 */
	execute?(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

/**
 * Declares an operation. Its fields are written without the resource and
 * operation conditions: they are added here, once, as n8n's
 * `updateDisplayOptions` does it in n8n's own nodes.
 */
export function defineOperation<const R extends string, const O extends string>(
	spec: Operation<R, O>,
): Operation<R, O> {
	return {
		...spec,
		fields: updateDisplayOptions({ show: { resource: [spec.resource], operation: [spec.operation] } }, spec.fields),
	};
}

/** A node's resources and, for each, the values of its operations: `{ message: 'send' | 'getAll' }`. */
export type OperationMap = Record<string, string>;

/** The keys of a node's operation table: `message:send`, `message:getAll`, … */
export type OperationKey<M extends OperationMap> = { [R in keyof M & string]: `${R}:${M[R]}` }[keyof M & string];

/**
 * A node's operations keyed `resource:operation`. Written with `satisfies
 * OperationTable<…>`, the compiler checks that every operation of the map is
 * there and that each key names its module's own resource and operation.
 */
export type OperationTable<M extends OperationMap> = {
	[K in OperationKey<M>]: K extends `${infer R}:${infer O}` ? Operation<R, O> : never;
};

/** The resources of a node, each with its name in the editor and the operation it starts on. */
export type ResourceList<M extends OperationMap> = { [R in keyof M & string]: { name: string; defaultOperation: M[R] } };

function operationsOf<M extends OperationMap>(table: OperationTable<M>): Operation[] {
	return Object.values<Operation>(table);
}

/**
 * The Resource and Operation fields, then every operation's fields, as the
 * editor shows them. Defaults are explicit because saved workflows leave a
 * parameter out when it equals its default: changing one would change what
 * those workflows do.
 */
export function operationProperties<M extends OperationMap>(
	resources: ResourceList<M>,
	defaultResource: keyof M & string,
	table: OperationTable<M>,
): INodeProperties[] {
	const operations = operationsOf(table);
	const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
	const resourceNames = Object.keys(resources) as Array<keyof M & string>;
	const resourceField: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resourceNames.map((value) => ({ name: resources[value].name, value })).sort(byName),
		default: defaultResource,
	};
	const operationFields = resourceNames.map(
		(resource): INodeProperties => {
			const { defaultOperation } = resources[resource];
			return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations
				.filter((op) => op.resource === resource)
				.map(({ name, operation, description, action }) => ({ name, value: operation, description, action }))
				.sort(byName),
			default: defaultOperation,
			};
		},
	);
	return [resourceField, ...operationFields, ...operations.flatMap((op) => op.fields)];
}

/** The node's subtitle: the chosen operation's action, looked up from the table. */
export function operationSubtitle<M extends OperationMap>(table: OperationTable<M>): string {
	const actions = Object.fromEntries(operationsOf(table).map((op) => [`${op.resource}:${op.operation}`, op.action]));
	return `={{ ${JSON.stringify(actions)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

/**
 * What a node's `execute` does: picks the operation from the node's table,
 * reads the shared options (Parallel Requests, Timeout) and runs every input
 * item through processItems.
 */
export async function runOperation<M extends OperationMap>(
	ctx: IExecuteFunctions,
	table: OperationTable<M>,
): Promise<INodeExecutionData[][]> {
	const key = `${String(ctx.getNodeParameter('resource', 0))}:${String(ctx.getNodeParameter('operation', 0))}`;
	const operation = operationsOf(table).find((op) => `${op.resource}:${op.operation}` === key);
	if (!operation) throw new NodeOperationError(ctx.getNode(), `The operation "${key}" is not supported.`);
	if (operation.execute) return await operation.execute(ctx);
	const options = readRequestOptions(ctx);
	const output = await processItems(ctx, async (itemIndex) => await operation.prepare(ctx, itemIndex), {
		concurrency: options.parallelRequests,
		timeoutMs: options.timeoutMs,
	});
	return [output];
}
