import { z } from 'astro/zod';

// Zod may compile object parsers with `new Function`; the site's Content-Security-Policy forbids eval, and
// Zod's probe for it is itself a violation report in the instructors' pages, which validate drafts in the
// browser. Every schema module imports this one before it defines its objects, so Zod never tries.
z.config({ jitless: true });

/** A kebab-case slug such as `user-pools`. */
export const slugSchema = z
	.string()
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (lowercase letters, digits and dashes)');

/** An AWS documentation page (https://docs.aws.amazon.com/...). */
export const awsDocUrlSchema = z
	.string()
	.regex(
		/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|repost\.aws)\//,
		'must be an https URL on docs.aws.amazon.com, aws.amazon.com or repost.aws'
	);

/** A source cited at the end of a lesson. */
export const sourceSchema = z
	.object({
		/** Title of the page as shown to students. */
		title: z.string().min(3),
		/** Address of the AWS documentation page. */
		url: awsDocUrlSchema,
	})
	.strict();
