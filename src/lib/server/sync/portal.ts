import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { newId, type Actor, type MutationName, type PushResponse } from '$lib/domain';
import type { Database } from '../db';
import { syncClients } from '../db/schema';
import { BadSyncRequest } from './errors';
import { push } from './push';

/**
 * The victim's portal changes the case through the same mutations, rules and append-only log as
 * any device: its pages are served by the server, so the server is the portal's sync client. Each
 * victim account has one such client, with an id derived from the account's.
 */
export function portalClientId(userId: string): string {
	const h = createHash('sha256').update(`portal:${userId}`).digest('hex');
	// A UUID-shaped id (version nibble 8: "custom"), so it fits the client-id column.
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Whether a client id is of the portal's shape: devices may not use one (see the push endpoint). */
export const isPortalClientId = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-a/i.test(id);

export type PortalResult = PushResponse['results'][number];

/**
 * Applies one change from the portal as the next mutation of the account's portal client. Two
 * requests at once may pick the same sequence number; push refuses the loser (409), which takes
 * the next number and tries again, so neither change is lost or applied twice.
 */
export async function applyFromPortal(
	db: Database,
	actor: Actor,
	mutation: { name: MutationName; args: unknown },
	now = new Date()
): Promise<PortalResult> {
	const clientId = portalClientId(actor.id);
	const id = newId();
	for (let attempt = 0; ; attempt++) {
		const [client] = await db
			.select({ lastSeq: syncClients.lastSeq })
			.from(syncClients)
			.where(eq(syncClients.id, clientId))
			.limit(1);
		const seq = (client?.lastSeq ?? 0) + 1;
		try {
			const response = await push(
				db,
				actor,
				{ clientId, mutations: [{ seq, id, ...mutation }] },
				now
			);
			return response.results[0]!;
		} catch (error) {
			if (!(error instanceof BadSyncRequest) || error.status !== 409 || attempt >= 4) throw error;
		}
	}
}
