/**
 * Controlled vocabularies shared by the content schemas.
 * N.B. Adding a value here is how an instructor introduces a new topic or exam.
 */

/** Lesson slugs in teaching order; a lesson file is `content/lessons/<slug>.mdx`. */
export const LESSON_SLUGS = [
	'cognito-overview',
	'user-pools',
	'tokens',
	'integrations',
	'mfa-and-security',
	'federation-and-managed-login',
	'lambda-triggers',
	'identity-pools',
	'identity-pools-iam',
	'user-vs-identity-pools',
	'cognito-in-architectures',
	'operating-securely',
	'cognito-sync-and-appsync',
	'exam-strategy',
] as const;

/** AWS certification exams the bank targets. */
export const EXAMS = ['DVA-C02', 'SAA-C03', 'SCS-C02'] as const;

/**
 * The content domains of each exam and their weights (% of scored content), from the official exam guides:
 * https://docs.aws.amazon.com/aws-certification/latest/developer-associate-02/developer-associate-02.html,
 * https://docs.aws.amazon.com/aws-certification/latest/solutions-architect-associate-03/solutions-architect-associate-03.html,
 * https://docs.aws.amazon.com/aws-certification/latest/security-specialty-02/security-specialty-02.html.
 * A question's `domains` name them as `<exam>/<number>`.
 */
export const EXAM_DOMAINS = {
	'DVA-C02': [
		{ number: 1, name: 'Development with AWS Services', weight: 32 },
		{ number: 2, name: 'Security', weight: 26 },
		{ number: 3, name: 'Deployment', weight: 24 },
		{ number: 4, name: 'Troubleshooting and Optimization', weight: 18 },
	],
	'SAA-C03': [
		{ number: 1, name: 'Design Secure Architectures', weight: 30 },
		{ number: 2, name: 'Design Resilient Architectures', weight: 26 },
		{ number: 3, name: 'Design High-Performing Architectures', weight: 24 },
		{ number: 4, name: 'Design Cost-Optimized Architectures', weight: 20 },
	],
	'SCS-C02': [
		{ number: 1, name: 'Threat Detection and Incident Response', weight: 14 },
		{ number: 2, name: 'Security Logging and Monitoring', weight: 18 },
		{ number: 3, name: 'Infrastructure Security', weight: 20 },
		{ number: 4, name: 'Identity and Access Management', weight: 16 },
		{ number: 5, name: 'Data Protection', weight: 18 },
		{ number: 6, name: 'Management and Security Governance', weight: 14 },
	],
} as const satisfies Record<
	(typeof EXAMS)[number],
	ReadonlyArray<{ number: number; name: string; weight: number }>
>;

/** Every exam domain id, `<exam>/<number>`, for example `SAA-C03/1`. */
export const DOMAIN_IDS = Object.entries(EXAM_DOMAINS).flatMap(([exam, domains]) =>
	domains.map((domain) => `${exam}/${domain.number}`)
) as [string, ...string[]];

/** Topics a question or lesson can be tagged with; filters and statistics group by these. */
export const TOPICS = [
	'overview',
	'cognito-vs-iam',
	'user-pools',
	'sign-up',
	'sign-in',
	'verification',
	'password-policy',
	'user-status',
	'groups',
	'app-clients',
	'auth-flows',
	'tokens',
	'jwt-verification',
	'token-revocation',
	'api-gateway',
	'alb',
	'app-integration',
	'mfa',
	'passwordless',
	'passkeys',
	'threat-protection',
	'feature-plans',
	'federation',
	'saml',
	'oidc',
	'social-login',
	'hosted-ui',
	'managed-login',
	'lambda-triggers',
	'custom-auth',
	'user-migration',
	'pre-token-generation',
	'identity-pools',
	'guest-access',
	'auth-flow-enhanced-basic',
	'developer-authenticated',
	'iam-roles',
	'role-mapping',
	'trust-policy',
	'policy-variables',
	'sts',
	'abac',
	'sync',
	'appsync',
	'exam-keywords',
] as const;

/** Section headings of the seed study notes; every one must be covered by a lesson. */
export const NOTES_SECTIONS = [
	'Amazon Cognito',
	'Cognito User Pools (CUP) – User Features',
	'Cognito User Pools (CUP) - Integrations',
	'Cognito User Pools – Lambda Triggers',
	'Cognito User Pools – Hosted Authentication UI',
	'Cognito Identity Pools (Federated Identities)',
	'Cognito Identity Pools – Diagram Cognito Web',
	'Cognito Identity Pools – Diagram with CUP',
	'Cognito Identity Pools – IAM Roles',
	'Cognito User Pools vs Identity Pools',
	'Cognito Sync',
	'Questions',
] as const;

/** Option ids, in authored order (the learner sees them shuffled unless an option is pinned). */
export const OPTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

/** Target ids of a matching question (the right-hand column), in authored order. */
export const TARGET_IDS = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'] as const;

/**
 * Question types: `single` (one right option of four), `multi` (two or three of five or six),
 * `ordering` (put 3–6 steps in order) and `matching` (match 3–6 items to 3–8 targets).
 * All are graded all-or-nothing.
 */
export const QUESTION_TYPES = ['single', 'multi', 'ordering', 'matching'] as const;

/** A matching answer pair `a=t1`: option id, "=", target id. */
const MATCH_PAIR = /^([a-z])\s*=\s*(t\d+)$/;

/**
 * Splits a matching answer pair such as `a=t1` into option and target ids, or null when malformed.
 * @example parseMatchPair('b=t3') // { option: 'b', target: 't3' }
 */
export function parseMatchPair(pair: string): { option: string; target: string } | null {
	const match = MATCH_PAIR.exec(pair.trim());
	return match ? { option: match[1]!, target: match[2]! } : null;
}

export type LessonSlug = (typeof LESSON_SLUGS)[number];
export type Exam = (typeof EXAMS)[number];
export type DomainId = (typeof DOMAIN_IDS)[number];
export type Topic = (typeof TOPICS)[number];
export type OptionId = (typeof OPTION_IDS)[number];
export type TargetId = (typeof TARGET_IDS)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];
