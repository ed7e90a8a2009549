import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, PushRequest, PushResponse } from '$lib/domain';
import type { Database } from '../db';
import { mutationLog, syncClients } from '../db/schema';
import { recordAudit } from '../audit/record';
import { applyMutation } from './apply';
import { BadSyncRequest, Rejection } from './errors';
import { nextVersion } from './version';

/**
 * Applies a batch of mutations from one client, each exactly once and in order.
 *
 * - The client must be the caller's (a first push registers it); another user's client id → 403.
 * - Sequence numbers already applied are acknowledged again without reapplying (a retried push).
 * - A gap (the first new number is not the next expected) → 409 and nothing is written.
 * - Each mutation commits in its own transaction with the log entry and the client's sequence, so
 *   a failure part-way leaves every earlier mutation applied once and the rest for the retry.
 * - A mutation the rules refuse is rolled back, logged with its reason, and acknowledged.
 */
export async function push(
	db: Database,
	actor: Actor,
	request: PushRequest,
	now = new Date()
): Promise<PushResponse> {
	const [client] = await db
		.select()
		.from(syncClients)
		.where(eq(syncClients.id, request.clientId))
		.limit(1);
	if (client && client.userId !== actor.id)
		throw new BadSyncRequest(403, 'This sync client belongs to another user.');
	const first = request.mutations[0]!.seq;
	const lastSeq = client?.lastSeq ?? 0;
	if (first > lastSeq + 1)
		throw new BadSyncRequest(
			409,
			`Changes are missing: the next expected sequence number is ${lastSeq + 1}, got ${first}.`
		);
	// Registered only once the push is accepted: a refused request leaves nothing behind.
	if (!client)
		await db
			.insert(syncClients)
			.values({ id: request.clientId, userId: actor.id, lastSeq: 0, createdAt: now })
			.onConflictDoNothing();

	const results: PushResponse['results'] = [];
	// Already settled: answer from the log.
	const settled = request.mutations.filter((m) => m.seq <= lastSeq);
	if (settled.length > 0) {
		const logged = await db
			.select({
				seq: mutationLog.seq,
				id: mutationLog.id,
				status: mutationLog.status,
				reason: mutationLog.reason
			})
			.from(mutationLog)
			.where(
				and(
					eq(mutationLog.clientId, request.clientId),
					inArray(
						mutationLog.seq,
						settled.map((m) => m.seq)
					)
				)
			);
		const bySeq = new Map(logged.map((l) => [l.seq, l]));
		for (const m of settled) {
			const l = bySeq.get(m.seq);
			if (l && l.id !== m.id)
				throw new BadSyncRequest(
					409,
					`Sequence number ${m.seq} was already used for another change.`
				);
			results.push({
				seq: m.seq,
				id: m.id,
				status: l?.status ?? 'applied',
				reason: l?.reason ?? null
			});
		}
	}

	for (const m of request.mutations.filter((m) => m.seq > lastSeq)) {
		const result = await db.transaction(async (tx) => {
			// Re-read under the transaction: a concurrent push of the same batch must not apply twice.
			const [current] = await tx
				.select({ lastSeq: syncClients.lastSeq })
				.from(syncClients)
				.where(eq(syncClients.id, request.clientId))
				.for('update');
			if (current && current.lastSeq >= m.seq) {
				const [l] = await tx
					.select()
					.from(mutationLog)
					.where(and(eq(mutationLog.clientId, request.clientId), eq(mutationLog.seq, m.seq)));
				// Two requests raced for the same number with different changes: the loser must know.
				if (l && l.id !== m.id)
					throw new BadSyncRequest(
						409,
						`Sequence number ${m.seq} was already used for another change.`
					);
				return { seq: m.seq, id: m.id, status: l?.status ?? 'applied', reason: l?.reason ?? null };
			}
			const version = await nextVersion(tx);
			let status: 'applied' | 'rejected' | 'conflict';
			let reason: string | null = null;
			let caseId: string | null = null;
			try {
				const applied = await tx.transaction((sp) =>
					applyMutation({ tx: sp, actor, version, now, mutationId: m.id }, m.name, m.args)
				);
				status = applied.status;
				caseId = applied.caseId;
				// The audit trail gets its row in the same transaction as the change, so the two
				// commit together or not at all. Chosen over reading the trail from mutation_log:
				// the log also holds refused changes and no reads, and its rows carry what was typed;
				// the trail is one table of who, what and when, reads and changes alike, which
				// outlives a case's retention purge (the log's rows of a purged case go with it).
				await recordAudit(
					tx,
					actor,
					[
						{
							action: 'case.changed',
							caseId,
							detail: { mutation: m.name, mutationId: m.id, status }
						}
					],
					now
				);
				if (status === 'conflict')
					reason = 'Someone else changed the same detail: choose which value to keep.';
			} catch (error) {
				if (!(error instanceof Rejection)) throw error;
				status = 'rejected';
				reason = error.message;
				caseId = caseIdOf(m.args);
			}
			await tx.insert(mutationLog).values({
				id: m.id,
				clientId: request.clientId,
				seq: m.seq,
				userId: actor.id,
				name: m.name,
				args: m.args ?? null,
				caseId,
				status,
				reason,
				receivedAt: now,
				version
			});
			await tx
				.update(syncClients)
				.set({ lastSeq: m.seq })
				.where(eq(syncClients.id, request.clientId));
			return { seq: m.seq, id: m.id, status, reason };
		});
		results.push(result);
	}
	return {
		ackSeq: Math.max(lastSeq, request.mutations[request.mutations.length - 1]!.seq),
		results
	};
}

/** The case a rejected mutation was about, when its arguments name one (for the supervisor's list). */
function caseIdOf(args: unknown): string | null {
	const caseId = (args as { caseId?: unknown } | null)?.caseId;
	return typeof caseId === 'string' && /^[0-9a-f-]{36}$/i.test(caseId) ? caseId : null;
}
