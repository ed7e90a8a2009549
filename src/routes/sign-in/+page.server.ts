import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, ROLE_HOME, SignInForm } from '$lib/domain';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { signIn, WRONG_CREDENTIALS } from '$lib/server/auth/sign-in';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, ROLE_HOME[locals.user.role]);
	return { signedOut: url.searchParams.has('signed-out') };
};

/** Only a path on this site: never `//elsewhere.example` or an absolute URL (open redirect). */
function safeNext(next: string | null): string | null {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: null;
}

function isLoopback(hostname: string) {
	return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

export const actions: Actions = {
	default: async ({ request, cookies, locals, url, getClientAddress }) => {
		const form = await request.formData();
		const emailEntered = form.get('email');
		const keep = { email: typeof emailEntered === 'string' ? emailEntered : '' };
		const parsed = SignInForm.safeParse({
			email: form.get('email'),
			password: form.get('password')
		});
		if (!parsed.success) return fail(400, { ...keep, errors: fieldErrors(parsed.error) });

		const { signIn: limits, session: lifetimes } = config();
		const result = await signIn(
			db(),
			{ ...parsed.data, ip: getClientAddress(), now: new Date() },
			limits,
			lifetimes
		);
		if (!result.ok && result.reason === 'throttled') {
			const minutes = Math.ceil(result.retryAfterMs / 60_000);
			return fail(429, {
				...keep,
				errors: {
					form: `Too many failed attempts to sign in. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`
				}
			});
		}
		if (!result.ok) return fail(400, { ...keep, errors: { form: WRONG_CREDENTIALS } });

		// Rotate: whatever session this browser had before is ended, so a planted token is useless.
		if (locals.session) await invalidateSession(db(), locals.session.id);
		cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:' || !isLoopback(url.hostname),
			expires: result.session.expiresAt
		});
		redirect(303, safeNext(url.searchParams.get('next')) ?? ROLE_HOME[result.user.role]);
	}
};
