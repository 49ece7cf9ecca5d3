import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readCursor, writeCursor } from '../shared/cursor';
import { evoVoiceConversation } from '../EvoVoice/actions/message/sendAndWait';
import { ICONS } from '../shared/icons';
import { handOnChatAnswers } from '../shared/sendAndWait/chat';
import { connect } from '../shared/vendor';
import { EVOVOICE_CREDENTIAL, EVOVOICE_CREDENTIAL_TEST, evoVoice } from '../EvoVoice/transport';
import type { EvoVoiceMessageInfo } from '../EvoVoice/types';
import { latestMessages, newMessages, startingPoint } from './polling';
import { markSavedStaticData } from '../shared/staticData';

/**
 * EvoVoice has no webhook for incoming messages (https://evovoice.io/json/metadata
 * lists no subscription operation), so this trigger polls ListMessages
 * (GET /messages) with afterDate, keeping a date cursor plus the IDs seen at
 * that date in the workflow's static data. EvoVoice does not document the
 * order it lists in: polling.ts asks for one and tells the order from the
 * dates it gets back.
 */
export class EvoVoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'EvoVoice Trigger',
		name: 'evoVoiceTrigger',
		icon: ICONS.evoVoice,
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["direction"] === "all" ? "Every new message" : "New incoming message"}}',
		description: 'Starts the workflow when a customer sends a text message to an EvoVoice number',
		defaults: { name: 'EvoVoice Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Plain strings, not EVOVOICE_CREDENTIAL and a key of EVOVOICE_CREDENTIAL_TEST:
		// n8n's verification lint (credential-test-required) reads the credential's
		// name and test only as literals. test/shared/credential-test.test.js checks both.
		credentials: [{ name: 'evoVoiceBasicApi', required: true, testedBy: 'evoVoiceBasicApiTest' }],
		properties: [
			{
				displayName:
					'EvoVoice has no webhooks for messages, so n8n asks it for new ones at the interval set below. The first check after activation starts from that moment: older messages do not start the workflow.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Messages',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Incoming and Outgoing', value: 'all', description: 'Every new message, including those your team or workflows sent' },
					{ name: 'Incoming Only', value: 'incoming', description: 'Messages customers sent to your numbers' },
				],
				default: 'incoming',
				description: 'Which new messages start the workflow',
			},
			{
				displayName: 'Endpoint IDs',
				name: 'endpointIds',
				type: 'string',
				default: '',
				placeholder: 'ep-123, ep-456',
				description:
					'Only messages of these EvoVoice endpoints (phone numbers). Separate several IDs with commas; leave empty for every endpoint the user may see.',
			},
		],
	};

	methods = { credentialTest: EVOVOICE_CREDENTIAL_TEST };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		markSavedStaticData(this);
		const connection = await connect(this, 0, evoVoice, EVOVOICE_CREDENTIAL);
		const direction = String(this.getNodeParameter('direction', 'incoming'));
		const endpointIds = String(this.getNodeParameter('endpointIds', ''))
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		const query: IDataObject = endpointIds.length ? { endpointIds: endpointIds.join(',') } : {};
		const wanted = (message: EvoVoiceMessageInfo) => direction === 'all' || message.direction === 'Incoming';
		const output = (messages: EvoVoiceMessageInfo[]) =>
			messages.length ? [messages.map((json) => ({ json: { ...json } }))] : null;

		if (this.getMode() === 'manual') {
			// A test run shows the most recent matching message, so the workflow can be built on it.
			const latest = (await latestMessages(this, connection, query)).filter(wanted).slice(-1);
			return output(latest);
		}

		const staticData = this.getWorkflowStaticData('node');
		const cursor = readCursor(staticData);
		if (!cursor) {
			// First activation: start from the newest message there is, so old ones do not flood the workflow.
			writeCursor(staticData, await startingPoint(this, connection, query));
			return null;
		}
		const { fresh, next } = await newMessages(this, connection, query, cursor);
		writeCursor(staticData, next);
		// A message that answers a Send and Wait question of this workflow goes to the waiting execution instead.
		const left = await handOnChatAnswers(this, fresh.filter(wanted), (message) =>
			message.direction === 'Incoming'
				? { conversation: evoVoiceConversation(message.endpointId, message.otherAddress), message: { text: message.text ?? '', messageId: message.id } }
				: undefined,
		);
		return output(left);
	}
}
