/**
 * Astro integration: runs the content checker before anything is built, so a broken lesson, question or
 * glossary file fails `astro build` / `astro dev` with one line per problem (file: field: fix).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../schemas/check-content';
import { readContentFiles } from '../cli/read-content';

export function contentCheck(): AstroIntegration {
	return {
		name: 'cognito-study:content-check',
		hooks: {
			'astro:config:setup': ({ config, logger }) => {
				const report = checkContent(readContentFiles(fileURLToPath(config.root)));
				for (const warning of report.warnings) logger.warn(warning);
				if (report.errors.length > 0) {
					const error = new Error(
						`Content has ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}:\n${report.errors.join('\n')}`
					);
					error.stack = error.message;
					throw error;
				}
				logger.info(
					`content ok: ${report.lessons.length} lessons, ${report.questions.length} questions, ${report.glossary.length} glossary terms`
				);
			},
		},
	};
}
