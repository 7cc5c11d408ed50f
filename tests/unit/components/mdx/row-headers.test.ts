import { describe, expect, it } from 'vitest';
import { markRowHeaders } from '../../../../src/components/mdx/row-headers';

const GRID = `<thead>
<tr>
<th></th>
<th>ID token</th>
<th>Access token</th>
</tr>
</thead>
<tbody>
<tr>
<td>Purpose</td>
<td>Who the user is</td>
<td>What the bearer may do</td>
</tr>
<tr>
<td><strong>Lifetime</strong></td>
<td>1 hour</td>
<td>1 hour</td>
</tr>
</tbody>`;

describe('markRowHeaders', () => {
	it('turns the first cell of each row of a grid into a row header', () => {
		const html = markRowHeaders(GRID);
		expect(html).toContain('<th scope="row">Purpose</th>');
		expect(html).toContain('<th scope="row"><strong>Lifetime</strong></th>');
		expect(html).toContain('<td>Who the user is</td>');
		expect(html.match(/<th scope="row">/g)).toHaveLength(2);
	});

	it('replaces the empty corner with a plain cell and scopes the column headers', () => {
		const html = markRowHeaders(GRID);
		expect(html).not.toMatch(/<th[^>]*>\s*<\/th>/);
		expect(html).toContain('<td></td>');
		expect(html).toContain('<th scope="col">ID token</th>');
		expect(html).toContain('<th scope="col">Access token</th>');
	});

	it('leaves a table whose first column has a name unchanged', () => {
		const table = GRID.replace('<th></th>', '<th>Fact</th>');
		expect(markRowHeaders(table)).toBe(table);
	});
});
