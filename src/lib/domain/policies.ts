import type { Role } from './people';

/**
 * Who may see and change what. One set of rules, used by the UI (to offer an action) and by the
 * server (to accept it): the server never trusts the client's view of these.
 */
export type Actor = { id: string; role: Role; teamId: string | null; victimId: string | null };
export type CaseAccess = { assignedCaseworkerId: string; teamId: string; victimId: string };

/** Caseworker: their own cases. Supervisor: their team's. Victim: their own case, victim-safe. */
export function canSeeCase(actor: Actor, c: CaseAccess): boolean {
	switch (actor.role) {
		case 'caseworker':
			return c.assignedCaseworkerId === actor.id;
		case 'supervisor':
			return actor.teamId !== null && c.teamId === actor.teamId;
		case 'victim':
			return actor.victimId !== null && c.victimId === actor.victimId;
	}
}

/** Recording contacts, changing hearings and referrals: the assigned caseworker only. */
export function canWorkOnCase(actor: Actor, c: CaseAccess): boolean {
	return actor.role === 'caseworker' && c.assignedCaseworkerId === actor.id;
}

/** Why a caseworker cannot work on a case, in words for them (and their supervisor). */
export function workRefusal(actor: Actor, c: CaseAccess): string | null {
	if (canWorkOnCase(actor, c)) return null;
	if (actor.role === 'caseworker')
		return 'This case is no longer assigned to you, so the change was not saved to it.';
	return 'Only the caseworker assigned to this case can change it.';
}
