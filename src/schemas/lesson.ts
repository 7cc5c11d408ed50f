import { z } from 'astro/zod';
import { slugSchema, sourceSchema } from './shared';
import { EXAMS, NOTES_SECTIONS } from './vocabulary';

/** Frontmatter of a lesson file `content/lessons/<slug>.mdx`. */
export const lessonSchema = z
	.object({
		/** Lesson title, shown as the page's h1. */
		title: z.string().min(3).max(90),
		/** One sentence for the lesson list and the page description. */
		description: z.string().min(20).max(160),
		/** Position in the course (1 = first). */
		order: z.number().int().min(1).max(99),
		/** Three to six learning objectives, each starting with a verb. */
		objectives: z.array(z.string().min(10)).min(3).max(6),
		/** Section headings of the seed notes this lesson covers (see NOTES_SECTIONS). */
		notes: z.array(z.enum(NOTES_SECTIONS)).default([]),
		/** Exams the lesson serves. */
		exams: z.array(z.enum(EXAMS)).min(1),
		/** Simulator scenario ids behind the "Try it in the simulator" link. */
		scenarios: z.array(slugSchema).default([]),
		/** AWS documentation pages cited at the end of the lesson (at least two). */
		sources: z.array(sourceSchema).min(2),
		/** Date the lesson was last checked against the AWS documentation. */
		updated: z.coerce.date(),
	})
	.strict();

export type LessonData = z.infer<typeof lessonSchema>;
