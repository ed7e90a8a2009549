import { z } from 'zod/mini';
import { ROLES } from '$lib/domain/roles';

/**
 * Who is signed in on this device, kept so a staff page can open with no signal (the server
 * answers `/api/me` online; offline the app reads this). Names only: a staff member's id, name
 * and role, their colleagues' names and the team's name; never case data (that lives in the
 * user's own IndexedDB database). Removed at sign-out, and replaced when another user signs in.
 * Victims are never remembered: the portal keeps nothing on the device.
 */
export const RememberedUser = z.object({
	user: z.object({
		id: z.string(),
		displayName: z.string(),
		role: z.enum(ROLES)
	}),
	colleagues: z.array(
		z.object({
			id: z.string(),
			displayName: z.string(),
			role: z.enum(ROLES),
			active: z.boolean()
		})
	),
	teamName: z.nullable(z.string())
});
export type RememberedUser = z.infer<typeof RememberedUser>;

const KEY = 'victim-care-hub:signed-in';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const store = (): Store | null => (typeof localStorage === 'undefined' ? null : localStorage);

export function rememberUser(record: RememberedUser, storage: Store | null = store()): void {
	storage?.setItem(KEY, JSON.stringify(record));
}

/** The staff member last signed in here, or null (none, or what is kept does not read back). */
export function rememberedUser(storage: Store | null = store()): RememberedUser | null {
	const raw = storage?.getItem(KEY);
	if (!raw) return null;
	try {
		const parsed = RememberedUser.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

export function forgetUser(storage: Store | null = store()): void {
	storage?.removeItem(KEY);
}
