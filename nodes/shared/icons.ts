import type { Icon } from 'n8n-workflow';

/**
 * Each vendor's light and dark icon. n8n resolves a node's icon path from the
 * file the package registers (nodes/<Vendor>/<Vendor>.node.js), for every
 * version of the node, so the paths are relative to that folder even where a
 * version's description in v1/ uses them. test/shared/node-descriptions.test.js
 * checks that every icon a node names exists in the built package.
 */
export const ICONS = {
	edna: { light: 'file:../../icons/edna.svg', dark: 'file:../../icons/edna.dark.svg' },
	evoVoice: { light: 'file:../../icons/evovoice.svg', dark: 'file:../../icons/evovoice.dark.svg' },
	superOffice: { light: 'file:../../icons/superoffice.svg', dark: 'file:../../icons/superoffice.dark.svg' },
} satisfies Record<string, Icon>;
