import type { INodeTypeDescription } from 'n8n-workflow';

import { nextVersionDescription } from '../../shared/versions';
import { EvoVoiceV1 } from '../v1/EvoVoiceV1.node';

/**
 * Version 2 of the EvoVoice node: version 1's operations and fields, with
 * Parallel Requests defaulting to 16 instead of 4 (nodes/shared/options.ts).
 * Workflows saved with version 1 keep sending 4 at a time.
 */
export class EvoVoiceV2 extends EvoVoiceV1 {
	description: INodeTypeDescription = nextVersionDescription(new EvoVoiceV1().description, 2);
}
