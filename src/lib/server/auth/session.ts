import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Role } from '$lib/domain';
import type { Database } from '../db';
import { sessions, users } from '../db/schema';

/**
 * Sessions after the Lucia pattern (lucia-auth.com/sessions/basic): the browser holds a random
 * token; the server stores only its SHA-256, checks an idle timeout and an absolute lifetime on
 * every request, and deletes the row at sign-out.
 */

export type SessionUser = {
	id: string;
	email: string;
	displayName: string;
	role: Role;
	teamId: string | null;
	victimId: string | null;
};

export type Session = {
	id: string;
	userId: string;
	expiresAt: Date;
	/**
	 * Chosen at sign-in ("This is a shared or unsafe device"): nothing of this session is to be kept
	 * on the device. Stored with the session so every request, and every app server, knows it.
	 */
	sharedDevice: boolean;
};
export type SessionLifetimes = { idleMs: number; absoluteMs: number };

export const SESSION_COOKIE = 'session';

/** Writing last-seen on every request would make every page view a database write. */
const TOUCH_INTERVAL_MS = 60_000;

export function generateSessionToken(): string {
	// 160 bits of entropy from the platform CSPRNG (ASVS 5.0 V7.2: at least 128 bits).
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Database,
	token: string,
	userId: string,
	now: Date,
	lifetimes: SessionLifetimes,
	options: { sharedDevice?: boolean } = {}
): Promise<Session> {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		createdAt: now,
		lastSeenAt: now,
		expiresAt: new Date(now.getTime() + lifetimes.absoluteMs),
		sharedDevice: options.sharedDevice ?? false
	};
	await db.insert(sessions).values(session);
	return {
		id: session.id,
		userId,
		expiresAt: session.expiresAt,
		sharedDevice: session.sharedDevice
	};
}

export async function validateSessionToken(
	db: Database,
	token: string,
	now: Date,
	lifetimes: SessionLifetimes
): Promise<{ session: Session; user: SessionUser } | null> {
	const id = sessionIdFromToken(token);
	const [row] = await db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				role: users.role,
				teamId: users.teamId,
				victimId: users.victimId,
				active: users.active
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id))
		.limit(1);
	if (!row) return null;
	const { session, user } = row;
	const idleExpired = now.getTime() - session.lastSeenAt.getTime() >= lifetimes.idleMs;
	if (now >= session.expiresAt || idleExpired || !user.active) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
		await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
	}
	const { active: _active, ...sessionUser } = user;
	return {
		session: {
			id,
			userId: session.userId,
			expiresAt: session.expiresAt,
			sharedDevice: session.sharedDevice
		},
		user: sessionUser
	};
}

/**
 * Whether a cookie must be `Secure`: everywhere but plain-http localhost, where browsers would
 * refuse to send it back and the demo could not be signed in to.
 */
export function secureCookieFor(url: URL): boolean {
	const loopback =
		url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
	return url.protocol === 'https:' || !loopback;
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Database, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
