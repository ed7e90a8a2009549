import { isActionFailure, isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { checkAccess } from '$lib/server/auth/guard';
import type { SessionUser } from '$lib/server/auth/session';

/**
 * Calls the app's own server code — the hook's role guard, then the route's handler, load or form
 * action — as SvelteKit would, with a constructed `RequestEvent`, so a test exercises the real
 * parsing path without a server. The caller is `locals.user`, as the hook sets it from the session.
 */

export const ORIGIN = 'http://hub.test';

type Module = Record<string, unknown>;
type Handler = (event: RequestEvent) => unknown;

/** Every server module under `src/routes`, by route id (`/(victim)/your-case`, `/` for the root). */
const serverFiles = import.meta.glob<Module>('../routes/**/+server.ts', { eager: true });
const pageFiles = import.meta.glob<Module>('../routes/**/+page.server.ts', { eager: true });
const layoutFiles = import.meta.glob<Module>('../routes/**/+layout.server.ts', { eager: true });
const pageSvelte = import.meta.glob('../routes/**/+page.svelte');

const routeIdOf = (file: string) =>
	file.replace(/^\.\.\/routes/, '').replace(/\/\+[a-z.]+$/, '') || '/';

const byRoute = (files: Record<string, Module>) =>
	new Map(Object.entries(files).map(([file, mod]) => [routeIdOf(file), mod]));

export const endpoints = byRoute(serverFiles);
export const pageServers = byRoute(pageFiles);
export const layoutServers = byRoute(layoutFiles);
export const pages = new Set(Object.keys(pageSvelte).map(routeIdOf));

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every server entry point, named as the access matrix names them: `${routeId} ${kind}`. */
export function entryPoints(): string[] {
	const out: string[] = [];
	for (const id of pages) out.push(`${id} page`);
	for (const [id, mod] of pageServers) {
		if (typeof mod.load === 'function') out.push(`${id} load`);
		for (const name of Object.keys((mod.actions as Module | undefined) ?? {}))
			out.push(`${id} action:${name}`);
	}
	for (const [id, mod] of layoutServers)
		if (typeof mod.load === 'function') out.push(`${id} layout-load`);
	for (const [id, mod] of endpoints)
		for (const method of HTTP_METHODS)
			if (typeof mod[method] === 'function') out.push(`${id} ${method}`);
	return out.sort();
}

/** What came back, whichever way SvelteKit would have turned it into an answer. */
export type Answer = { status: number; location: string | null; text: string };

export type Call = {
	method: string;
	/** Path on this site, with `?/name` for a named form action. */
	path: string;
	/** A JSON body, or raw text sent as JSON (to send what `JSON.stringify` cannot make). */
	json?: unknown;
	rawJson?: string;
	form?: Record<string, string>;
	headers?: Record<string, string>;
};

function fakeCookies(): RequestEvent['cookies'] {
	const jar = new Map<string, string>();
	return {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: () => ''
	};
}

function requestFor(url: URL, call: Call): Request {
	const headers: Record<string, string> = { origin: ORIGIN, ...call.headers };
	let body: BodyInit | undefined;
	if (call.rawJson !== undefined || call.json !== undefined) {
		headers['content-type'] ??= 'application/json';
		body = call.rawJson ?? JSON.stringify(call.json);
	} else if (call.form) {
		const form = new FormData();
		for (const [k, v] of Object.entries(call.form)) form.append(k, v);
		body = form;
	}
	return new Request(url, { method: call.method, headers, body });
}

/** `[id]` and the like, read from the path by the route id's shape (groups take no segment). */
export function paramsOf(routeId: string, pathname: string): Record<string, string> {
	const pattern = routeId.split('/').filter((p) => p && !p.startsWith('('));
	const parts = pathname.split('/').filter(Boolean);
	const params: Record<string, string> = {};
	pattern.forEach((p, i) => {
		const name = /^\[(\w+)\]$/.exec(p)?.[1];
		if (name) params[name] = decodeURIComponent(parts[i] ?? '');
	});
	return params;
}

/** The server layout loads above a route (outermost first), for `parent()`. */
function layoutLoadsFor(routeId: string): Handler[] {
	const parts = routeId.split('/').filter(Boolean);
	const out: Handler[] = [];
	for (let i = 0; i <= parts.length; i++) {
		const id = '/' + parts.slice(0, i).join('/');
		const load = layoutServers.get(id)?.load;
		if (typeof load === 'function') out.push(load as Handler);
	}
	return out;
}

async function settle(work: () => unknown): Promise<Answer> {
	try {
		const result = await work();
		if (result instanceof Response)
			return {
				status: result.status,
				location: result.headers.get('location'),
				text: await result.text()
			};
		if (isActionFailure(result))
			return { status: result.status, location: null, text: JSON.stringify(result.data ?? null) };
		return { status: 200, location: null, text: JSON.stringify(result ?? null) };
	} catch (e) {
		if (isRedirect(e)) return { status: e.status, location: e.location, text: '' };
		if (isHttpError(e)) return { status: e.status, location: null, text: JSON.stringify(e.body) };
		throw e;
	}
}

/**
 * Calls one entry point (`kind` as in `entryPoints()`) of `routeId` as `user` (null: signed out):
 * the guard first, as the hook runs it, then the code. A `page` runs the server loads it has
 * (a page without one is the app shell, which carries no data). An exception that is not an
 * HTTP error, a redirect or a form failure is thrown, as SvelteKit would answer it with a 500.
 */
export async function invoke(
	routeId: string,
	kind: string,
	user: SessionUser | null,
	call: Call
): Promise<Answer> {
	const url = new URL(call.path, ORIGIN);
	const params = paramsOf(routeId, url.pathname);
	const request = requestFor(url, call);
	const access = checkAccess(routeId, user?.role);
	if (!access.allowed) {
		if (access.status === 404) return { status: 404, location: null, text: '' };
		if (access.status === 403)
			return { status: 403, location: null, text: JSON.stringify({ message: access.message }) };
		if (url.pathname.startsWith('/api/') || call.method !== 'GET')
			return { status: 401, location: null, text: JSON.stringify({ message: access.message }) };
		return {
			status: 303,
			location: `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`,
			text: ''
		};
	}

	const layouts = layoutLoadsFor(routeId);
	const event = {
		request,
		url,
		params,
		route: { id: routeId },
		locals: { user, session: null },
		cookies: fakeCookies(),
		getClientAddress: () => '203.0.113.9',
		setHeaders: () => {},
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined,
		fetch: () => Promise.reject(new Error('No fetch in the route harness')),
		parent: async () => {
			let data = {};
			for (const load of layouts) data = { ...data, ...((await load(event)) as object) };
			return data;
		}
	} as unknown as RequestEvent;

	const page = pageServers.get(routeId);
	if (kind === 'page' || kind === 'load')
		return settle(async () => {
			let data = {};
			for (const load of layouts) data = { ...data, ...((await load(event)) as object) };
			if (typeof page?.load === 'function')
				data = { ...data, ...((await (page.load as Handler)(event)) as object) };
			return data;
		});
	if (kind === 'layout-load')
		return settle(() => (layoutServers.get(routeId)!.load as Handler)(event));
	if (kind.startsWith('action:')) {
		const action = (page?.actions as Record<string, Handler>)[kind.slice('action:'.length)]!;
		return settle(() => action(event));
	}
	return settle(() => (endpoints.get(routeId)![kind] as Handler)(event));
}
