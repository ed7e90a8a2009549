import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { id: locals.user.id, displayName: locals.user.displayName, role: locals.user.role }
		: null
});
