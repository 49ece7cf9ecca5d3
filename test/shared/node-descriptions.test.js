'use strict';

// Rules for what every node shows in the n8n editor, checked on the package
// as n8n loads it (so they hold for a node added later too): these catch a
// forgotten action label, an option list out of order, or a credential the
// node offers that the package does not register.
const { loadPackage } = require('../harness');

/** Every property of a node description, collection members included, with where it sits. */
function allProperties(properties, where = []) {
	return properties.flatMap((p) => {
		const here = [...where, p.name];
		const own = [{ property: p, where: here.join(' › ') }];
		if (p.type === 'collection') return [...own, ...allProperties(p.options, here)];
		if (p.type === 'fixedCollection') return [...own, ...p.options.flatMap((group) => allProperties(group.values, [...here, group.name]))];
		return own;
	});
}

const sorted = (names) => [...names].sort((a, b) => a.localeCompare(b));

async function nodes() {
	const { nodeTypes } = await loadPackage();
	return Object.entries(nodeTypes).map(([name, { type }]) => ({ name, description: type.description }));
}

test('every operation option has an action label (what n8n lists in the nodes panel)', async () => {
	for (const { name, description } of await nodes()) {
		const operations = allProperties(description.properties).filter(({ property }) => property.name === 'operation');
		expect(operations.length).toBeGreaterThan(0);
		for (const { property } of operations) {
			for (const option of property.options) {
				expect({ node: name, option: option.value, action: typeof option.action === 'string' && option.action.length > 0 }).toEqual({
					node: name,
					option: option.value,
					action: true,
				});
			}
		}
	}
});

test('option lists are sorted by name, and collections by display name', async () => {
	for (const { name, description } of await nodes()) {
		for (const { property, where } of allProperties(description.properties)) {
			const names =
				property.type === 'options' || property.type === 'multiOptions'
					? property.options.map((o) => o.name)
					: property.type === 'collection'
						? property.options.map((o) => o.displayName)
						: undefined;
			if (names) expect({ node: name, where, names }).toEqual({ node: name, where, names: sorted(names) });
		}
	}
});

test('every credential a node offers is registered by the package, and every registered one is offered', async () => {
	const { credentialTypes } = await loadPackage();
	const offered = (await nodes()).flatMap(({ description }) => description.credentials.map((c) => c.name));
	expect(sorted(new Set(offered))).toEqual(sorted(Object.keys(credentialTypes)));
});

test('a node with several credentials shows each for exactly one Authentication choice, and each choice has one', async () => {
	for (const { name, description } of await nodes()) {
		if (description.credentials.length < 2) continue;
		const authentication = description.properties.find((p) => p.name === 'authentication');
		const shownFor = description.credentials.map((c) => c.displayOptions?.show?.authentication);
		expect({ node: name, shownFor: shownFor.map((values) => values?.length) }).toEqual({ node: name, shownFor: shownFor.map(() => 1) });
		expect(sorted(shownFor.flat())).toEqual(sorted(authentication.options.map((o) => o.value)));
	}
});
