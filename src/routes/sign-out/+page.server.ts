import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE, invalidateSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (a form button); a GET only goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session) await invalidateSession(db(), locals.session.id);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/sign-in?signed-out=1');
	}
};
