import type { INodeType, INodeTypeBaseDescription } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

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
