import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPortalPage, isStaffPage, NEVER_KEPT } from './pages';

const ROUTES = join(import.meta.dirname, '..', 'src', 'routes');

/** Every folder under `src/routes` that holds a page, with a path that reaches it. */
function pages(dir = ROUTES): { group: string | null; path: string; needsServer: boolean }[] {
	const found = [];
	if (existsSync(join(dir, '+page.svelte'))) {
		const parts = relative(ROUTES, dir).split(sep).filter(Boolean);
		const group = parts.find((p) => p.startsWith('('))?.slice(1, -1) ?? null;
		const path =
			'/' +
			parts
				.filter((p) => !p.startsWith('('))
				.map((p) => (p.startsWith('[') ? '0195f3a0-0000-7000-8000-000000000001' : p))
				.join('/');
		found.push({ group, path, needsServer: existsSync(join(dir, '+page.server.ts')) });
	}
	for (const entry of readdirSync(dir, { withFileTypes: true }))
		if (entry.isDirectory()) found.push(...pages(join(dir, entry.name)));
	return found;
}

describe('pages the service worker opens with no signal', () => {
	const all = pages();

	it('finds the routes', () => {
		expect(all.map((p) => p.path)).toEqual(expect.arrayContaining(['/caseload', '/team']));
	});

	it('opens every staff page that draws itself from the device, and no other staff page', () => {
		for (const page of all.filter((p) => ['caseworker', 'supervisor', 'staff'].includes(p.group!)))
			expect({ path: page.path, offline: isStaffPage(page.path) }).toEqual({
				path: page.path,
				offline: !page.needsServer
			});
	});

	it('keeps only portal pages as portal pages', () => {
		for (const page of all)
			expect({ path: page.path, portal: isPortalPage(page.path) }).toEqual({
				path: page.path,
				portal: page.group === 'victim'
			});
	});

	it('never answers the API, signing out, exit or calendar downloads from the device', () => {
		for (const path of ['/api/sync/pull', '/sign-out', '/exit', '/your-case/calendar/x'])
			expect(NEVER_KEPT.some((p) => p.test(path))).toBe(true);
		expect(isStaffPage('/api/me')).toBe(false);
		expect(isStaffPage('/caseload/../api/me')).toBe(false);
		expect(isStaffPage('/sign-in')).toBe(false);
	});
});
