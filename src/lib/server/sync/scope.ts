import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq, type SQL } from 'drizzle-orm';
import type { Actor } from '$lib/domain';
import type { Database } from '../db';
import { cases } from '../db/schema';

/** The cases the caller may see *now*, from their current rights (never from the request). */
export function scopeCondition(actor: Actor): SQL {
	switch (actor.role) {
		case 'caseworker':
			return eq(cases.assignedCaseworkerId, actor.id);
		case 'supervisor':
			return eq(cases.teamId, actor.teamId ?? '00000000-0000-0000-0000-000000000000');
		case 'victim':
			return eq(cases.victimId, actor.victimId ?? '00000000-0000-0000-0000-000000000000');
	}
}

export async function visibleCaseIds(db: Database, actor: Actor): Promise<string[]> {
	const rows = await db.select({ id: cases.id }).from(cases).where(scopeCondition(actor));
	return rows.map((r) => r.id).sort();
}

export function scopeHash(caseIds: readonly string[]): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode([...caseIds].sort().join(',')))).slice(
		0,
		32
	);
}
