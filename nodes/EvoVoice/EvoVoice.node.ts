import { NodeVersions } from '../shared/versions';
import { EvoVoiceV1 } from './v1/EvoVoiceV1.node';
import { EvoVoiceV2 } from './v2/EvoVoiceV2.node';

/** The EvoVoice node: every version a saved workflow may use (see NodeVersions). */
export class EvoVoice extends NodeVersions {
	constructor() {
		super({ 1: new EvoVoiceV1(), 2: new EvoVoiceV2() });
	}
}
