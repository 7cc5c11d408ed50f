import { z } from 'astro/zod';
import { slugSchema } from './shared';
import { LESSON_SLUGS } from './vocabulary';

/** Frontmatter of a glossary entry `content/glossary/<term-slug>.md`; the body is the definition. */
export const glossarySchema = z
	.object({
		/** The term as students meet it. */
		term: z.string().min(2),
		/** Other names for the term (old names, abbreviations). */
		aliases: z.array(z.string().min(1)).default([]),
		/** Slug of the lesson that explains the term. */
		lesson: z.enum(LESSON_SLUGS),
		/** Heading id in that lesson where the explanation starts. */
		anchor: slugSchema.optional(),
		/** Glossary slugs of terms students confuse with this one. */
		confusedWith: z.array(slugSchema).default([]),
	})
	.strict();

export type GlossaryData = z.infer<typeof glossarySchema>;
