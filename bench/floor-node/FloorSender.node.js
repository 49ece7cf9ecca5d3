// Benchmark only, never published (`npm run bench` installs it beside the
// package): the least any n8n node can do to send the benchmark's messages.
// Per item it reads the fields our edna node's Send to Client reads (the Text
// expression among them) and hands one request to n8n's request helper with
// the edna credential, `parallelRequests` at a time. Nothing else: no checks,
// no time or size bound on the answer, no pacing, no retries, no errors of
// its own. Whatever n8n costs per item for a node that sends through its
// request helper, this node pays and our node pays too; what our node costs
// beyond this node is our own.
'use strict';

const CREDENTIAL_TYPE = 'ednaChatCenterBearerApi';
const SEND_PATH = '/api/v1/messages/outgoing-from-myself';
const FIELDS = ['clientId', 'login', 'channelType', 'status', 'text'];

class FloorSender {
	constructor() {
		this.description = {
			displayName: 'Benchmark Floor Sender',
			name: 'floorSender',
			group: ['output'],
			version: 1,
			description: 'Benchmark only: sends each item to edna with nothing but n8n’s request helper',
			defaults: { name: 'Floor Sender' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				...FIELDS.map((name) => ({ displayName: name, name, type: 'string', default: '' })),
				{ displayName: 'Parallel Requests', name: 'parallelRequests', type: 'number', default: 16 },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const data = await this.getCredentials(CREDENTIAL_TYPE, 0);
		const credentials = { id: '', name: '', type: CREDENTIAL_TYPE, data };
		const url = `${String(data.baseUrl).replace(/\/+$/, '')}${SEND_PATH}`;
		const parallel = this.getNodeParameter('parallelRequests', 0);
		const out = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const i = next++;
				const body = Object.fromEntries(FIELDS.map((name) => [name, this.getNodeParameter(name, i)]));
				const answer = await this.helpers.httpRequestWithAuthentication.call(
					this,
					CREDENTIAL_TYPE,
					{ method: 'POST', url, body, json: true, ignoreHttpStatusErrors: true, disableFollowRedirect: true, returnFullResponse: true },
					{ credentialsDecrypted: credentials },
				);
				out[i] = { json: answer.statusCode === 200 ? answer.body : { error: answer.body }, pairedItem: { item: i } };
			}
		};
		await Promise.all(Array.from({ length: parallel }, worker));
		return [out];
	}
}

module.exports = { FloorSender };
