/**
 * The Content-Security-Policy (README, "Security"). astro.config sends it as a <meta> on every page, with
 * Astro's hashes of its own inline scripts added to script-src; `cspHeader()` is the same policy for hosts
 * that can send headers, where `frame-ancestors` (ignored in a <meta>) also works.
 */

/** Scripts: this site's files only. `wasm-unsafe-eval` lets QuickJS compile its WebAssembly; no `unsafe-eval`. */
export const CSP_SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"];

/**
 * Styles: this site's files plus inline styles. Pre-drawn diagrams carry <style> elements, Shiki colours
 * code with style attributes, and the fallback diagram renderer (Mermaid) writes <style> at run time.
 * CSS cannot run script; every other resource type stays same-origin.
 */
export const CSP_STYLE_SOURCES = ["'self'", "'unsafe-inline'"];

/** Everything else: same origin only, no plugins, no frames, no foreign form or base targets. */
export const CSP_DIRECTIVES = [
	"default-src 'self'",
	"connect-src 'self'",
	"img-src 'self'",
	"font-src 'self'",
	"worker-src 'self'",
	"manifest-src 'self'",
	"frame-src 'none'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
] as const;

/**
 * The policy as one HTTP header value for header-capable hosts (CloudFront, Netlify, nginx…), where
 * `frame-ancestors` also works. Browsers enforce a header and a <meta> policy together, so the header
 * must allow the inline scripts too: `scriptHashes` are every hash Astro put in the pages' <meta> tags
 * (src/integrations/security-headers.ts collects them after the build).
 */
export function cspHeader(scriptHashes: readonly string[]): string {
	return [
		...CSP_DIRECTIVES,
		`script-src ${[...CSP_SCRIPT_SOURCES, ...scriptHashes].join(' ')}`,
		`style-src ${CSP_STYLE_SOURCES.join(' ')}`,
		"frame-ancestors 'none'",
	].join('; ');
}

/** The other security headers recommended for every response (README, "Security headers"). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
};
