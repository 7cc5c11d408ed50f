/**
 * The HTML pages of the mock identity providers: consent and sign-in forms, the SAML and Apple "post back"
 * pages, error pages. Plain HTML strings (no DOM) that work without JavaScript, with every interpolated value
 * escaped, a `lang`, labels on every field, a layout that fits 360 px, light and dark colours, and a strict
 * Content-Security-Policy: no script at all, the one style block allowed by its hash. (No `form-action`: it
 * also governs the redirects after a post, and an IdP's answer travels on through the user pool to the app.)
 */

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f4f5f7;--card:#fff;--text:#1f2328;--muted:#57606a;--line:#c7ccd1;--accent:#1a56db;--accent-text:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--text:#e6edf3;--muted:#9da7b3;--line:#3d444d;--accent:#6ea8fe;--accent-text:#0d1117}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:28rem;margin:1.5rem auto;padding:0 .75rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.25rem}
.brand{font-weight:700;font-size:.95rem;margin:0 0 .25rem;color:var(--brand,var(--accent))}
h1{font-size:1.35rem;margin:.25rem 0 .5rem}
p{margin:.5rem 0}
.muted{color:var(--muted);font-size:.9rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=email],textarea{width:100%;padding:.55rem .6rem;border:1px solid var(--line);border-radius:.4rem;background:var(--card);color:var(--text);font:inherit}
textarea{min-height:6rem;font-family:ui-monospace,monospace;font-size:.8rem}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.75rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
button{font:inherit;font-weight:600;padding:.55rem 1rem;border-radius:.4rem;border:1px solid var(--accent);background:var(--accent);color:var(--accent-text);cursor:pointer;min-height:2.75rem}
button.secondary{background:transparent;color:var(--text);border-color:var(--line)}
button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
a{color:var(--accent)}
code,pre{font-family:ui-monospace,monospace;font-size:.8rem;overflow-wrap:anywhere}
pre{white-space:pre-wrap;background:var(--bg);border:1px solid var(--line);border-radius:.4rem;padding:.5rem;max-height:16rem;overflow:auto}
ul.accounts{list-style:none;padding:0;margin:.5rem 0}
ul.accounts li{margin:.25rem 0}
.note{border-left:4px solid var(--accent);padding:.25rem .75rem;margin:.75rem 0;font-size:.9rem;color:var(--muted)}
`;

let styleHash: Promise<string> | undefined;

/** `'sha256-…'` of the style block, for the CSP. */
function styleSource(): Promise<string> {
	styleHash ??= crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE)).then((digest) => {
		let binary = '';
		for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
		return `'sha256-${btoa(binary)}'`;
	});
	return styleHash;
}

/** One page: a card with the provider's name, a heading and the body (already escaped HTML). */
export async function htmlPage(page: {
	title: string;
	brand: string;
	body: string;
	status?: number;
}): Promise<Response> {
	const html =
		`<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width,initial-scale=1">` +
		`<title>${escapeHtml(page.title)} · ${escapeHtml(page.brand)} (sandbox)</title>` +
		`<style>${STYLE}</style></head><body><main><div class="card">` +
		`<p class="brand">${escapeHtml(page.brand)} <span class="muted">(mock, in the sandbox)</span></p>` +
		`<h1>${escapeHtml(page.title)}</h1>${page.body}</div></main></body></html>`;
	const csp = [
		`default-src 'none'`,
		`style-src ${await styleSource()}`,
		`img-src data:`,
		`base-uri 'none'`,
		`frame-ancestors 'none'`,
	].join('; ');
	return new Response(html, {
		status: page.status ?? 200,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': csp,
			'x-content-type-options': 'nosniff',
			// Not no-referrer: Chromium then posts forms with `Origin: null`, which the emulator refuses.
			'referrer-policy': 'same-origin',
			'cache-control': 'no-store',
		},
	});
}

/** Hidden form fields carrying values through a form post. */
export const hiddenFields = (fields: Record<string, string | undefined>) =>
	Object.entries(fields)
		.filter(([, value]) => value !== undefined)
		.map(
			([name, value]) =>
				`<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value!)}">`
		)
		.join('');

/** A labelled text field. */
export const textField = (id: string, label: string, value: string, type = 'text', hint = '') =>
	`<label for="${id}">${escapeHtml(label)}</label>` +
	(hint ? `<p class="muted" id="${id}-hint">${escapeHtml(hint)}</p>` : '') +
	`<input type="${type}" id="${id}" name="${id}" value="${escapeHtml(value)}"${hint ? ` aria-describedby="${id}-hint"` : ''} autocomplete="off">`;

/** The origin of a URL, or undefined when it is not one. */
export function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}
