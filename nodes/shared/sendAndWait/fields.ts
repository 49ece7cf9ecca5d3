import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionFields } from '../options';

/**
 * The fields of Send and Wait for Response, with the names, values and
 * defaults of n8n 2.41.1's own (n8n-nodes-base utils/sendAndWait: descriptions.js
 * and utils.js getSendAndWaitProperties, as its WhatsApp node uses them: no
 * Subject, no button styles, ✓/✗ labels), so that a workflow, a template or
 * an expression written for Slack's or WhatsApp's reads the same parameters
 * here: `message`, `responseType`, `approvalOptions.values`, `defineForm`,
 * `formFields.values`, `jsonOutput`, `options.limitWaitTime.values`,
 * `options.messageButtonLabel`, … What n8n offers and these nodes do not:
 * form elements File and Custom HTML, the checkbox selection limits, the
 * form's Custom Styling (the page is the node's own, see page.ts).
 */

/** n8n's limitWaitTimeProperties (descriptions.js), as they are. */
const limitWaitTimeProperties: INodeProperties[] = [
	{
		displayName: 'Limit Type',
		name: 'limitType',
		type: 'options',
		default: 'afterTimeInterval',
		description: 'Sets the condition for the execution to resume. Can be a specified date or after some time.',
		options: [
			{ name: 'After Time Interval', description: 'Waits for a certain amount of time', value: 'afterTimeInterval' },
			{ name: 'At Specified Time', description: 'Waits until the set date and time to continue', value: 'atSpecifiedTime' },
		],
	},
	{
		displayName: 'Amount',
		name: 'resumeAmount',
		type: 'number',
		displayOptions: { show: { limitType: ['afterTimeInterval'] } },
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 1,
		description: 'The time to wait',
	},
	{
		displayName: 'Unit',
		name: 'resumeUnit',
		type: 'options',
		displayOptions: { show: { limitType: ['afterTimeInterval'] } },
		options: [
			{ name: 'Days', value: 'days' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Minutes', value: 'minutes' },
		],
		default: 'hours',
		description: 'Unit of the interval value',
	},
	{
		displayName: 'Max Date and Time',
		name: 'maxDateAndTime',
		type: 'dateTime',
		displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
		default: '',
		description: 'Continue execution after the specified date and time',
	},
];

const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to limit the time this node should wait for a response before the execution resumes. When the limit is reached, the node outputs its input items unchanged, as n8n’s own Send and Wait does.',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [{ displayName: 'Values', name: 'values', values: limitWaitTimeProperties }],
};

const appendAttributionOption: INodeProperties = {
	displayName: 'Append Attribution',
	name: 'appendAttribution',
	type: 'boolean',
	default: true,
	description: 'Whether to include the phrase "This message was sent automatically with n8n" to the end of the message',
};

/** The request options of every vendor node that apply to one message (nodes/shared/options.ts). */
function requestOptions(): INodeProperties[] {
	return requestOptionFields(1).filter((option) => option.name === 'rateLimitWait' || option.name === 'timeout');
}

const byName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** The form elements offered: n8n's list (Form common.descriptions.js formElementTypes) without File and Custom HTML. */
export const FORM_ELEMENT_TYPES = [
	{ name: 'Checkboxes', value: 'checkbox' },
	{ name: 'Date', value: 'date' },
	{ name: 'Dropdown', value: 'dropdown' },
	{ name: 'Email', value: 'email' },
	{ name: 'Hidden Field', value: 'hiddenField' },
	{ name: 'Number', value: 'number' },
	{ name: 'Password', value: 'password' },
	{ name: 'Radio Buttons', value: 'radio' },
	{ name: 'Text Input', value: 'text' },
	{ name: 'Textarea', value: 'textarea' },
] as const;

const optionList = (displayName: string, placeholder: string, optionName: string, fieldType: string): INodeProperties => ({
	displayName,
	name: 'fieldOptions',
	placeholder,
	description: `The choices the customer has; each ${optionName} is what they see and what comes back`,
	type: 'fixedCollection',
	default: { values: [{ option: '' }] },
	required: true,
	displayOptions: { show: { fieldType: [fieldType] } },
	typeOptions: { multipleValues: true, sortable: true },
	options: [{ displayName: 'Values', name: 'values', values: [{ displayName: optionName, name: 'option', type: 'string', default: '', description: 'One choice' }] }],
});

/** n8n's Form Elements (formFields), with the same parameter names, for the element types above. */
const formFieldsField: INodeProperties = {
	displayName: 'Form Elements',
	name: 'formFields',
	placeholder: 'Add Form Element',
	type: 'fixedCollection',
	default: {},
	description: 'The fields of the form the customer fills in, in this order',
	typeOptions: { multipleValues: true, sortable: true },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				optionList('Checkboxes', 'Add Checkbox', 'Checkbox Label', 'checkbox'),
				{
					displayName: 'Default Value',
					name: 'defaultValue',
					description: 'Value the field starts with; for Dropdown and Radio Buttons one of the option labels',
					type: 'string',
					default: '',
					displayOptions: { show: { fieldType: ['text', 'number', 'email', 'textarea', 'dropdown', 'radio', 'date'] } },
				},
				{
					displayName: 'Element Type',
					name: 'fieldType',
					type: 'options',
					default: 'text',
					description: 'The type of field to add to the form',
					options: [...FORM_ELEMENT_TYPES],
					required: true,
				},
				{
					displayName: 'Field Name',
					name: 'fieldLabel',
					type: 'string',
					default: '',
					placeholder: 'e.g. What is your name?',
					description: 'Label that appears above the input field; the answer comes back under this name',
					required: true,
					displayOptions: { hide: { fieldType: ['hiddenField'] } },
				},
				{
					displayName: 'Field Name',
					name: 'fieldName',
					description: 'The name of the hidden field; its value comes back under this name',
					type: 'string',
					default: '',
					displayOptions: { show: { fieldType: ['hiddenField'] } },
				},
				optionList('Field Options', 'Add Field Option', 'Option', 'dropdown'),
				{
					displayName: 'Field Value',
					name: 'fieldValue',
					description: 'The value the hidden field sends',
					type: 'string',
					default: '',
					displayOptions: { show: { fieldType: ['hiddenField'] } },
				},
				{
					displayName: 'Placeholder',
					name: 'placeholder',
					description: 'Sample text to display inside the field',
					type: 'string',
					default: '',
					displayOptions: { hide: { fieldType: ['dropdown', 'date', 'hiddenField', 'radio', 'checkbox'] } },
				},
				optionList('Radio Buttons', 'Add Radio Button', 'Radio Button Label', 'radio'),
				{
					displayName: 'Required Field',
					name: 'requiredField',
					type: 'boolean',
					default: false,
					description: 'Whether to require the user to enter a value for this field before submitting the form',
					displayOptions: { hide: { fieldType: ['hiddenField'] } },
				},
			],
		},
	],
};

/** n8n's Form fields of Send and Wait (Form.node.js formFieldsProperties), shown for Custom Form. */
const customFormFields: INodeProperties[] = updateDisplayOptions({ show: { responseType: ['customForm'] } }, [
	{
		displayName: 'Define Form',
		name: 'defineForm',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: 'Whether the form is built from the elements below or from a JSON list of fields',
	},
	{
		displayName: 'Form Fields',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 5 },
		default:
			'[\n  {\n    "fieldLabel": "Preferred time",\n    "fieldType": "dropdown",\n    "fieldOptions": { "values": [{ "option": "Morning" }, { "option": "Afternoon" }] },\n    "requiredField": true\n  },\n  {\n    "fieldLabel": "Comment",\n    "fieldType": "textarea"\n  }\n]\n',
		description:
			'The fields as n8n’s Form node takes them: a list of objects with fieldLabel, fieldType, placeholder, requiredField, fieldOptions, defaultValue (and fieldName, fieldValue for a hidden field)',
		displayOptions: { show: { defineForm: ['json'] } },
	},
	{ ...formFieldsField, displayOptions: { show: { defineForm: ['fields'] } } },
]);

const approvalOptionsField: INodeProperties = {
	displayName: 'Approval Options',
	name: 'approvalOptions',
	type: 'fixedCollection',
	placeholder: 'Add option',
	default: {},
	description: 'Which answers the customer can give and what they read',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Type of Approval',
					name: 'approvalType',
					type: 'options',
					placeholder: 'Add option',
					default: 'single',
					description: 'Whether the customer can only approve, or approve and decline',
					options: [
						{ name: 'Approve and Disapprove', value: 'double' },
						{ name: 'Approve Only', value: 'single' },
					],
				},
				{
					displayName: 'Approve Button Label',
					name: 'approveLabel',
					type: 'string',
					default: '✓ Approve',
					description: 'What the approve answer reads, in the message and on the page',
					displayOptions: { show: { approvalType: ['single', 'double'] } },
				},
				{
					displayName: 'Disapprove Button Label',
					name: 'disapproveLabel',
					type: 'string',
					default: '✗ Decline',
					description: 'What the decline answer reads, in the message and on the page',
					displayOptions: { show: { approvalType: ['double'] } },
				},
			],
		},
	],
	displayOptions: { show: { responseType: ['approval'] } },
};

/**
 * Every field of the operation: where the question goes (`target`, the
 * vendor's), the message and response type, the form, the approval options,
 * the vendor's fields about answers in the chat (`chat`, before Options, as
 * n8n puts Slack's and Telegram's own), and Options — one collection per
 * response type, as in n8n, holding the vendor request options that apply
 * to one message (Timeout, Max Wait on Rate Limits).
 */
export function sendAndWaitFields(target: INodeProperties[], chat: INodeProperties[] = []): INodeProperties[] {
	return [
		...target,
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 4 },
			description: 'The question to send; the links to answer it are added below it',
		},
		{
			displayName: 'Response Type',
			name: 'responseType',
			type: 'options',
			default: 'approval',
			description: 'How the customer answers',
			options: [
				{ name: 'Approval', value: 'approval', description: 'User can approve/disapprove from within the message' },
				{ name: 'Custom Form', value: 'customForm', description: 'User can submit a response via a custom form' },
				{ name: 'Free Text', value: 'freeText', description: 'User can submit a response via a form' },
			],
		},
		...customFormFields,
		approvalOptionsField,
		...chat,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			description: 'How long to wait, and how the question and its page look',
			options: [limitWaitTimeOption, appendAttributionOption, ...requestOptions()].sort(byName),
			displayOptions: { show: { responseType: ['approval'] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			description: 'How long to wait, and how the question and its form look',
			options: (
				[
				{
					displayName: 'Message Button Label',
					name: 'messageButtonLabel',
					type: 'string',
					default: 'Respond',
					description: 'The text in front of the link to the form',
				},
				{
					displayName: 'Response Form Title',
					name: 'responseFormTitle',
					description: 'Title of the form that the user can access to provide their response',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Response Form Description',
					name: 'responseFormDescription',
					description: 'Description of the form that the user can access to provide their response',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Response Form Button Label',
					name: 'responseFormButtonLabel',
					type: 'string',
					default: 'Submit',
					description: 'The label of the button that sends the form',
				},
				limitWaitTimeOption,
				appendAttributionOption,
				...requestOptions(),
				] as INodeProperties[]
			).sort(byName),
			displayOptions: { show: { responseType: ['freeText', 'customForm'] } },
		},
	];
}
