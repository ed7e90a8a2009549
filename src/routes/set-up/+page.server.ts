import { fail, redirect } from '@sveltejs/kit';
import { isLocale, type Locale } from '$lib/domain/locale';
import {
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH,
	type NewPasswordProblems
} from '$lib/domain/password-rules';
import { messages } from '$lib/i18n';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { checkInvitationCode, setUpAccount, type CodeProblem } from '$lib/server/auth/set-up';
import { rememberSetUpEmail } from '$lib/server/auth/set-up-flash';
import { minutesToWait } from '$lib/server/auth/throttle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/**
 * A victim sets up their portal account in two steps (one thing per page): the code their
 * caseworker gave them, then a password. The code travels to the second step in a hidden field
 * and is checked again there; the email it opens is never shown here (see `set-up-flash.ts`).
 * Every word comes from the message catalogue in the language of `?lang=`.
 */

const localeOf = (url: URL): Locale => {
	const lang = url.searchParams.get('lang');
	return isLocale(lang) ? lang : 'en';
};

export const load: PageServerLoad = ({ url, locals }) => {
	// The page's `<html lang>` (hooks.server.ts) follows the language chosen here.
	locals.locale = localeOf(url);
	return { locale: locals.locale };
};

/** What every answer carries back to the page: the step to show, the code so far, and errors. */
type SetUpForm = { step: 'code' | 'password'; code: string; errors: Record<string, string> };

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

function codeMessage(locale: Locale, problem: CodeProblem): string {
	const t = messages(locale).setUp;
	if (problem === 'missing') return t.errors.codeMissing;
	if (problem === 'format') return t.errors.codeFormat;
	return t.refusals[problem];
}

function passwordMessages(locale: Locale, problems: NewPasswordProblems): Record<string, string> {
	const { errors } = messages(locale).setUp;
	const out: Record<string, string> = {};
	if (problems.password === 'missing') out.password = errors.passwordMissing;
	if (problems.password === 'too-short')
		out.password = errors.passwordTooShort(PASSWORD_MIN_LENGTH);
	if (problems.password === 'too-long') out.password = errors.passwordTooLong(PASSWORD_MAX_LENGTH);
	if (problems.confirm === 'missing') out.confirm = errors.confirmMissing;
	if (problems.confirm === 'mismatch') out.confirm = errors.confirmMismatch;
	return out;
}

/** Back to the code step with what went wrong: throttled (429, the code unchecked) or refused. */
function codeRefused(
	locale: Locale,
	code: string,
	result: { reason: 'throttled'; retryAfterMs: number } | { reason: 'code'; problem: CodeProblem }
) {
	const message =
		result.reason === 'throttled'
			? messages(locale).setUp.errors.tooManyTries(minutesToWait(result.retryAfterMs))
			: codeMessage(locale, result.problem);
	return fail(result.reason === 'throttled' ? 429 : 400, {
		step: 'code',
		code,
		errors: { code: message }
	} satisfies SetUpForm);
}

export const actions: Actions = {
	code: async ({ request, url, getClientAddress }) => {
		const locale = localeOf(url);
		const code = text((await request.formData()).get('code'));
		const result = await checkInvitationCode(
			db(),
			{ code, ip: getClientAddress(), now: new Date() },
			config().setUp
		);
		if (!result.ok) return codeRefused(locale, code, result);
		return { step: 'password', code: result.code, errors: {} } satisfies SetUpForm;
	},

	password: async ({ request, url, cookies, locals, getClientAddress }) => {
		const locale = localeOf(url);
		const form = await request.formData();
		const code = text(form.get('code'));
		const result = await setUpAccount(
			db(),
			{
				code,
				password: text(form.get('password')),
				confirm: text(form.get('confirm')),
				ip: getClientAddress(),
				now: new Date()
			},
			config().setUp
		);
		if (!result.ok && result.reason === 'password')
			// The passwords are never sent back: the page shows both fields empty, the code kept.
			return fail(400, {
				step: 'password',
				code: result.code,
				errors: passwordMessages(locale, result.problems)
			} satisfies SetUpForm);
		if (!result.ok) return codeRefused(locale, code, result);

		// Whoever was signed in on this browser is signed out: the next thing here is the victim
		// signing in to the account they have just set up (the account's own sessions are ended
		// by `completeInvitation`).
		if (locals.session) {
			await invalidateSession(db(), locals.session.id);
			cookies.delete(SESSION_COOKIE, { path: '/' });
		}
		rememberSetUpEmail(cookies, url, result.email);
		redirect(303, locale === 'en' ? '/sign-in?ready=1' : `/sign-in?ready=1&lang=${locale}`);
	}
};
