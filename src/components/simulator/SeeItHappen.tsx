/** "See it happen": after an answer is revealed, a link to the scenario step that shows it in the simulator. */
import type { SeeItHappen as Link } from '../../lib/quiz/types';

export function SeeItHappen({ link }: { link?: Link }) {
	if (!link) return null;
	return (
		<p class="see-it-happen">
			<a class="button secondary" href={link.url}>
				See it happen
			</a>{' '}
			<span class="muted small">
				in the simulator: {link.title}
				{link.stepTitle ? `, step "${link.stepTitle}"` : ''}
			</span>
		</p>
	);
}
