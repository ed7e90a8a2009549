import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain';
import type { Database, DatabaseHandle } from '$lib/server/db';
import * as s from '$lib/server/db/schema';
import { seedDemoData } from '$lib/server/seed/seed';
import { freshDatabase } from './databases';

/** A signed-in user as the server's code sees them, looked up by email. */
export async function actorFor(db: Database, email: string): Promise<Actor> {
	const [u] = await db.select().from(s.users).where(eq(s.users.email, email));
	if (!u) throw new Error(`No demo user ${email}`);
	return { id: u.id, role: u.role, teamId: u.teamId, victimId: u.victimId };
}

/**
 * The demo data's people on two teams (seeded with `teams: 2`): Alex and Priya, caseworkers of the
 * first team; Sam, its supervisor; the second team's supervisor; and Jo, a victim with an account.
 */
export async function demoActors(db: Database) {
	const [alex, priya, sam, otherSupervisor, jo] = await Promise.all(
		[
			'caseworker@demo.test',
			'caseworker2@demo.test',
			'supervisor@demo.test',
			'supervisor.team2@demo.test',
			'victim@demo.test'
		].map((email) => actorFor(db, email))
	);
	return { alex: alex!, priya: priya!, sam: sam!, otherSupervisor: otherSupervisor!, jo: jo! };
}

/**
 * The server side of the device sync tests: one demo team of 30 cases on in-memory PGlite, and
 * three of its people: Alex (caseworker), Sam (their supervisor) and Priya (another caseworker).
 */
export async function demoSyncServer(
	seed: number,
	now: Date
): Promise<{ server: DatabaseHandle; alex: Actor; sam: Actor; priya: Actor }> {
	const server = await freshDatabase('pglite');
	await seedDemoData(server.db, { seed, cases: 30, teams: 1, now });
	return {
		server,
		alex: await actorFor(server.db, 'caseworker@demo.test'),
		sam: await actorFor(server.db, 'supervisor@demo.test'),
		priya: await actorFor(server.db, 'caseworker2@demo.test')
	};
}
