import { NodeVersions } from '../shared/versions';
import { EdnaChatCenterV1 } from './v1/EdnaChatCenterV1.node';
import { EdnaChatCenterV2 } from './v2/EdnaChatCenterV2.node';

/** The edna Chat Center node: every version a saved workflow may use (see NodeVersions). */
export class EdnaChatCenter extends NodeVersions {
	constructor() {
		super({ 1: new EdnaChatCenterV1(), 2: new EdnaChatCenterV2() });
	}
}
