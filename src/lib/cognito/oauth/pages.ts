/**
 * The HTML of the managed login pages: the classic hosted UI (`ManagedLoginVersion` 1, customised with a logo
 * and CSS on the documented `*-customizable` classes) and managed login (version 2, styled by a branding
 * style). Plain strings built here, no DOM: every interpolated value goes through `escapeHtml`. Pages are
 * self-contained (one nonce'd `<style>`, images as `data:` URLs, no script), work without JavaScript and at
 * 360 px, and carry their CSP as a `<meta>` too, so a host that shows the HTML in a frame keeps the policy.
 */
import { escapeHtml, pageCsp } from './http';

/** One form field. */
export interface Field {
	name: string;
	label: string;
	type: 'text' | 'password' | 'email' | 'tel' | 'hidden';
	value?: string;
	autocomplete?: string;
	inputmode?: 'numeric' | 'email' | 'tel';
	required?: boolean;
	hint?: string;
}

/** How a page looks: classic (version 1) or managed login (version 2) and the customer's branding. */
export interface PageLook {
	version: 1 | 2;
	/** Classic: the customer's CSS (validated at SetUICustomization, unsupported properties dropped). */
	classicCss?: string;
	/** A logo as a `data:` URL. */
	logo?: string;
	/** Managed login: colours from the branding settings (CSS colour values, already checked). */
	colors?: {
		pageBackground?: string;
		formBackground?: string;
		button?: string;
		buttonText?: string;
	};
	/** Managed login colour scheme. */
	scheme?: 'LIGHT' | 'DARK' | 'DYNAMIC';
}

export interface Page {
	title: string;
	lang?: string;
	look: PageLook;
	nonce: string;
	error?: string;
	notice?: string;
	/** Trusted HTML built with the helpers below. */
	body: string;
	/** The app's callback URL, which the page's forms may end up redirecting to (CSP `form-action`). */
	redirectTarget?: string;
}

const CLASSIC_STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.45;color:#1b1b1b;background:#f5f5f5}
.background-customizable{max-width:420px;margin:0 auto;min-height:100vh;background:#fff;padding:0 0 24px}
.banner-customizable{padding:20px 16px;background:#fafafa;text-align:center;border-bottom:1px solid #ddd}
.logo-customizable{max-width:100%;max-height:120px}
main{padding:16px 20px}
h1{font-size:1.3rem;margin:.25rem 0 1rem}
.label-customizable{display:block;font-weight:600;margin:.75rem 0 .25rem}
.inputField-customizable{display:block;width:100%;height:44px;padding:8px 10px;font-size:1rem;color:#1b1b1b;background:#fff;border:1px solid #767676;border-radius:4px}
.inputField-customizable:focus{outline:3px solid #1f6fd1;outline-offset:1px;border-color:#1f6fd1}
.submitButton-customizable{display:block;width:100%;min-height:44px;margin:1.25rem 0 .5rem;font-size:1rem;font-weight:600;color:#fff;background:#1f5fae;border:0;border-radius:4px;cursor:pointer}
.submitButton-customizable:hover{background:#174a88}
.submitButton-customizable:focus-visible{outline:3px solid #111;outline-offset:2px}
.errorMessage-customizable{margin:.5rem 0;padding:10px 12px;color:#8a1111;background:#fdecec;border:1px solid #d43f3f;border-radius:4px}
.textDescription-customizable{margin:.5rem 0;color:#333}
.redirect-customizable{color:#1f5fae}
.idpButton-customizable{display:block;width:100%;min-height:44px;margin:.5rem 0;padding:10px;text-align:center;color:#1b1b1b;background:#fff;border:1px solid #767676;border-radius:4px;text-decoration:none}
.legalText-customizable{font-size:.85rem;color:#555}
.notice{margin:.5rem 0;padding:10px 12px;background:#eaf3ea;border:1px solid #3d7f3d;border-radius:4px}
.hint{font-size:.9rem;color:#444;margin:.25rem 0 0}
code{word-break:break-all}
a{color:#1f5fae}
`;

function managedStyle(look: PageLook): string {
	const c = look.colors ?? {};
	const light = `--page:${c.pageBackground ?? '#f2f3f3'};--form:${c.formBackground ?? '#ffffff'};--text:#16191f;--muted:#414d5c;--button:${c.button ?? '#0972d3'};--button-text:${c.buttonText ?? '#ffffff'};--border:#7d8998;--error-bg:#fff7f7;--error:#a3131c;--ok-bg:#f2fcf3;--link:#0550a3`;
	const dark = `--page:#0f1b2a;--form:#192534;--text:#e9ebed;--muted:#b6bec9;--button:#539fe5;--button-text:#0f1b2a;--border:#8d99a8;--error-bg:#270a11;--error:#ff8a8a;--ok-bg:#0b2712;--link:#89bdee`;
	const scheme = look.scheme ?? 'LIGHT';
	const vars =
		scheme === 'DARK'
			? `:root{${dark};color-scheme:dark}`
			: scheme === 'DYNAMIC'
				? `:root{${light};color-scheme:light dark}@media (prefers-color-scheme:dark){:root{${dark}}}`
				: `:root{${light};color-scheme:light}`;
	return `${vars}
*{box-sizing:border-box}
body{margin:0;font-family:"Open Sans","Helvetica Neue",Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:var(--text);background:var(--page)}
.shell{max-width:440px;margin:0 auto;padding:24px 12px}
.card{background:var(--form);border-radius:16px;padding:24px 20px;box-shadow:0 1px 4px rgba(0,7,22,.15)}
.logo{display:block;max-width:100%;max-height:96px;margin:0 auto 12px}
h1{font-size:1.5rem;margin:0 0 1rem;text-align:center}
label{display:block;font-weight:700;margin:.9rem 0 .3rem}
input{display:block;width:100%;min-height:44px;padding:8px 12px;font-size:1rem;color:var(--text);background:var(--form);border:2px solid var(--border);border-radius:8px}
input:focus{outline:3px solid var(--button);outline-offset:1px}
button{display:block;width:100%;min-height:44px;margin:1.25rem 0 .5rem;font-size:1rem;font-weight:700;color:var(--button-text);background:var(--button);border:0;border-radius:20px;cursor:pointer}
button:focus-visible{outline:3px solid var(--text);outline-offset:2px}
.error{margin:.5rem 0;padding:10px 12px;color:var(--error);background:var(--error-bg);border:2px solid var(--error);border-radius:8px}
.notice{margin:.5rem 0;padding:10px 12px;background:var(--ok-bg);border:2px solid #037f0c;border-radius:8px}
p{margin:.5rem 0}
.hint{font-size:.9rem;color:var(--muted);margin:.25rem 0 0}
a{color:var(--link)}
code{word-break:break-all}
`;
}

/** Ids of labels and inputs: field names are our own, but escape them anyway. */
const idOf = (name: string) => `f-${name.replace(/[^\w-]/g, '_')}`;

/** A form posting to `action` (already a full URL), with the CSRF token and its submit button. */
export function form(
	look: PageLook,
	action: string,
	fields: Field[],
	submit: string,
	csrf: string
): string {
	const classic = look.version === 1;
	const inputs = fields
		.map((field) => {
			const value = field.value !== undefined ? ` value="${escapeHtml(field.value)}"` : '';
			if (field.type === 'hidden')
				return `<input type="hidden" name="${escapeHtml(field.name)}"${value}>`;
			const id = idOf(field.name);
			const hintId = field.hint ? ` aria-describedby="${id}-hint"` : '';
			return `<label for="${id}"${classic ? ' class="label-customizable"' : ''}>${escapeHtml(field.label)}</label>
<input id="${id}" name="${escapeHtml(field.name)}" type="${field.type}"${classic ? ' class="inputField-customizable"' : ''}${value}${field.autocomplete ? ` autocomplete="${field.autocomplete}"` : ''}${field.inputmode ? ` inputmode="${field.inputmode}"` : ''}${field.required === false ? '' : ' required'}${hintId}>${field.hint ? `<p class="hint" id="${id}-hint">${escapeHtml(field.hint)}</p>` : ''}`;
		})
		.join('\n');
	return `<form method="post" action="${escapeHtml(action)}" novalidate>
<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">
${inputs}
<button type="submit"${classic ? ' class="submitButton-customizable"' : ''}>${escapeHtml(submit)}</button>
</form>`;
}

/** A paragraph of text. */
export const text = (look: PageLook, content: string) =>
	`<p${look.version === 1 ? ' class="textDescription-customizable"' : ''}>${escapeHtml(content)}</p>`;

/** A link to another page. */
export const link = (look: PageLook, href: string, label: string) =>
	`<p><a${look.version === 1 ? ' class="redirect-customizable"' : ''} href="${escapeHtml(href)}">${escapeHtml(label)}</a></p>`;

/** The whole document. */
export function renderPage(page: Page): string {
	const { look } = page;
	const classic = look.version === 1;
	const style = classic ? CLASSIC_STYLE + (look.classicCss ?? '') : managedStyle(look);
	const message = [
		page.error
			? `<div role="alert" class="${classic ? 'errorMessage-customizable' : 'error'}">${escapeHtml(page.error)}</div>`
			: '',
		page.notice ? `<div role="status" class="notice">${escapeHtml(page.notice)}</div>` : '',
	].join('');
	const logo = look.logo
		? `<img src="${escapeHtml(look.logo)}" alt="" class="${classic ? 'logo-customizable' : 'logo'}">`
		: '';
	const content = classic
		? `<div class="background-customizable"><header class="banner-customizable">${logo || '<span>Sign in</span>'}</header><main><h1>${escapeHtml(page.title)}</h1>${message}${page.body}</main></div>`
		: `<div class="shell"><main class="card">${logo}<h1>${escapeHtml(page.title)}</h1>${message}${page.body}</main></div>`;
	return `<!doctype html>
<html lang="${escapeHtml(page.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(pageCsp(page.nonce, page.redirectTarget).replace(/; frame-ancestors 'none'/, ''))}">
<title>${escapeHtml(page.title)}</title>
<style nonce="${escapeHtml(page.nonce)}">${style}</style>
</head>
<body>
${content}
</body>
</html>`;
}
