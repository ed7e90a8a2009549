import type { Role } from '$lib/domain';

/**
 * Which role a route belongs to, from its route group: `/(caseworker)/caseload` → caseworker.
 * The hook checks this on every request — page loads, form actions and endpoints alike — so a
 * route added to a group is protected without anyone remembering to protect it.
 */
const GROUP_ROLES: Record<string, readonly Role[]> = {
	'(caseworker)': ['caseworker'],
	'(supervisor)': ['supervisor'],
	'(staff)': ['caseworker', 'supervisor'],
	'(victim)': ['victim']
};

/**
 * Endpoints live under `/api`, outside the page groups; those only some roles may call are listed
 * here by path prefix, with the same effect as a group (a victim gets 403 before the handler runs).
 * The longest prefix that matches decides, so one endpoint can be narrower than its folder.
 */
const API_ROLES: Record<string, readonly Role[]> = {
	'/api/cases': ['caseworker', 'supervisor'],
	'/api/team': ['supervisor'],
	// Unlocking an idle staff device (the portal keeps nothing on the device to lock).
	'/api/unlock': ['caseworker', 'supervisor'],
	// Moving a case to another caseworker is a supervisor's decision (issue 7).
	'/api/cases/[id]/assignment': ['supervisor'],
	// A case's audit trail is for the supervisors of its team (issue 10).
	'/api/cases/[id]/audit': ['supervisor']
};

/**
 * Routes anyone may reach without signing in. Everything else needs a session. `/set-up` is where
 * a victim turns an invitation code into a password, so they have no session yet; `/exit` must
 * work however the session stands; `/api/me` says who is signed in, or nobody.
 */
const PUBLIC_ROUTES = new Set([
	'/',
	'/sign-in',
	'/sign-out',
	'/set-up',
	'/exit',
	'/api/health',
	'/api/me'
]);

export type Access =
	| { allowed: true }
	| { allowed: false; status: 401 | 403; message: string }
	| { allowed: false; status: 404 };

export function allowedRoles(routeId: string): readonly Role[] | undefined {
	const group = routeId.split('/')[1];
	if (group && GROUP_ROLES[group]) return GROUP_ROLES[group];
	const prefix = Object.keys(API_ROLES)
		.filter((p) => routeId === p || routeId.startsWith(`${p}/`))
		.sort((a, b) => b.length - a.length)[0];
	return prefix ? API_ROLES[prefix] : undefined;
}

export function checkAccess(routeId: string | null, role: Role | undefined): Access {
	if (routeId === null) return { allowed: false, status: 404 };
	if (PUBLIC_ROUTES.has(routeId)) return { allowed: true };
	if (!role) return { allowed: false, status: 401, message: 'Sign in to continue' };
	const allowed = allowedRoles(routeId);
	if (allowed && !allowed.includes(role))
		return { allowed: false, status: 403, message: 'You do not have access to this page' };
	return { allowed: true };
}
