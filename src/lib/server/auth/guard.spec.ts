import { describe, expect, it } from 'vitest';
import { allowedRoles, checkAccess } from './guard';

describe('route access', () => {
	it('reads the role from the route group', () => {
		expect(allowedRoles('/(caseworker)/caseload')).toEqual(['caseworker']);
		expect(allowedRoles('/(supervisor)/team')).toEqual(['supervisor']);
		expect(allowedRoles('/(staff)/cases/[id]')).toEqual(['caseworker', 'supervisor']);
		expect(allowedRoles('/(victim)/your-case')).toEqual(['victim']);
		expect(allowedRoles('/sign-in')).toBeUndefined();
	});

	it('reads the role of a case endpoint from its path', () => {
		expect(allowedRoles('/api/cases/[id]/victim-access')).toEqual(['caseworker', 'supervisor']);
		expect(allowedRoles('/api/cases/[id]/assignment')).toEqual(['supervisor']);
		expect(allowedRoles('/api/casesx')).toBeUndefined();
		expect(allowedRoles('/api/sync/push')).toBeUndefined();
	});

	it('lets anyone reach the sign-in page', () => {
		expect(checkAccess('/sign-in', undefined)).toEqual({ allowed: true });
	});

	it('lets a victim with no account yet reach the set-up page', () => {
		expect(checkAccess('/set-up', undefined)).toEqual({ allowed: true });
	});

	it('asks a signed-out visitor to sign in for any other page', () => {
		expect(checkAccess('/(caseworker)/caseload', undefined)).toMatchObject({
			allowed: false,
			status: 401
		});
		expect(checkAccess('/api/anything', undefined)).toMatchObject({ allowed: false, status: 401 });
		expect(checkAccess('/api/cases/[id]/victim-access', undefined)).toMatchObject({
			allowed: false,
			status: 401
		});
	});

	it.each([
		['caseworker', '/(supervisor)/team'],
		['caseworker', '/(victim)/your-case'],
		['supervisor', '/(caseworker)/caseload'],
		['supervisor', '/(victim)/your-case'],
		['victim', '/(caseworker)/caseload'],
		['victim', '/(supervisor)/team'],
		['victim', '/(staff)/cases/[id]'],
		['victim', '/api/cases/[id]/victim-access'],
		['victim', '/api/cases/[id]/notifications'],
		['victim', '/(staff)/demo/outbox'],
		['caseworker', '/api/team/refused-changes'],
		['victim', '/api/team/refused-changes'],
		['caseworker', '/api/cases/[id]/assignment'],
		['victim', '/api/cases/[id]/assignment']
	] as const)('refuses a %s on %s with 403', (role, route) => {
		expect(checkAccess(route, role)).toMatchObject({ allowed: false, status: 403 });
	});

	it.each([
		['caseworker', '/(caseworker)/caseload'],
		['supervisor', '/(supervisor)/team'],
		['victim', '/(victim)/your-case'],
		['caseworker', '/(staff)/cases/[id]'],
		['supervisor', '/(staff)/cases/[id]'],
		['caseworker', '/api/cases/[id]/victim-access'],
		['supervisor', '/api/cases/[id]/victim-access'],
		['caseworker', '/api/cases/[id]/notifications'],
		['supervisor', '/api/cases/[id]/notifications'],
		['caseworker', '/(staff)/demo/outbox'],
		['supervisor', '/(staff)/demo/outbox'],
		['supervisor', '/api/cases/[id]/assignment']
	] as const)('lets a %s into %s', (role, route) => {
		expect(checkAccess(route, role)).toEqual({ allowed: true });
	});

	it('answers 404 for a route that does not exist', () => {
		expect(checkAccess(null, 'caseworker')).toEqual({ allowed: false, status: 404 });
	});
});
