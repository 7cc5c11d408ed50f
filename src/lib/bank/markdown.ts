/**
 * A small, safe Markdown-to-HTML renderer for question stems, options and explanations (the subset
 * the bank uses: paragraphs, lists, fenced code, `code`, **bold**, *emphasis*, [links](url)).
 * Everything is HTML-escaped first, so the output is safe to inject. Pure.
 */

/** Escapes `& < > " '` for HTML text and attributes. */
export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[char]};`
	);
}

/** Renders inline Markdown (no block structure) to HTML. */
export function inlineMarkdown(text: string): string {
	const codes: string[] = [];
	let html = escapeHtml(text).replace(/`([^`]+)`/g, (_, code: string) => {
		codes.push(`<code>${code}</code>`);
		return `\u0000${codes.length - 1}\u0000`;
	});
	html = html
		.replace(/\[([^\]]+)\]\(((?:https?:\/\/|\/)[^)\s]*)\)/g, '<a href="$2">$1</a>')
		.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
		.replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>')
		.replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
	return html.replace(/\u0000(\d+)\u0000/g, (_, index: string) => codes[Number(index)]!);
}

/** Renders block Markdown (paragraphs, `-`/`1.` lists, fenced code) to HTML. */
export function markdownToHtml(markdown: string): string {
	const out: string[] = [];
	const lines = markdown.replace(/\r\n?/g, '\n').trim().split('\n');
	let index = 0;
	while (index < lines.length) {
		const line = lines[index]!;
		if (line.trim() === '') {
			index++;
			continue;
		}
		const fence = /^(```|~~~)/.exec(line);
		if (fence) {
			const code: string[] = [];
			index++;
			while (index < lines.length && !lines[index]!.startsWith(fence[1]!))
				code.push(lines[index++]!);
			index++;
			out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
			continue;
		}
		const listKind = /^\s*[-*]\s+/.test(line)
			? 'ul'
			: /^\s*\d+[.)]\s+/.test(line)
				? 'ol'
				: undefined;
		if (listKind) {
			const items: string[] = [];
			const marker = listKind === 'ul' ? /^\s*[-*]\s+/ : /^\s*\d+[.)]\s+/;
			while (index < lines.length && marker.test(lines[index]!)) {
				items.push(`<li>${inlineMarkdown(lines[index++]!.replace(marker, ''))}</li>`);
			}
			out.push(`<${listKind}>${items.join('')}</${listKind}>`);
			continue;
		}
		const paragraph: string[] = [];
		while (
			index < lines.length &&
			lines[index]!.trim() !== '' &&
			!/^(```|~~~)/.test(lines[index]!) &&
			!/^\s*([-*]|\d+[.)])\s+/.test(lines[index]!)
		) {
			paragraph.push(lines[index++]!.trim());
		}
		const heading = /^(#{2,6})\s+(.*)$/.exec(paragraph[0] ?? '');
		if (heading && paragraph.length === 1) {
			out.push(`<p><strong>${inlineMarkdown(heading[2]!)}</strong></p>`);
		} else {
			out.push(`<p>${inlineMarkdown(paragraph.join(' '))}</p>`);
		}
	}
	return out.join('\n');
}
