import { describe, expect, test } from 'vitest';
import { ANKI_COLUMNS, ankiTags, questionsToAnki } from '../../../../src/lib/bank';
import { realBank, TRICKY } from '../../../fixtures/bank';

describe('questionsToAnki', () => {
	test('starts with the Anki file headers', () => {
		expect(questionsToAnki([TRICKY]).split('\n').slice(0, 7)).toMatchInlineSnapshot(`
			[
			  "#separator:tab",
			  "#html:true",
			  "#notetype:Basic",
			  "#deck:Cognito Study",
			  "#columns:GUID	Front	Back	Tags",
			  "#guid column:1",
			  "#tags column:4",
			]
		`);
	});

	test(
		'writes one line per question with exactly four tab-separated fields',
		{ timeout: 30_000 },
		() => {
			const bank = [TRICKY, ...realBank()];
			const notes = questionsToAnki(bank)
				.trimEnd()
				.split('\n')
				.filter((line) => !line.startsWith('#'));
			expect(notes).toHaveLength(bank.length);
			for (const note of notes) expect(note.split('\t')).toHaveLength(ANKI_COLUMNS.length);
		}
	);

	test('puts the stem and lettered options on the front, answers and explanations on the back, as escaped HTML', () => {
		const [guid, front, back, tags] = questionsToAnki([TRICKY])
			.trimEnd()
			.split('\n')
			.at(-1)!
			.split('\t');
		expect(guid).toBe('cognito-study:tokens/special-characters');
		expect(front).toContain(
			'<ol type="A"><li>Check <code>aud</code> = the app client ID: {clientId}</li>'
		);
		expect(front).toContain('<pre><code>{ &quot;aud&quot;: &quot;x&quot; }</code></pre>');
		expect(front).not.toMatch(/[\t\n]/);
		expect(back).toMatch(/^<p><strong>Answer: A, B<\/strong><\/p>/);
		expect(back).toContain(
			'<strong>C.</strong> Wrong: the issuer must match your pool exactly, C:\\path style prefixes prove nothing.'
		);
		expect(back).toContain('<a href="/learn/tokens/">Tokens</a>');
		expect(tags).toBe(ankiTags(TRICKY));
		expect(tags).toBe(
			'lesson::tokens topic::tokens topic::jwt-verification type::multi difficulty::3 exam::DVA-C02 exam::SCS-C02 cognito-study'
		);
	});
});
