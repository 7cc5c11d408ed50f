/**
 * A Markdown table whose top-left header cell is empty is a grid: its first column names each row
 * ("Purpose", "Lifetime"…). Markdown renders those names as data cells under an empty column header, so a
 * screen reader announces a cell with no row name and axe reports `td-has-header`. This turns each row's
 * first cell into `<th scope="row">`, the empty corner into a plain cell, and marks the column headers
 * `scope="col"`. Tables with a named first column are left as they are.
 */
const EMPTY_CORNER = /(<thead>\s*<tr>\s*)<th(\s[^>]*)?>\s*<\/th>/;

export function markRowHeaders(html: string): string {
	if (!EMPTY_CORNER.test(html)) return html;
	const [head, ...rest] = html.split('</thead>');
	if (rest.length !== 1) return html;
	const header = head!
		.replace(EMPTY_CORNER, '$1<td$2></td>')
		.replace(/<th(?=[\s>])(?![^>]*\sscope=)/g, '<th scope="col"');
	const body = rest[0]!.replace(
		/(<tr>\s*)<td(\s[^>]*)?>([\s\S]*?)<\/td>/g,
		(_, open: string, attributes = '', cell: string) =>
			`${open}<th scope="row"${attributes}>${cell}</th>`
	);
	return `${header}</thead>${body}`;
}
