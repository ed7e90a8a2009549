/**
 * The roles and where each lands after signing in (issue 2: caseload, team overview, "Your case").
 * Kept free of zod so every page's shared layout can import it without the schema library.
 */
export const ROLES = ['caseworker', 'supervisor', 'victim'] as const;

export const ROLE_HOME = {
	caseworker: '/caseload',
	supervisor: '/team',
	victim: '/your-case'
} as const satisfies Record<(typeof ROLES)[number], string>;
