/** Parts of a study session: the end-of-session card and the rating buttons shown after the reveal. */
import type { Ref } from 'preact';
import type { Rating } from '../../lib/srs';
import { plural } from './use-practice';

const RATINGS: Array<{ rating: Rating; label: string }> = [
	{ rating: 1, label: 'Again' },
	{ rating: 2, label: 'Hard' },
	{ rating: 3, label: 'Good' },
	{ rating: 4, label: 'Easy' },
];

interface DoneProps {
	daily: boolean;
	score: { answered: number; correct: number };
	/** Daily review: when the next learning card is due (epoch ms), if today. */
	nextLearningDue?: number | null;
	headingRef: Ref<HTMLHeadingElement>;
	/** Offered when the session has an answer to undo. */
	onUndo?: () => void;
	onExit(): void;
}

/** The card shown when nothing is left to answer. */
export function SessionDone({
	daily,
	score,
	nextLearningDue,
	headingRef,
	onUndo,
	onExit,
}: DoneProps) {
	return (
		<div class="card done">
			<h2 tabIndex={-1} ref={headingRef}>
				{daily ? 'Done for now' : 'Session complete'}
			</h2>
			<p>
				You answered {plural(score.answered, 'question')}, {score.correct} right.
				{nextLearningDue && (
					<>
						{' '}
						The next learning card is due at{' '}
						{new Date(nextLearningDue).toLocaleTimeString([], {
							hour: '2-digit',
							minute: '2-digit',
						})}
						.
					</>
				)}
			</p>
			<div class="actions">
				{onUndo && (
					<button type="button" class="button secondary" onClick={onUndo}>
						Undo
					</button>
				)}
				<button type="button" class="button" onClick={onExit}>
					Back to Practice
				</button>
			</div>
		</div>
	);
}

interface RatingProps {
	/** Whether the answer was right (a wrong answer can only be rated Again). */
	correct: boolean;
	/** The rating given so far. */
	rating: Rating | null;
	busy: boolean;
	onRate(rating: Rating): void;
}

/** Again / Hard / Good / Easy after the reveal (keys 1–4). */
export function RatingButtons({ correct, rating: current, busy, onRate }: RatingProps) {
	return (
		<div class="rating" role="group" aria-label="Rate how well you knew it">
			<p class="muted rating-hint">
				{correct
					? 'Rated Good. Change it if it felt hard or easy (keys 1–4).'
					: 'A wrong answer is rated Again.'}
			</p>
			{RATINGS.map(({ rating, label }) => (
				<button
					key={rating}
					type="button"
					class={`button rating-${label.toLowerCase()} ${current === rating ? '' : 'secondary'}`}
					aria-pressed={current === rating}
					disabled={busy || (!correct && rating !== 1)}
					onClick={() => onRate(rating)}
				>
					<span aria-hidden="true" class="key">
						{rating}
					</span>
					{label}
				</button>
			))}
		</div>
	);
}
