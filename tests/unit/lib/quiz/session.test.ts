import { describe, expect, test } from 'vitest';
import { gradeAnswer } from '../../../../src/lib/quiz/grade';
import { reduceSession, sessionScore, startSession } from '../../../../src/lib/quiz/session';
import { makeQuestion } from '../../../fixtures/practice';

const q1 = makeQuestion('tokens/one');
const q2 = makeQuestion('tokens/two', { type: 'multi' });

describe('reduceSession', () => {
	test('walks a drill: select, answer, rate, advance, done', () => {
		let s = startSession('drill', [q1.id, q2.id]);
		expect(s.current).toBe(q1.id);
		s = reduceSession(s, {
			type: 'respond',
			questionType: 'single',
			change: { kind: 'pick', optionId: 'a' },
		});
		s = reduceSession(s, {
			type: 'respond',
			questionType: 'single',
			change: { kind: 'pick', optionId: 'b' },
		});
		expect(s.selection).toEqual(['b']);
		s = reduceSession(s, {
			type: 'answered',
			grade: gradeAnswer(q1, s.selection),
			reviewId: 'r1',
			rating: 3,
		});
		expect(s.phase).toBe('revealed');
		s = reduceSession(s, {
			type: 'respond',
			questionType: 'single',
			change: { kind: 'pick', optionId: 'c' },
		});
		expect(s.selection).toEqual(['b']);
		s = reduceSession(s, { type: 'rated', rating: 4 });
		expect(s.rating).toBe(4);
		s = reduceSession(s, { type: 'advance' });
		expect(s.current).toBe(q2.id);
		s = reduceSession(s, {
			type: 'respond',
			questionType: 'multi',
			change: { kind: 'pick', optionId: 'd' },
		});
		s = reduceSession(s, {
			type: 'respond',
			questionType: 'multi',
			change: { kind: 'pick', optionId: 'b' },
		});
		s = reduceSession(s, {
			type: 'respond',
			questionType: 'multi',
			change: { kind: 'pick', optionId: 'e' },
		});
		s = reduceSession(s, {
			type: 'respond',
			questionType: 'multi',
			change: { kind: 'pick', optionId: 'e' },
		});
		expect(s.selection).toEqual(['b', 'd']);
		s = reduceSession(s, {
			type: 'answered',
			grade: gradeAnswer(q2, ['b']),
			reviewId: 'r2',
			rating: 1,
		});
		s = reduceSession(s, { type: 'advance' });
		expect(s.phase).toBe('done');
		expect(sessionScore(s)).toEqual({ answered: 2, correct: 1 });
	});

	test('a drill goes on with a learning card that is due again once the list is done', () => {
		let s = startSession('drill', [q1.id]);
		s = reduceSession(s, {
			type: 'answered',
			grade: gradeAnswer(q1, ['a']),
			reviewId: 'r1',
			rating: 1,
		});
		s = reduceSession(s, { type: 'advance', next: q1.id });
		expect(s).toMatchObject({ current: q1.id, phase: 'question', pending: [] });
		s = reduceSession(s, {
			type: 'answered',
			grade: gradeAnswer(q1, ['b']),
			reviewId: 'r2',
			rating: 3,
		});
		s = reduceSession(s, { type: 'advance', next: null });
		expect(s.phase).toBe('done');
	});

	test('advance is ignored while a question is unanswered', () => {
		const s = startSession('daily', [q1.id]);
		expect(reduceSession(s, { type: 'advance', next: q2.id })).toBe(s);
	});

	test('undo returns to the last answered question with its picks, and requeues the one on screen', () => {
		let s = startSession('drill', [q1.id, q2.id]);
		s = reduceSession(s, {
			type: 'respond',
			questionType: 'single',
			change: { kind: 'pick', optionId: 'a' },
		});
		s = reduceSession(s, {
			type: 'answered',
			grade: gradeAnswer(q1, ['a']),
			reviewId: 'r1',
			rating: 1,
		});
		s = reduceSession(s, { type: 'advance' });
		s = reduceSession(s, { type: 'undone' });
		expect(s.current).toBe(q1.id);
		expect(s.phase).toBe('question');
		expect(s.selection).toEqual(['a']);
		expect(s.pending).toEqual([q2.id]);
		expect(s.history).toEqual([]);
	});
});
