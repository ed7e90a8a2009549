import type { Cookies } from '@sveltejs/kit';
import { secureCookieFor } from './session';

/**
 * After a victim sets their password, the sign-in page tells them which email address to sign in
 * with (a caseworker may have typed one they seldom use). The address is never shown to someone
 * who merely holds a code: only after the password is set, once, through this short-lived flash.
 * It is readable only by the server (HttpOnly), sent only to /sign-in, and deleted there on the
 * first read; if it is never read it is gone after five minutes, so a shared device keeps nothing.
 */
const READY_COOKIE = 'set-up-ready';
const PATH = '/sign-in';
const LIFETIME_SECONDS = 5 * 60;

export function rememberSetUpEmail(cookies: Cookies, url: URL, email: string) {
	cookies.set(READY_COOKIE, email, {
		path: PATH,
		httpOnly: true,
		sameSite: 'strict',
		secure: secureCookieFor(url),
		maxAge: LIFETIME_SECONDS
	});
}

/** The email set up a moment ago in this browser, once; null when there is none. */
export function takeSetUpEmail(cookies: Cookies): string | null {
	const email = cookies.get(READY_COOKIE);
	if (email === undefined) return null;
	cookies.delete(READY_COOKIE, { path: PATH });
	// Only ever written with an address the server read from the database; anything else is ignored.
	return email.includes('@') && email.length <= 320 ? email : null;
}
