import { describe, expect, test } from 'vitest';
import { breakIdentifiers } from '../../../../src/components/mdx/break-identifiers';

describe('breakIdentifiers', () => {
	test('lets a long trigger source wrap after its underscore and between its camel-case words', () => {
		expect(
			breakIdentifiers('<td><code>VerifyAuthChallengeResponse_Authentication</code></td>')
		).toBe('<td><code>Verify<wbr>Auth<wbr>Challenge<wbr>Response_<wbr>Authentication</code></td>');
	});

	test('never breaks right after a leading underscore', () => {
		expect(breakIdentifiers('<code>_NewPasswordChallenge</code>')).toBe(
			'<code>_New<wbr>Password<wbr>Challenge</code>'
		);
	});

	test('lets dotted and slashed names wrap after their separators, outside entities', () => {
		expect(breakIdentifiers('<code>aws.cognito.signin.user.admin</code>')).toBe(
			'<code>aws.<wbr>cognito.<wbr>signin.<wbr>user.<wbr>admin</code>'
		);
		expect(
			breakIdentifiers('<code>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;userPoolId&gt;</code>')
		).toBe(
			'<code>cognito-idp.<wbr>&lt;region&gt;.amazonaws.<wbr>com/<wbr>&lt;userPoolId&gt;</code>'
		);
	});

	test('leaves short names, text outside code and the code attributes alone', () => {
		const html =
			'<td class="someVeryLongClassName_x"><code class="language-someVeryLongName">finalUserStatus</code> <code>V1_0</code> PlainTextThatIsCamelCased_AndLong</td>';
		expect(breakIdentifiers(html)).toBe(html);
	});
});
