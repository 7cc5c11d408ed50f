/**
 * Lets long code names in a table wrap at their word boundaries, inside `<code>` only: after an inner
 * underscore, dot or slash (`VerifyAuthChallengeResponse_Authentication`, `aws.cognito.signin.user.admin`)
 * and between the camel-case words of a long name (`desiredDeliveryMediums`). Without it a table is as
 * wide as its longest name and scrolls sideways even on a desktop; with it a line breaks inside a name only
 * when the column is too narrow for the whole name. Short names (`finalUserStatus`, `V1_0`) stay whole.
 * Copied text is unchanged (`<wbr>` adds no character).
 */
/** Names (and camel-case words) shorter than this are left whole: breaking them saves little and reads badly. */
const LONG_NAME = 16;
const CAMEL_CASE_BOUNDARY = /(?<=[a-z0-9])(?=[A-Z])/g;
/** After `_`, `.` or `/` that follows a letter or digit, before a letter, digit or an entity (`&lt;`). */
const AFTER_SEPARATOR = /(?<=[A-Za-z0-9][_./])(?=[A-Za-z0-9&])/g;
/** Inline code as Markdown renders it: escaped text only, no nested elements. */
const INLINE_CODE = /(<code(?:\s[^>]*)?>)([^<]*)(<\/code>)/g;

function breakName(name: string): string {
	if (name.length < LONG_NAME) return name;
	return name
		.replace(/[A-Za-z0-9]+/g, (word) =>
			word.length >= LONG_NAME ? word.replace(CAMEL_CASE_BOUNDARY, '<wbr>') : word
		)
		.replace(AFTER_SEPARATOR, '<wbr>');
}

export function breakIdentifiers(html: string): string {
	return html.replace(
		INLINE_CODE,
		(_, open: string, text: string, close: string) =>
			`${open}${text.replace(/\S+/g, breakName)}${close}`
	);
}
