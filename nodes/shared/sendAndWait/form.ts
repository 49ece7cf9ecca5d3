import type { FormFieldsParameter, IDataObject } from 'n8n-workflow';
import { tryToParseJsonToFormFields } from 'n8n-workflow';

import { FORM_ELEMENT_TYPES } from './fields';

/** Reads one of the node's parameters (the execution's item 0, or the waiting webhook's call). */
export type ReadParameter = (name: string, fallback: unknown) => unknown;

export type FormField = FormFieldsParameter[number];

const SUPPORTED = new Set<string>(FORM_ELEMENT_TYPES.map((type) => type.value));

/** The field's name in the output: its label, or a hidden field's Field Name (n8n's getFieldIdentifier before form version 2.4). */
export function outputName(field: FormField): string {
	return field.fieldLabel || field.fieldName || '';
}

/** The form's fields as the node defines them, or a sentence saying why they cannot make a form. */
export function readFormFields(read: ReadParameter): { fields: FormField[] } | { error: string } {
	let fields: FormField[];
	if (read('defineForm', 'fields') === 'json') {
		const raw = read('jsonOutput', '[]');
		try {
			// n8n's own parser of JSON form fields (n8n-workflow type-validation): same keys, same errors.
			fields = tryToParseJsonToFormFields(typeof raw === 'string' ? raw : JSON.stringify(raw));
		} catch (error) {
			return { error: `Form Fields is not a list of form fields: ${error instanceof Error ? error.message : String(error)}` };
		}
	} else {
		const values = (read('formFields.values', []) ?? []) as FormField[];
		fields = Array.isArray(values) ? values : [];
	}
	if (!fields.length) return { error: 'The form has no fields: add at least one form element.' };
	for (const [index, field] of fields.entries()) {
		const type = field.fieldType ?? 'text';
		if (!SUPPORTED.has(type)) {
			return {
				error: `Form element ${index + 1} is of type "${type}", which this node's form does not offer (${[...SUPPORTED].join(', ')}).`,
			};
		}
		if (outputName(field).trim() === '') return { error: `Form element ${index + 1} has no Field Name.` };
		if (['dropdown', 'radio', 'checkbox'].includes(type) && !choicesOf(field).length) {
			return { error: `Form element ${index + 1} (${outputName(field)}) has no options to choose from.` };
		}
	}
	return { fields };
}

/** The labels a Dropdown, Radio Buttons or Checkboxes element offers. */
export function choicesOf(field: FormField): string[] {
	return (field.fieldOptions?.values ?? []).map((v) => String(v.option ?? '')).filter((option) => option !== '');
}

/** What the form's `field-<n>` input sent: the value, or every value of a field sent more than once. */
function submitted(body: IDataObject, index: number): string[] {
	const raw = body[`field-${index}`];
	const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
	return list.map((value) => String(value));
}

/**
 * The answer to the form, keyed by each field's name as n8n's form returns it
 * (Form utils addFormResponseDataToReturnItem): numbers as numbers, text and
 * email trimmed, checkboxes as a list, anything left empty as null. A
 * required field left empty, or a choice the form did not offer, is a
 * sentence instead: the page asks again and the workflow does not go on.
 */
export function readFormAnswer(fields: FormField[], body: IDataObject): { json: IDataObject } | { error: string } {
	const json: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const type = field.fieldType ?? 'text';
		const name = outputName(field);
		const values = submitted(body, index).map((value) => (type === 'text' || type === 'email' ? value.trim() : value));
		const given = values.filter((value) => value !== '');
		if (type === 'hiddenField') {
			json[name] = field.fieldValue ?? values[0] ?? null;
			continue;
		}
		if (!given.length) {
			if (field.requiredField) return { error: `Please fill in “${name}”.` };
			json[name] = type === 'checkbox' ? [] : null;
			continue;
		}
		if (['dropdown', 'radio', 'checkbox'].includes(type)) {
			const offered = choicesOf(field);
			const unknown = given.find((value) => !offered.includes(value));
			if (unknown !== undefined) return { error: `“${name}” has no option “${unknown}”.` };
			json[name] = type === 'checkbox' ? given : given[0];
			continue;
		}
		if (type === 'number') {
			const number = Number(given[0]);
			if (!Number.isFinite(number)) return { error: `“${name}” must be a number.` };
			json[name] = number;
			continue;
		}
		json[name] = given[0];
	}
	return { json };
}
