import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE, invalidateSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { NEUTRAL_SITE } from '$lib/ui/exit-this-page/exit';
import type { RequestHandler } from './$types';

/**
 * "Exit this page" without JavaScript: end the session and go to a neutral site. A GET, because
 * the button must be a plain link to work everywhere; the worst a forged link can do is sign
 * someone out.
 */
export const GET: RequestHandler = async ({ locals, cookies }) => {
	if (locals.session) await invalidateSession(db(), locals.session.id);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, NEUTRAL_SITE);
};
