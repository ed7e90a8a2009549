import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { fieldErrors, isLocale, ROLE_HOME, SignInForm } from '$lib/domain';
import { messages } from '$lib/i18n';
import { invalidateSession, secureCookieFor, SESSION_COOKIE } from '$lib/server/auth/session';
import { ownPath } from '$lib/server/auth/next-path';
import { takeSetUpEmail } from '$lib/server/auth/set-up-flash';
import { signIn, WRONG_CREDENTIALS } from '$lib/server/auth/sign-in';
import { minutesToWait } from '$lib/server/auth/throttle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, cookies }) => {
	if (locals.user) redirect(303, ROLE_HOME[locals.user.role]);
	return { signedOut: url.searchParams.has('signed-out'), ready: readyBanner(url, cookies) };
};

/**
 * After `/set-up`: "your account is ready", in the language the victim set it up in, with the
 * email address to sign in with when this browser has just set it up (read once, then gone).
 */
function readyBanner(url: URL, cookies: Cookies) {
	if (!url.searchParams.has('ready')) return null;
	const lang = url.searchParams.get('lang');
	const locale = isLocale(lang) ? lang : 'en';
	const { ready } = messages(locale).setUp;
	const email = takeSetUpEmail(cookies);
	return {
		lang: locale,
		heading: ready.heading,
		body: email ? ready.withEmail(email) : ready.withoutEmail,
		email
	};
}

export const actions: Actions = {
	default: async ({ request, cookies, locals, url, getClientAddress }) => {
		const form = await request.formData();
		const emailEntered = form.get('email');
		// "This is a shared or unsafe device": kept with the session, so nothing is kept on the device.
		const sharedDevice = form.get('sharedDevice') === 'yes';
		const keep = { email: typeof emailEntered === 'string' ? emailEntered : '', sharedDevice };
		const parsed = SignInForm.safeParse({
			email: form.get('email'),
			password: form.get('password')
		});
		if (!parsed.success) return fail(400, { ...keep, errors: fieldErrors(parsed.error) });

		const { signIn: limits, session: lifetimes } = config();
		const result = await signIn(
			db(),
			{ ...parsed.data, sharedDevice, ip: getClientAddress(), now: new Date() },
			limits,
			lifetimes
		);
		if (!result.ok && result.reason === 'throttled') {
			const minutes = minutesToWait(result.retryAfterMs);
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
			secure: secureCookieFor(url),
			expires: result.session.expiresAt
		});
		redirect(303, ownPath(url.searchParams.get('next'), url.origin) ?? ROLE_HOME[result.user.role]);
	}
};
