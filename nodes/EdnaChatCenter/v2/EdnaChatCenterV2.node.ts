import type { INodeTypeDescription } from 'n8n-workflow';

import { nextVersionDescription } from '../../shared/versions';
import { EdnaChatCenterV1 } from '../v1/EdnaChatCenterV1.node';

/**
 * Version 2 of the edna Chat Center node: version 1's operations and fields, with
 * Parallel Requests defaulting to 16 instead of 4 (nodes/shared/options.ts).
 * Workflows saved with version 1 keep sending 4 at a time.
 */
export class EdnaChatCenterV2 extends EdnaChatCenterV1 {
	description: INodeTypeDescription = nextVersionDescription(new EdnaChatCenterV1().description, 2);
}
