import { error, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { isLocale } from '$lib/domain/locale';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { readForm } from '$lib/server/sync/http';
import type { RequestHandler } from './$types';

/** The victim chooses the portal's language (Right 1); it is kept on their account. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const form = await readForm(request);
	const locale = form.get('locale');
	if (!isLocale(locale)) error(400, 'Choose a language from the list');
	await db().update(users).set({ locale }).where(eq(users.id, locals.user!.id));
	// Back to the page they were on: only a portal page, never somewhere given by the request.
	const from = form.get('from');
	redirect(
		303,
		typeof from === 'string' && /^\/your-case(\/[a-z-]+)?$/.test(from) ? from : '/your-case'
	);
};
