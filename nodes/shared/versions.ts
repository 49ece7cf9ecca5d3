import type { INodeType, INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { withVersionDefaults } from './options';

/**
 * A node made of versions. A saved workflow keeps the version it was made
 * with, so a change of behaviour goes into a new version (v2/…), and
 * workflows already running keep doing what they did. New workflows get the
 * highest version; the nodes panel shows that version's name, icon and
 * description.
 */
export class NodeVersions extends VersionedNodeType {
	constructor(versions: Record<number, INodeType>) {
		const numbers = Object.keys(versions).map(Number);
		const latest = versions[Math.max(...numbers)].description;
		const base: INodeTypeBaseDescription = {
			displayName: latest.displayName,
			name: latest.name,
			icon: latest.icon,
			group: latest.group,
			description: latest.description,
			defaultVersion: Math.max(...numbers),
		};
		super(versions, base);
	}
}

/**
 * The description of a version that differs from the one it builds on only in
 * defaults (docs/behaviour.md, "Node versions"): same operations and fields,
 * its own version number and the Options defaults of that version.
 */
export function nextVersionDescription(previous: INodeTypeDescription, version: number): INodeTypeDescription {
	return {
		...previous,
		version,
		properties: previous.properties.map((field) =>
			field.name === 'options' && field.type === 'collection' ? withVersionDefaults(field, version) : field,
		),
	};
}
