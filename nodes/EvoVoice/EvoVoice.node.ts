import { NodeVersions } from '../shared/versions';
import { EvoVoiceV1 } from './v1/EvoVoiceV1.node';

/** The EvoVoice node: every version a saved workflow may use (see NodeVersions). */
export class EvoVoice extends NodeVersions {
	constructor() {
		super({ 1: new EvoVoiceV1() });
	}
}
