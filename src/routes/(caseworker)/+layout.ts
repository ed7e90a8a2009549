import { allowRoles } from '$lib/client/role-guard';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = ({ parent }) => allowRoles(parent, ['caseworker']);
