import type { Role } from '$lib/domain';
import type { Locale } from '$lib/domain/locale';
import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** The page's language, set by a load that knows it (the victim's portal); `en` otherwise. */
			locale?: Locale;
		}
		/**
		 * Set by the root layout (`+layout.ts`) for every page. Optional only so that server loads
		 * below it need not repeat them: every page has them.
		 */
		interface PageData {
			user?: { id: string; displayName: string; role: Role } | null;
			/**
			 * Staff: their team, so a case's history can say who did what offline, and a supervisor's
			 * screens can list the caseworkers (active ones take cases; inactive ones keep their name).
			 */
			colleagues?: { id: string; displayName: string; role: Role; active: boolean }[];
			/** Staff: their team's name. */
			teamName?: string | null;
		}
		/** Set by the header's sign-out button: the sign-out page goes ahead without asking again. */
		interface PageState {
			signOut?: boolean;
		}
		interface Error {
			message: string;
			/** Quoted to support staff to find the server log entry; never the error's detail. */
			reference?: string;
		}
	}
}

export {};
