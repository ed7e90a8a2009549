import {
	error,
	isHttpError,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { building } from '$app/environment';
import type { Locale } from '$lib/domain/locale';
import { isCrossSiteWrite } from '$lib/server/auth/csrf';
import { checkAccess } from '$lib/server/auth/guard';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { db, openConfiguredDatabase, setDatabase } from '$lib/server/db';
import { startNotificationDelivery } from '$lib/server/notifications';
import { ensureReferenceData } from '$lib/server/reference-data';
import { startRetentionPurge } from '$lib/server/retention/purge';
import { demoNow } from '$lib/server/seed/demo-now';
import { hasUsers, seedDemoData } from '$lib/server/seed/seed';

/** Opens (and migrates) the database before the first request; a failure stops the server. */
export const init: ServerInit = async () => {
	if (building) return;
	const handle = await openConfiguredDatabase(config());
	await ensureReferenceData(handle.db);
	// DEMO_SEED is set by `npm start` only: a real deployment never gets demo accounts by accident.
	if (process.env.DEMO_SEED === '1' && !(await hasUsers(handle.db))) {
		await seedDemoData(handle.db, { seed: 1, cases: 400, teams: 1, now: demoNow(new Date()) });
		await handle.analyze();
	}
	setDatabase(handle);
	// Messages to victims (hearing listed or changed), sent in the background by every app server.
	const delivery = startNotificationDelivery(handle.db, config());
	// Closed cases past their retention period are deleted, by every app server (each case in its
	// own transaction, which locks it: two servers cannot purge one case twice).
	const retention = startRetentionPurge({ db: handle.db, ...config().retention });
	const close = () =>
		void Promise.all([delivery.stop(), retention.stop()])
			.then(() => handle.close())
			.finally(() => process.exit(0));
	process.once('sveltekit:shutdown', close);
};

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	// Victims' pages must not leak their URL to another site (domain brief, "Safety"). Not
	// no-referrer: with it, browsers send `Origin: null` on form posts and the CSRF check refuses them.
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin'
};

export const handle: Handle = async ({ event, resolve }) => {
	// Before the session is read: a forged request from another site gets nowhere, signed in or not.
	if (isCrossSiteWrite(event.request, event.url))
		error(403, 'Cross-site requests are not allowed.');
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const result = await validateSessionToken(db(), token, new Date(), config().session);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}

	const access = checkAccess(event.route.id, event.locals.user?.role);
	if (!access.allowed && access.status === 401) {
		const isApi = event.url.pathname.startsWith('/api/');
		if (isApi || event.request.method !== 'GET') error(401, access.message);
		redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	if (!access.allowed && access.status === 403) error(403, access.message);

	const response = await resolve(event, {
		// The portal is in the victim's language: a load sets `locals.locale` before the page renders.
		transformPageChunk: ({ html }) => html.replace('%lang%', HTML_LANG[event.locals.locale ?? 'en'])
	});
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	// Leaving (sign-out, "Exit this page"): the browser drops its HTTP cache of this site, so Back
	// cannot show a page of the case again. Not "storage": that would take unsynced staff changes.
	if (
		(event.url.pathname === '/sign-out' && event.request.method === 'POST') ||
		event.url.pathname === '/exit'
	)
		response.headers.set('clear-site-data', '"cache"');
	// HSTS everywhere but a developer's own machine (plain http on localhost cannot be upgraded).
	if (!LOCAL_HOSTS.has(event.url.hostname))
		response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
	// Pages and API answers carry personal data: no browser or proxy cache may keep them
	// (ASVS 5.0 V14.3.2). Hashed build assets and the app shell are static files, served before
	// this hook; staff pages open offline from that shell and the user's IndexedDB database.
	if (!response.headers.has('cache-control')) {
		// The one exception: a victim's portal pages hold their own case and the portal never opens
		// IndexedDB, so unless they said the device is shared or unsafe the service worker may keep
		// them (emptied at sign-in, sign-out and exit) for the portal to open with no signal (issue 6).
		const keepable =
			event.request.method === 'GET' &&
			!event.isDataRequest &&
			isPortalPage(event.route.id) &&
			event.locals.session?.sharedDevice === false;
		response.headers.set('cache-control', keepable ? 'private, no-cache' : 'no-store');
	}
	return response;
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const HTML_LANG: Record<Locale, string> = { en: 'en-GB', pl: 'pl' };

const isPortalPage = (routeId: string | null) =>
	routeId !== null && routeId.startsWith('/(victim)/') && !routeId.includes('/calendar/');

export const handleError: HandleServerError = ({ error: thrown, status, message }) => {
	if (isHttpError(thrown) || status === 404) return { message };
	const reference = crypto.randomUUID().slice(0, 8);
	console.error(`[${reference}]`, thrown);
	return {
		message: 'Sorry, something went wrong on our side. Try again in a few minutes.',
		reference
	};
};
