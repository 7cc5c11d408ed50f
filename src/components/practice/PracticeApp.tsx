/**
 * Island root of /practice/: home (daily review and counts), lesson drill (`?lesson=<slug>`), custom
 * study, mock exam, exam-date planner and settings. Views are kept in the URL (`?mode=…`) so the
 * browser's back button works and lessons can link straight to a drill.
 */
import { useEffect, useState } from 'preact/hooks';
import { orderForStudy } from '../../lib/quiz';
import { buildDailyQueue, dayIndex } from '../../lib/srs';
import { BackupNotice } from './BackupNotice';
import { CustomStudy } from './CustomStudy';
import { MockExam } from './MockExam';
import { Planner } from './Planner';
import { SettingsPanel } from './SettingsPanel';
import { StudySession } from './StudySession';
import { plural, usePractice, type Practice } from './use-practice';
import './practice.css';

type View =
	| { mode: 'home' }
	| { mode: 'daily' }
	| { mode: 'drill'; lesson: string }
	| { mode: 'custom' }
	| { mode: 'study'; ids: string[]; title: string }
	| { mode: 'mock' }
	| { mode: 'planner' }
	| { mode: 'settings' };

function viewFromUrl(): View {
	const params = new URLSearchParams(location.search);
	const lesson = params.get('lesson');
	if (lesson) return { mode: 'drill', lesson };
	const mode = params.get('mode');
	if (
		mode === 'daily' ||
		mode === 'custom' ||
		mode === 'mock' ||
		mode === 'planner' ||
		mode === 'settings'
	)
		return { mode };
	return { mode: 'home' };
}

function urlFor(view: View): string {
	if (view.mode === 'drill') return `?lesson=${encodeURIComponent(view.lesson)}`;
	if (view.mode === 'home' || view.mode === 'study') return location.pathname;
	return `?mode=${view.mode}`;
}

/** Island root of /practice/. */
export default function PracticeApp() {
	const { practice, error } = usePractice();
	const [view, setView] = useState<View>(() =>
		typeof location === 'undefined' ? { mode: 'home' } : viewFromUrl()
	);
	const [session, setSession] = useState(0);

	useEffect(() => {
		const onPop = () => {
			setView(viewFromUrl());
			setSession((n) => n + 1);
		};
		addEventListener('popstate', onPop);
		return () => removeEventListener('popstate', onPop);
	}, []);

	function go(next: View) {
		if (next.mode !== 'study') history.pushState(null, '', urlFor(next));
		setView(next);
		setSession((n) => n + 1);
		scrollTo({ top: 0 });
	}

	if (error) {
		return (
			<p class="notice danger" role="alert">
				Practice could not start: {error}. Reload the page to try again.
			</p>
		);
	}
	if (!practice) return <p aria-busy="true">Loading your practice data…</p>;

	const home = () => go({ mode: 'home' });
	// A store saved by a newer version is read-only: nothing can be answered until the page updates.
	const mode =
		practice.data.readOnly && view.mode !== 'planner' && view.mode !== 'settings'
			? 'home'
			: view.mode;
	switch (mode) {
		case 'daily':
			return (
				<StudySession
					key={session}
					practice={practice}
					mode="daily"
					title="Daily review"
					onExit={home}
				/>
			);
		case 'drill': {
			if (view.mode !== 'drill') return null;
			const lesson = practice.bank.lessons.find((l) => l.slug === view.lesson);
			const ids = practice.bank.questions.filter((q) => q.lesson === view.lesson).map((q) => q.id);
			if (!lesson || ids.length === 0) {
				return (
					<div class="card">
						<h2>No questions for “{view.lesson}”</h2>
						<p>This lesson has no practice questions yet.</p>
						<button type="button" class="button" onClick={home}>
							Practice home
						</button>
					</div>
				);
			}
			return (
				<StudySession
					key={session}
					practice={practice}
					mode="drill"
					title={`Drill: ${lesson.title}`}
					list={orderForStudy(ids, practice.cards, Date.now(), practice.data.settings)}
					onExit={home}
				/>
			);
		}
		case 'study':
			if (view.mode !== 'study') return null;
			return (
				<StudySession
					key={session}
					practice={practice}
					mode="custom"
					title={view.title}
					list={view.ids}
					onExit={home}
				/>
			);
		case 'custom':
			return (
				<CustomStudy
					practice={practice}
					onExit={home}
					onStart={(ids, title) => go({ mode: 'study', ids, title })}
				/>
			);
		case 'mock':
			return <MockExam key={session} practice={practice} onExit={home} />;
		case 'planner':
			return <Planner practice={practice} onExit={home} />;
		case 'settings':
			return <SettingsPanel practice={practice} onExit={home} />;
		default:
			return <PracticeHome practice={practice} go={go} />;
	}
}

function PracticeHome({ practice, go }: { practice: Practice; go(view: View): void }) {
	const now = Date.now();
	const queue = buildDailyQueue({
		cards: practice.cards,
		order: practice.order,
		now,
		config: practice.data.settings,
		ctx: practice.ctx,
		newLimit: practice.plan?.newLimitToday,
	});
	const due = queue.learning.length + queue.review.length;
	const leeches = practice.order.filter((id) => practice.cards.get(id)?.leech);
	const suspended = practice.order.filter((id) => practice.cards.get(id)?.suspended);
	const flagged = practice.order.filter((id) => practice.cards.get(id)?.flagged);
	const today = dayIndex(now, practice.ctx);
	const lessonTitle = (slug: string) =>
		practice.bank.lessons.find((l) => l.slug === slug)?.title ?? slug;
	const stem = (id: string) => {
		const html = practice.questions.get(id)?.stemHtml ?? id;
		const text = html.replace(/<[^>]+>/g, '');
		return text.length > 110 ? `${text.slice(0, 107)}…` : text;
	};

	return (
		<div class="practice-home">
			<BackupNotice practice={practice} />
			<section class="card daily" aria-labelledby="daily-heading">
				<h2 id="daily-heading">Today</h2>
				<dl class="counts">
					<div>
						<dt>Due</dt>
						<dd>{due}</dd>
					</div>
					<div>
						<dt>New</dt>
						<dd>{queue.new.length}</dd>
					</div>
					<div>
						<dt>Done today</dt>
						<dd>{queue.doneToday.answers}</dd>
					</div>
				</dl>
				{practice.plan && (
					<p class="muted">
						Exam in {plural(practice.plan.examDay - today, 'day')}: up to{' '}
						{practice.plan.newLimitToday} new questions today.
					</p>
				)}
				<div class="actions">
					<button
						type="button"
						class="button big"
						disabled={!!practice.data.readOnly}
						onClick={() => go({ mode: 'daily' })}
					>
						Daily review
					</button>
					<span class="muted">
						{due + queue.new.length === 0
							? queue.nextLearningDue
								? 'Nothing due right now; a learning card comes back soon.'
								: 'All done for today.'
							: `${plural(due, 'card')} due and ${plural(queue.new.length, 'new question')}.`}
					</span>
				</div>
			</section>

			<div class="mode-grid">
				<section class="card" aria-labelledby="mock-heading">
					<h2 id="mock-heading">Mock exam</h2>
					<p>
						{practice.data.exam
							? `${practice.data.exam}: timed, drawn by the exam guide’s weights, scored 100–1000 against its pass line; the full 65 questions or a short form of 20.`
							: 'Per exam (DVA-C02, SAA-C03, SCS-C02) or across all questions: timed, scored 100–1000 against the pass line; the full 65 questions or a short form.'}
					</p>
					<button
						type="button"
						class="button"
						disabled={!!practice.data.readOnly}
						onClick={() => go({ mode: 'mock' })}
					>
						Mock exam
					</button>
				</section>
				<section class="card" aria-labelledby="custom-card-heading">
					<h2 id="custom-card-heading">Custom study</h2>
					<p>
						Filter by lesson, topic, type, difficulty, exam, questions you got wrong recently
						{flagged.length > 0
							? `, or the ${plural(flagged.length, 'question')} you flagged`
							: ', or questions you flagged (F)'}
						.
					</p>
					<button type="button" class="button secondary" onClick={() => go({ mode: 'custom' })}>
						Custom study
					</button>
				</section>
				<section class="card" aria-labelledby="planner-card-heading">
					<h2 id="planner-card-heading">Exam-date planner</h2>
					<p>
						{practice.data.examDate
							? `Exam date: ${practice.data.examDate}.`
							: 'Set your exam date to pace new questions.'}
					</p>
					<button type="button" class="button secondary" onClick={() => go({ mode: 'planner' })}>
						Exam-date planner
					</button>
				</section>
				<section class="card" aria-labelledby="settings-card-heading">
					<h2 id="settings-card-heading">Settings</h2>
					<p>
						Retention {practice.data.settings.desiredRetention.toFixed(2)},{' '}
						{practice.data.settings.newPerDay} new and {practice.data.settings.reviewsPerDay}{' '}
						reviews a day.
					</p>
					<button type="button" class="button secondary" onClick={() => go({ mode: 'settings' })}>
						Settings
					</button>
				</section>
			</div>

			<section aria-labelledby="drill-heading">
				<h2 id="drill-heading">Lesson drills</h2>
				<ul class="drill-list" role="list">
					{practice.bank.lessons.map((lesson) => {
						const ids = practice.bank.questions
							.filter((q) => q.lesson === lesson.slug)
							.map((q) => q.id);
						if (ids.length === 0) return null;
						const seen = ids.filter(
							(id) => (practice.cards.get(id)?.answers.length ?? 0) > 0
						).length;
						return (
							<li key={lesson.slug}>
								<a
									href={`?lesson=${lesson.slug}`}
									onClick={(event) => {
										event.preventDefault();
										go({ mode: 'drill', lesson: lesson.slug });
									}}
								>
									{lesson.title}
								</a>
								<span class="muted">
									{' '}
									· {plural(ids.length, 'question')}, {seen} seen
								</span>
							</li>
						);
					})}
				</ul>
			</section>

			{leeches.length > 0 && (
				<section aria-labelledby="leech-heading">
					<h2 id="leech-heading">Leeches</h2>
					<p class="muted">
						Questions you have forgotten {practice.data.settings.leechThreshold} or more times.
						Re-read the lesson, then try again.
					</p>
					<ul>
						{leeches.map((id) => {
							const lesson = practice.bank.lessons.find(
								(l) => l.slug === practice.questions.get(id)?.lesson
							);
							return (
								<li key={id}>
									{stem(id)}{' '}
									{lesson?.url ? (
										<a href={lesson.url}>Re-read {lesson.title}</a>
									) : (
										lessonTitle(lesson?.slug ?? '')
									)}
								</li>
							);
						})}
					</ul>
				</section>
			)}
			{suspended.length > 0 && (
				<section aria-labelledby="suspended-heading">
					<h2 id="suspended-heading">Suspended</h2>
					<ul class="suspended-list">
						{suspended.map((id) => (
							<li key={id}>
								{stem(id)}{' '}
								<button
									type="button"
									class="button secondary small"
									onClick={() => practice.cardAction(id, 'unsuspend')}
								>
									Unsuspend
								</button>
							</li>
						))}
					</ul>
				</section>
			)}
		</div>
	);
}
