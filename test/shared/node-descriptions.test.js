'use strict';

// Rules every node description follows, checked on the package as n8n loads
// it (PackageDirectoryLoader, every version of every node). They state what
// makes a node usable in the editor and by AI agents, not what a node holds.
const fs = require('node:fs');
const path = require('node:path');
const { Workflow } = require('n8n-workflow');
const { loadPackage, PACKAGE_DIR } = require('../harness');
const { defaultParallelRequests } = require('../../dist/nodes/shared/options');

const sorted = (names) => [...names].sort((a, b) => a.localeCompare(b));

let loader;
beforeAll(async () => {
	loader = await loadPackage();
});

/** Every version of every node, as [label, description]. */
function versions() {
	const out = [];
	for (const { type } of Object.values(loader.nodeTypes)) {
		const byVersion = type.nodeVersions ?? { [type.description.version]: type };
		for (const [version, node] of Object.entries(byVersion)) out.push([`${node.description.name} v${version}`, node.description]);
	}
	return out;
}

/** Action nodes: triggers have no resource and operation, and cannot be tools. */
const isTrigger = (description) => description.group.includes('trigger');
const actionVersions = () => versions().filter(([, description]) => !isTrigger(description));

/** Every parameter, nested ones (collections, fixed collections) included. */
function allParameters(properties) {
	return properties.flatMap((p) => {
		const nested = (p.options ?? []).flatMap((o) => (o.values ? allParameters(o.values) : o.displayName ? allParameters([o]) : []));
		return [p, ...nested];
	});
}

function operationsOf(description) {
	return description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((field) => field.displayOptions.show.resource.flatMap((resource) => field.options.map((o) => ({ resource, ...o }))));
}

describe('node descriptions', () => {
	test('the package has nodes, each with at least one version', () => {
		expect(versions().length).toBeGreaterThanOrEqual(Object.keys(loader.nodeTypes).length);
		expect(Object.keys(loader.nodeTypes).length).toBeGreaterThan(0);
	});

	test('every operation has an action and a description, and is shown for its resource', () => {
		for (const [, description] of actionVersions()) {
			const resources = description.properties.find((p) => p.name === 'resource').options.map((o) => o.value);
			for (const op of operationsOf(description)) {
				expect({ op: op.value, action: typeof op.action }).toEqual({ op: op.value, action: 'string' });
				expect(op.description).toEqual(expect.any(String));
				expect(resources).toContain(op.resource);
			}
		}
	});

	test('every field an operation shows has a description, for users and for AI agents', () => {
		for (const [label, description] of versions()) {
			const missing = allParameters(description.properties)
				.filter((p) => !['resource', 'operation'].includes(p.name) && p.type !== 'notice')
				.filter((p) => typeof p.description !== 'string' || p.description.trim() === '')
				.map((p) => p.displayName);
			expect({ label, missing }).toEqual({ label, missing: [] });
		}
	});

	test('option lists are sorted by name, collection options by display name', () => {
		for (const [, description] of versions()) {
			// Poll Times is n8n's own field, added to every polling trigger by the loader.
			for (const p of allParameters(description.properties.filter((field) => field.name !== 'pollTimes'))) {
				if (!Array.isArray(p.options) || p.options.length < 2) continue;
				const names = p.options.map((o) => o.name ?? o.displayName);
				if (p.type === 'collection') {
					const shown = p.options.map((o) => o.displayName);
					expect(shown).toEqual([...shown].sort((a, b) => a.localeCompare(b)));
				} else if (p.type === 'options' || p.type === 'multiOptions') {
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
				}
			}
		}
	});

	test('the subtitle names the chosen operation by its action, through n8n’s own expression engine', () => {
		for (const [, description] of versions()) {
			for (const op of operationsOf(description)) {
				const node = { id: 'n', name: 'N', type: 'x', typeVersion: 1, position: [0, 0], parameters: { resource: op.resource, operation: op.value } };
				const nodeTypes = { getByName: () => ({ description }), getByNameAndVersion: () => ({ description }), getKnownTypes: () => ({}) };
				const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
				expect(workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {})).toBe(op.action);
			}
		}
	});

	test('defaults name an existing resource and, for each resource, one of its operations', () => {
		for (const [, description] of actionVersions()) {
			const resource = description.properties.find((p) => p.name === 'resource');
			expect(resource.options.map((o) => o.value)).toContain(resource.default);
			for (const field of description.properties.filter((p) => p.name === 'operation')) {
				expect(field.options.map((o) => o.value)).toContain(field.default);
			}
		}
	});

	test('every action node is usable as an AI tool; every node shows an icon that exists in the built package (light and dark)', () => {
		for (const [label, description] of versions()) {
			if (!isTrigger(description)) expect({ label, usableAsTool: description.usableAsTool }).toEqual({ label, usableAsTool: true });
			for (const url of Object.values(description.iconUrl)) {
				const file = path.join(PACKAGE_DIR, url.replace(`icons/${loader.packageName}/`, ''));
				expect({ label, file, exists: fs.existsSync(file) }).toEqual({ label, file, exists: true });
			}
		}
	});

	test('every credential a node offers is registered by the package, and every registered one is offered', () => {
		const offered = versions().flatMap(([, description]) => (description.credentials ?? []).map((c) => c.name));
		expect(sorted(new Set(offered))).toEqual(sorted(Object.keys(loader.credentialTypes)));
	});

	test('a node with several credentials shows each for exactly one Authentication choice, and each choice has one', () => {
		for (const [label, description] of versions()) {
			if ((description.credentials ?? []).length < 2) continue;
			const authentication = description.properties.find((p) => p.name === 'authentication');
			const shownFor = description.credentials.map((c) => c.displayOptions?.show?.authentication);
			expect({ label, shownFor: shownFor.map((values) => values?.length) }).toEqual({ label, shownFor: shownFor.map(() => 1) });
			expect(sorted(shownFor.flat())).toEqual(sorted(authentication.options.map((o) => o.value)));
		}
	});

	test('a node opens at its newest version; each version shows the Parallel Requests default it runs with, and later versions change nothing else', () => {
		for (const { type } of Object.values(loader.nodeTypes)) {
			if (!type.nodeVersions) continue;
			const numbers = Object.keys(type.nodeVersions).map(Number);
			expect({ node: type.description.name, defaultVersion: type.description.defaultVersion }).toEqual({ node: type.description.name, defaultVersion: Math.max(...numbers) });
			const withoutDefaults = (description) => {
				// The request Options (Send and Wait has an Options collection of its own under the same name).
				const options = description.properties.find((p) => p.name === 'options' && p.options.some((o) => o.name === 'parallelRequests'));
				const shown = options.options.find((o) => o.name === 'parallelRequests').default;
				expect({ node: description.name, version: description.version, shown }).toEqual({ node: description.name, version: description.version, shown: defaultParallelRequests(description.version) });
				const rest = options.options.map((o) => (o.name === 'parallelRequests' ? { ...o, default: undefined } : o));
				return { ...description, version: undefined, properties: description.properties.map((p) => (p === options ? { ...p, options: rest } : p)) };
			};
			const [first, ...later] = numbers.map((n) => withoutDefaults(type.nodeVersions[n].description));
			for (const description of later) expect(description).toEqual(first);
		}
	});
});
