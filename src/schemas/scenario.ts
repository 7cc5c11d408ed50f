import { z } from 'astro/zod';
import { LESSON_SLUGS } from './vocabulary';

/** One guided step of a simulator scenario. */
export const scenarioStepSchema = z
	.object({
		/** What the learner does in this step. */
		title: z.string().min(3),
		/** What to watch for and why it matters. */
		explain: z.string().min(10),
	})
	.strict();

/** Frontmatter of a simulator scenario `content/scenarios/<scenario-id>.md`. */
export const scenarioSchema = z
	.object({
		/** Scenario title shown in the simulator's list. */
		title: z.string().min(3),
		/** One sentence on what the learner will see. */
		summary: z.string().min(10).max(200),
		/** Lessons the scenario illustrates. */
		lessons: z.array(z.enum(LESSON_SLUGS)).min(1),
		/** Guided steps, in order. */
		steps: z.array(scenarioStepSchema).default([]),
	})
	.strict();

export type ScenarioData = z.infer<typeof scenarioSchema>;
