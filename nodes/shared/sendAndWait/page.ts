import type { FormField } from './form';
import { choicesOf } from './form';

/**
 * The pages the customer sees after tapping a link in the question. n8n's
 * own nodes render n8n's form template (`res.render('form-trigger')`), which
 * is n8n's and not part of the node API, so these are the node's own:
 * one column that fits a phone (viewport set, nothing wider than the
 * screen, 48 px tap targets, 16 px text so phones do not zoom into fields),
 * no script, no outside resource (nothing to load on a slow connection,
 * nothing that could carry the signed address away in a Referer).
 */

/** Headers for every page: no caching of a signed page, no framing, no script. */
export const PAGE_HEADERS: Record<string, string> = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-store',
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Text with its line breaks kept (n8n turns `\n` typed in the field into a break too). */
function paragraphs(text: string): string {
	return escapeHtml(text.replace(/\\n/g, '\n').replace(/<br>/g, '\n').trim()).replace(/\n/g, '<br>');
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f5f6f8;color:#2d2e33;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:480px;margin:0 auto;padding:16px}
.card{background:#fff;border:1px solid #dbdfe7;border-radius:12px;padding:20px;overflow-wrap:anywhere}
h1{font-size:20px;font-weight:600;margin:0 0 8px}
.text{margin:0 0 16px;color:#4a4b50}
.error{margin:0 0 16px;padding:10px 12px;border-radius:8px;background:#fdecea;color:#8a1c12}
label,.label{display:block;font-weight:600;margin:16px 0 6px}
input[type=text],input[type=email],input[type=number],input[type=password],input[type=date],select,textarea{display:block;width:100%;min-height:48px;padding:10px 12px;font:inherit;border:1px solid #c3c7d0;border-radius:8px;background:#fff;color:inherit}
textarea{min-height:120px;resize:vertical}
.choice{display:flex;align-items:center;gap:12px;min-height:48px;font-weight:400;margin:0}
.choice input{width:22px;height:22px;margin:0;flex:none}
.buttons{display:flex;flex-direction:column;gap:12px;margin-top:20px}
form.inline{margin:0}
button{display:block;width:100%;min-height:52px;padding:12px 16px;font:inherit;font-weight:600;border-radius:10px;border:1px solid #c3c7d0;background:#fff;color:#2d2e33;cursor:pointer}
button.primary{background:#ea4b71;border-color:#ea4b71;color:#fff}
.done{text-align:center}
.footer{text-align:center;font-size:13px;color:#7e8186;margin-top:16px}
`;

const ATTRIBUTION = '<p class="footer">Automated with n8n</p>';

/** A whole page: `body` is already HTML. */
export function page(title: string, body: string, { attribution = false } = {}): string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">${body}</div>
${attribution ? ATTRIBUTION : ''}
</main>
</body>
</html>`;
}

export interface ApprovalChoice {
	label: string;
	/** Where the button posts: the signed address of this answer, as a relative `?…` link. */
	action: string;
	approved: boolean;
}

/**
 * The page an approval link opens. Opening it answers nothing: chat apps
 * open every link they show to build a preview, and n8n's way of approving
 * on the link itself (with a list of known preview robots) would let an
 * unknown one approve for the customer. The customer taps their answer here.
 * The answer the link was for comes first and stands out.
 */
export function approvalPage(title: string, message: string, choices: ApprovalChoice[], chosen: boolean, attribution: boolean): string {
	const ordered = [...choices].sort((a, b) => Number(b.approved === chosen) - Number(a.approved === chosen));
	const buttons = ordered
		.map(
			(choice) =>
				`<form class="inline" method="post" action="${escapeHtml(choice.action)}"><button type="submit" class="${
					choice.approved === chosen ? 'primary' : ''
				}" data-approved="${String(choice.approved)}">${escapeHtml(choice.label)}</button></form>`,
		)
		.join('');
	return page(
		title || 'Your answer',
		`${title ? `<h1>${escapeHtml(title)}</h1>` : ''}<p class="text">${paragraphs(message)}</p><div class="buttons">${buttons}</div>`,
		{ attribution },
	);
}

function input(field: FormField, index: number): string {
	const id = `field-${index}`;
	const type = field.fieldType ?? 'text';
	const required = field.requiredField ? ' required' : '';
	const label = escapeHtml(field.fieldLabel ?? '');
	const value = escapeHtml(String(field.defaultValue ?? ''));
	const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	if (type === 'hiddenField') return `<input type="hidden" name="${id}" value="${escapeHtml(String(field.fieldValue ?? ''))}">`;
	if (type === 'textarea') {
		return `<label for="${id}">${label}</label><textarea id="${id}" name="${id}"${placeholder}${required}>${value}</textarea>`;
	}
	if (type === 'dropdown') {
		const options = choicesOf(field)
			.map((option) => `<option${option === field.defaultValue ? ' selected' : ''}>${escapeHtml(option)}</option>`)
			.join('');
		return `<label for="${id}">${label}</label><select id="${id}" name="${id}"${required}><option value="">Choose…</option>${options}</select>`;
	}
	if (type === 'radio' || type === 'checkbox') {
		const choices = choicesOf(field)
			.map(
				(option) =>
					`<label class="choice"><input type="${type}" name="${id}" value="${escapeHtml(option)}"${
						type === 'radio' ? required : ''
					}${option === field.defaultValue ? ' checked' : ''}>${escapeHtml(option)}</label>`,
			)
			.join('');
		return `<fieldset style="border:0;padding:0;margin:0"><legend class="label">${label}</legend>${choices}</fieldset>`;
	}
	const inputType = ['email', 'number', 'password', 'date'].includes(type) ? type : 'text';
	const step = inputType === 'number' ? ' step="any" inputmode="decimal"' : '';
	return `<label for="${id}">${label}</label><input type="${inputType}" id="${id}" name="${id}" value="${value}"${placeholder}${step}${required}>`;
}

/** A form page (Free Text and Custom Form): posts back to the address it was opened with. */
export function formPage(
	fields: FormField[],
	{ title, description, buttonLabel, error, attribution }: { title: string; description: string; buttonLabel: string; error?: string; attribution: boolean },
): string {
	const inputs = fields.map(input).join('');
	return page(
		title || 'Your answer',
		`${title ? `<h1>${escapeHtml(title)}</h1>` : ''}${description ? `<p class="text">${paragraphs(description)}</p>` : ''}${
			error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''
		}<form method="post" enctype="multipart/form-data">${inputs}<div class="buttons"><button type="submit" class="primary">${escapeHtml(
			buttonLabel || 'Submit',
		)}</button></div></form>`,
		{ attribution },
	);
}

/** What the customer sees once the answer is taken (n8n's "Got it, thanks" page). */
export function recordedPage(attribution: boolean): string {
	return page('Got it, thanks', '<div class="done"><h1>Got it, thanks</h1><p class="text">This page can be closed now</p></div>', {
		attribution,
	});
}
