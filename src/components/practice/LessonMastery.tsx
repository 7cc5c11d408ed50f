/**
 * A small island for /learn/: the learner's mastery per lesson (questions seen and readiness a week
 * from now), with a link to each lesson's drill. Embed with `<LessonMastery client:only="preact" lessons={…} />`.
 */
import { readinessByGroup } from '../../lib/srs';
import { BarChart } from '../progress/charts';
import { plural, usePractice } from './use-practice';
import './practice.css';
import { withBase } from '../../config/site';

interface Props {
	/** Lessons to show, in order. */
	lessons: Array<{ slug: string; title: string }>;
}

/** Mastery per lesson (predicted recall today), with links to each lesson drill. */
export default function LessonMastery({ lessons }: Props) {
	const { practice, error } = usePractice();
	if (error) return null;
	if (!practice)
		return (
			<p aria-busy="true" class="muted">
				Loading your mastery…
			</p>
		);
	const groups = lessons.map(
		(lesson) =>
			[
				lesson.slug,
				practice.bank.questions.filter((q) => q.lesson === lesson.slug).map((q) => q.id),
			] as [string, string[]]
	);
	const now = Date.now();
	// Readiness a week from now: recall right after a session is always near 100 %, so "today" misleads.
	const readiness = readinessByGroup(
		groups,
		practice.cards,
		now + 7 * 86_400_000,
		practice.data.settings,
		now
	);
	const seen = readiness.reduce((sum, r) => sum + r.seen, 0);
	return (
		<section class="lesson-mastery practice-app" aria-labelledby="mastery-heading">
			<h2 id="mastery-heading">Your mastery</h2>
			<p class="muted">
				{seen === 0
					? 'Answer practice questions and your predicted recall per lesson appears here.'
					: `Share of each lesson’s questions you are expected to answer right in a week, from ${plural(seen, 'question')} you have practised and how your recent answers went.`}
			</p>
			<BarChart
				label="Mastery per lesson"
				target={practice.data.settings.desiredRetention}
				items={readiness.map((r) => ({
					label: lessons.find((l) => l.slug === r.key)?.title ?? r.key,
					value: r.expected,
				}))}
			/>
			<ul class="mastery-links" role="list">
				{readiness.map((r) => {
					const lesson = lessons.find((l) => l.slug === r.key)!;
					return (
						<li key={r.key}>
							{r.total > 0 ? (
								<a href={withBase(`/practice/?lesson=${r.key}`)}>Practise {lesson.title}</a>
							) : (
								<span class="muted">{lesson.title}: no questions yet</span>
							)}{' '}
							<span class="muted">
								· {r.seen} of {plural(r.total, 'question')} seen
							</span>
						</li>
					);
				})}
			</ul>
		</section>
	);
}
