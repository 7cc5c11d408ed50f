import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { glossarySchema } from './schemas/glossary';
import { lessonSchema } from './schemas/lesson';
import { questionSchema } from './schemas/question';
import { scenarioSchema } from './schemas/scenario';

// Wiring only: the schemas (and the cross-file rules in schemas/check-content.ts) live in src/schemas.
const lessons = defineCollection({
	loader: glob({ base: './content/lessons', pattern: '**/*.{md,mdx}' }),
	schema: lessonSchema,
});

const questions = defineCollection({
	loader: glob({ base: './content/questions', pattern: '**/*.md' }),
	schema: questionSchema,
});

const scenarios = defineCollection({
	loader: glob({ base: './content/scenarios', pattern: '**/*.md' }),
	schema: scenarioSchema,
});

const glossary = defineCollection({
	loader: glob({ base: './content/glossary', pattern: '**/*.md' }),
	schema: glossarySchema,
});

export const collections = { lessons, questions, scenarios, glossary };
