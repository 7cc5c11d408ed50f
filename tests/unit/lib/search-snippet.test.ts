import { describe, expect, test } from 'vitest';
import { highlight, snippet } from '../../../src/lib/search/snippet';
import { isChunkLoadError, STALE_BUILD_MESSAGE } from '../../../src/lib/stale-build';

const TEXT =
	'Identity pools exchange tokens for AWS credentials. The enhanced flow calls GetId and then GetCredentialsForIdentity, and the identity pool chooses the IAM role from the role mapping rules or the default authenticated role.';

describe('highlight', () => {
	test('marks matched words at word starts, case-insensitively, longest first', () => {
		expect(highlight('Role mapping maps roles; a parole is not a role', ['role', 'roles'])).toEqual(
			[
				{ text: 'Role', match: true },
				{ text: ' mapping maps ', match: false },
				{ text: 'roles', match: true },
				{ text: '; a parole is not a ', match: false },
				{ text: 'role', match: true },
			]
		);
	});

	test('treats query words as text, not patterns', () => {
		expect(highlight('axb a.b', ['a.b']).filter((part) => part.match)).toEqual([
			{ text: 'a.b', match: true },
		]);
	});
});

describe('snippet', () => {
	test('starts at a word near the first match and ends at a word', () => {
		const cut = snippet(TEXT, ['getid'], 60);
		expect(cut).toBe('…flow calls GetId and then GetCredentialsForIdentity, and the…');
		expect(snippet(TEXT, ['mapping'], 80)).toBe(
			'…role from the role mapping rules or the default authenticated role.'
		);
		const words = new Set(TEXT.split(/\s+/));
		const [first, ...rest] = cut.slice(1, -1).split(/\s+/);
		expect(words.has(first!)).toBe(true);
		expect(words.has(rest.at(-1)!)).toBe(true);
	});

	test('keeps short texts whole and starts at the beginning when the match is early', () => {
		expect(snippet('Short text', ['text'])).toBe('Short text');
		expect(snippet(TEXT, ['identity'], 60).startsWith('Identity pools')).toBe(true);
	});
});

describe('isChunkLoadError', () => {
	test.each([
		new TypeError('Failed to fetch dynamically imported module: https://x/_astro/palette.abc.js'),
		new TypeError('error loading dynamically imported module: https://x/_astro/a.js'),
		new TypeError('Importing a module script failed.'),
		new Error('Unable to preload CSS for /_astro/a.css'),
	])('recognises %s', (error) => {
		expect(isChunkLoadError(error)).toBe(true);
	});

	test('does not mistake other errors', () => {
		expect(isChunkLoadError(new TypeError('x is not a function'))).toBe(false);
		expect(isChunkLoadError(undefined)).toBe(false);
		expect(STALE_BUILD_MESSAGE).toMatch(/new version .* reload/);
	});
});
