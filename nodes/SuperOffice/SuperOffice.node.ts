import { NodeVersions } from '../shared/versions';
import { SuperOfficeV1 } from './v1/SuperOfficeV1.node';
import { SuperOfficeV2 } from './v2/SuperOfficeV2.node';

/** The SuperOffice node: every version a saved workflow may use (see NodeVersions). */
export class SuperOffice extends NodeVersions {
	constructor() {
		super({ 1: new SuperOfficeV1(), 2: new SuperOfficeV2() });
	}
}
