import { and, asc, eq, lt, lte } from 'drizzle-orm';
import { nextSafeMoment } from '$lib/domain';
import type { Database } from '../db';
import { victimNotifications } from '../db/schema';
import { addresseesOf, planFor } from './enqueue';
import { SendError, type OutgoingMessage, type Sender } from './sender';

/**
 * Delivers queued messages to victims, at most once each. Any number of app servers may run it
 * over one PostgreSQL:
 *
 * 1. A message left `sending` for `SENDING_TIMEOUT_MS` (the server stopped mid-send) is marked
 *    failed, never sent again: it may have gone. A person checks with the victim.
 * 2. Due messages are claimed in one short transaction (`FOR UPDATE SKIP LOCKED`, so two servers
 *    never claim the same one), checked against the victim's preferences as they are now, and
 *    marked `sending` with the attempt counted. The claim commits before anything is sent.
 * 3. Each is sent outside any transaction, then marked sent, put back for a retry (temporary
 *    failures, with backoff), or failed with the reason.
 *
 * A message is only ever sent from `sending`, and only the worker that moved it there sends it;
 * nothing moves a message from `sending` back to `pending` except that worker after a failure the
 * provider reported (so it was not delivered). Hence at most once per message, and the unique index
 * makes one message per hearing change.
 */

/** Waits after tries 1–4; the 5th failure gives up. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** Far longer than any send may take (the Notify sender gives up after 30 seconds). */
export const SENDING_TIMEOUT_MS = 10 * 60_000;
export const UNKNOWN_OUTCOME = 'Not known whether it was delivered: check with the victim.';
export const NO_LONGER_SIGNS_IN =
	'They can no longer sign in to see it (portal access was revoked): tell them yourself.';

export type DeliveryReport = {
	/** Messages claimed and handed to the sender. */
	claimed: number;
	sent: number;
	retrying: number;
	failed: number;
	notSent: number;
	/** Moved on to the victim's next safe time. */
	waiting: number;
	/** Found `sending` too long and given up. */
	abandoned: number;
};

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function deliverDue(
	db: Database,
	sender: Sender,
	now: Date = new Date(),
	options: { limit?: number } = {}
): Promise<DeliveryReport> {
	const report: DeliveryReport = {
		claimed: 0,
		sent: 0,
		retrying: 0,
		failed: 0,
		notSent: 0,
		waiting: 0,
		abandoned: 0
	};
	const abandoned = await db
		.update(victimNotifications)
		.set({ status: 'failed', lastError: `${UNKNOWN_OUTCOME} (Sending was interrupted.)` })
		.where(
			and(
				eq(victimNotifications.status, 'sending'),
				lt(victimNotifications.claimedAt, new Date(now.getTime() - SENDING_TIMEOUT_MS))
			)
		)
		.returning({ id: victimNotifications.id });
	report.abandoned = abandoned.length;

	const claimed = await claimDue(db, now, options.limit ?? 20, report);
	report.claimed = claimed.length;
	// `now` moved on by the time actually spent, so a batch of slow sends keeps honest times.
	const started = performance.now();
	const clock = () => new Date(now.getTime() + Math.round(performance.now() - started));
	for (const message of claimed) {
		const { attempts, ...outgoing } = message;
		// Restart the 10-minute clock as this send starts (the batch's earlier sends took time),
		// and skip it if another server has meanwhile given it up as interrupted.
		const [stillOurs] = await db
			.update(victimNotifications)
			.set({ claimedAt: clock() })
			.where(and(eq(victimNotifications.id, message.id), eq(victimNotifications.status, 'sending')))
			.returning({ id: victimNotifications.id });
		if (!stillOurs) continue;
		let outcome: { providerReference: string | null } | SendError;
		try {
			outcome = await sender.send(outgoing);
		} catch (thrown) {
			// A sender that throws anything else has not said the message was not delivered.
			outcome = thrown instanceof SendError ? thrown : new SendError('unknown', describe(thrown));
		}
		const mine = and(
			eq(victimNotifications.id, message.id),
			eq(victimNotifications.status, 'sending')
		);
		if (!(outcome instanceof SendError)) {
			await db
				.update(victimNotifications)
				.set({
					status: 'sent',
					sentAt: clock(),
					providerReference: outcome.providerReference,
					lastError: null
				})
				.where(mine);
			report.sent++;
			continue;
		}
		const retry = outcome.failure === 'temporary' && attempts < MAX_ATTEMPTS;
		const lastError =
			outcome.failure === 'unknown'
				? `${UNKNOWN_OUTCOME} (${outcome.message})`
				: outcome.failure === 'temporary' && !retry
					? `Gave up after ${attempts} tries. ${outcome.message}`
					: outcome.message;
		await db
			.update(victimNotifications)
			.set(
				retry
					? {
							status: 'pending',
							lastError,
							nextAttemptAt: new Date(clock().getTime() + RETRY_DELAYS_MS[attempts - 1]!)
						}
					: { status: 'failed', lastError }
			)
			.where(mine);
		if (retry) report.retrying++;
		else report.failed++;
	}
	return report;
}

type Claimed = OutgoingMessage & { attempts: number };

/**
 * Claims up to `limit` due messages for this worker. The victim's preferences and account are read
 * again here, as they may have changed since the message was queued: a victim who now prefers a
 * call, or whose access was revoked, is not messaged; a new address or number is used; a text
 * waits for their next safe time.
 */
async function claimDue(
	db: Database,
	now: Date,
	limit: number,
	report: DeliveryReport
): Promise<Claimed[]> {
	return db.transaction(async (tx) => {
		const due = await tx
			.select()
			.from(victimNotifications)
			.where(
				and(eq(victimNotifications.status, 'pending'), lte(victimNotifications.nextAttemptAt, now))
			)
			.orderBy(asc(victimNotifications.nextAttemptAt), asc(victimNotifications.id))
			.limit(limit)
			.for('update', { skipLocked: true });
		if (due.length === 0) return [];
		const addressees = await addresseesOf(tx, [...new Set(due.map((n) => n.caseId))]);
		const claimed: Claimed[] = [];
		for (const n of due) {
			const addressee = addressees.get(n.caseId);
			const plan = addressee ? planFor(addressee) : null;
			if (!plan || plan.channel === 'none') {
				await tx
					.update(victimNotifications)
					.set({ status: 'not-sent', lastError: plan?.reason ?? NO_LONGER_SIGNS_IN })
					.where(eq(victimNotifications.id, n.id));
				report.notSent++;
				continue;
			}
			const safeFrom =
				plan.channel === 'sms' ? nextSafeMoment(addressee!.safeContact!.safeTimes, now) : now;
			if (safeFrom > now) {
				await tx
					.update(victimNotifications)
					.set({ channel: plan.channel, recipient: plan.recipient, nextAttemptAt: safeFrom })
					.where(eq(victimNotifications.id, n.id));
				report.waiting++;
				continue;
			}
			const attempts = n.attempts + 1;
			await tx
				.update(victimNotifications)
				.set({
					status: 'sending',
					channel: plan.channel,
					recipient: plan.recipient,
					attempts,
					claimedAt: now
				})
				.where(eq(victimNotifications.id, n.id));
			claimed.push({
				id: n.id,
				channel: plan.channel,
				recipient: plan.recipient,
				body: n.body,
				attempts
			});
		}
		return claimed;
	});
}

export type DeliveryWorker = { stop: () => Promise<void> };

/**
 * Polls `deliverDue` every `pollMs` until stopped. Polls never overlap (the next is scheduled when
 * one ends); the timer is unref'd so it never keeps the process alive; a failing poll is logged and
 * the next one tries again. `stop` waits for a poll in progress, so no send is cut off half-way by
 * the database closing.
 */
export function startDeliveryWorker(o: {
	db: Database;
	sender: Sender;
	pollMs: number;
	log?: Pick<Console, 'error'>;
}): DeliveryWorker {
	const log = o.log ?? console;
	const BATCH = 20;
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> | undefined;

	const poll = async () => {
		try {
			// Keep going while full batches come back, within reason, then wait for the next poll.
			for (let i = 0; i < 10 && !stopped; i++) {
				const report = await deliverDue(o.db, o.sender, new Date(), { limit: BATCH });
				if (report.claimed + report.notSent + report.waiting < BATCH) break;
			}
		} catch (error) {
			log.error('Delivering messages to victims failed; the next poll will try again.', error);
		}
	};
	const schedule = (ms: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			running = poll().finally(() => {
				running = undefined;
				schedule(o.pollMs);
			});
		}, ms);
		timer.unref();
	};
	schedule(Math.min(o.pollMs, 1_000));
	return {
		stop: async () => {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
