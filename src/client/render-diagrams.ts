/**
 * Draws the lesson's Mermaid diagrams in the browser. The Mermaid library is only downloaded when the
 * page has a diagram, and diagrams are redrawn when the learner switches between light and dark themes.
 * Each figure keeps a text description (the diagram's `accDescr`) that is readable without the drawing.
 * Why client-side rather than build-time SVG: see README, "Diagrams".
 */

interface DiagramFigure {
	source: string;
	canvas: HTMLElement;
}

/** `accTitle: …` / `accDescr: …` values of a Mermaid source. */
export function accessibleText(source: string): { title?: string; description?: string } {
	const pick = (name: string) =>
		new RegExp(`^\\s*${name}\\s*:\\s*(.+)$`, 'm').exec(source)?.[1]?.trim();
	return { title: pick('accTitle'), description: pick('accDescr') };
}

function toFigure(code: HTMLElement, index: number): DiagramFigure {
	const source = code.textContent ?? '';
	const { title, description } = accessibleText(source);
	const figure = document.createElement('figure');
	figure.className = 'diagram';
	figure.dataset.diagram = String(index);

	const canvas = document.createElement('div');
	canvas.className = 'diagram-canvas';
	canvas.setAttribute('aria-busy', 'true');
	canvas.textContent = 'Drawing diagram…';
	figure.append(canvas);

	const caption = document.createElement('figcaption');
	const heading = document.createElement('strong');
	heading.textContent = title ?? `Diagram ${index + 1}`;
	caption.append(heading);
	if (description) {
		const details = document.createElement('details');
		const summary = document.createElement('summary');
		summary.textContent = 'Text description';
		const text = document.createElement('p');
		text.textContent = description;
		details.append(summary, text);
		caption.append(details);
	}
	figure.append(caption);
	code.closest('pre')!.replaceWith(figure);
	return { source, canvas };
}

function currentTheme(): 'dark' | 'default' {
	return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'default';
}

/** Finds `pre > code.language-mermaid` blocks under `root`, loads Mermaid once and draws them. */
export async function renderDiagrams(root: ParentNode): Promise<void> {
	const blocks = [...root.querySelectorAll<HTMLElement>('pre > code.language-mermaid')];
	if (blocks.length === 0) return;
	const figures = blocks.map(toFigure);

	let mermaid: typeof import('mermaid').default;
	try {
		mermaid = (await import('mermaid')).default;
	} catch {
		for (const figure of figures)
			showSource(
				figure,
				'The diagram could not be drawn (the drawing library did not load). Its source follows.'
			);
		return;
	}

	let generation = 0;
	const draw = async () => {
		const run = ++generation;
		mermaid.initialize({
			startOnLoad: false,
			securityLevel: 'strict',
			theme: currentTheme(),
			// Same as the build-time drawings: the dark theme's grey edge-label boxes fail WCAG contrast.
			themeVariables: currentTheme() === 'dark' ? { edgeLabelBackground: '#1f2330' } : {},
		});
		for (const [index, figure] of figures.entries()) {
			try {
				const { svg } = await mermaid.render(`diagram-${index}-${run}`, figure.source);
				if (run !== generation) return;
				figure.canvas.innerHTML = svg;
				figure.canvas.removeAttribute('aria-busy');
				if (index === 0 && run === 1) performance.mark('first-diagram');
			} catch (error) {
				showSource(
					figure,
					`This diagram has an error: ${error instanceof Error ? error.message : String(error)}`
				);
			}
		}
	};
	await draw();
	document.addEventListener('themechange', () => void draw());
}

function showSource(figure: DiagramFigure, message: string): void {
	figure.canvas.removeAttribute('aria-busy');
	figure.canvas.textContent = '';
	const note = document.createElement('p');
	note.textContent = message;
	const pre = document.createElement('pre');
	pre.textContent = figure.source;
	figure.canvas.append(note, pre);
}
