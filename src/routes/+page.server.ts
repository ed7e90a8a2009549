import { redirect } from '@sveltejs/kit';
import { ROLE_HOME } from '$lib/domain';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.user ? ROLE_HOME[locals.user.role] : '/sign-in');
};
