import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LONDON_COURTS, type Actor, type PushedMutation, type SafeContact } from '$lib/domain';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import { setDatabase, type Database, type DatabaseHandle } from '../db';
import * as s from '../db/schema';
import { seedDemoData } from '../seed/seed';
import { push } from '../sync/push';
import { caseNotifications, CaseNotificationsError } from './case-notifications';
import {
	deliverDue,
	startDeliveryWorker,
	MAX_ATTEMPTS,
	NO_LONGER_SIGNS_IN,
	SENDING_TIMEOUT_MS,
	UNKNOWN_OUTCOME
} from './deliver';
import { enqueueHearingNotification } from './enqueue';
import { DevelopmentSender, SendError, type OutgoingMessage, type Sender } from './sender';
import { GET } from '../../../routes/api/cases/[id]/notifications/+server';
import { demoActors } from '../../../test-data/sync-server';

const NOW = new Date('2026-11-23T10:00:00.000Z'); // a Monday, 10:00 in London
const MINUTE = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const ENGLISH = 'You have a new update. Sign in to see it: http://localhost:3000/sign-in';
const POLISH = 'Masz nową wiadomość. Zaloguj się, aby ją zobaczyć: http://localhost:3000/sign-in';
const CROYDON = LONDON_COURTS.find((c) => c.id === 'croydon-crown')!;

let n = 0;
const uuid = () => `0190e000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`;
const mutation = (name: PushedMutation['name'], args: unknown): PushedMutation => ({
	seq: 1,
	id: uuid(),
	name,
	args
});

/** A sender that records what it was given and answers from a script (success by default). */
class ScriptedSender implements Sender {
	readonly name = 'scripted';
	readonly sent: OutgoingMessage[] = [];
	constructor(
		private readonly answer: (m: OutgoingMessage, call: number) => Promise<void> | void = () => {}
	) {}
	async send(m: OutgoingMessage) {
		this.sent.push(m);
		await this.answer(m, this.sent.length);
		return { providerReference: `ref-${m.id}` };
	}
}

describe.each(await storageEngines())('messages to victims on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	let alex: Actor, priya: Actor, sam: Actor, otherSupervisor: Actor, jo: Actor;
	/** Jo (victim@demo.test, who can sign in) and her case, which is Alex's. */
	let joCase: string;
	let joPrefs: SafeContact;
	let joPasswordHash: string | null;
	/** Another of Alex's cases, whose victim has no portal account. */
	let noAccountCase: string;

	const pushOne = (actor: Actor, name: PushedMutation['name'], args: unknown, now = NOW) =>
		push(db(), actor, { clientId: uuid(), mutations: [mutation(name, args)] }, now).then(
			(r) => r.results[0]!
		);
	const hearingArgs = (caseId: string) => ({
		id: uuid(),
		caseId,
		changeId: uuid(),
		courtId: CROYDON.id,
		courtroom: 'Court 3',
		type: 'trial',
		startsAt: '2027-02-01T10:00:00.000Z',
		source: 'witness-care-unit',
		receivedAt: NOW.toISOString()
	});
	/** Lists a new hearing on the case through sync, as a caseworker's device would. */
	const addHearing = async (caseId = joCase, actor = alex, now = NOW) => {
		const args = hearingArgs(caseId);
		const result = await pushOne(actor, 'hearing.add', args, now);
		return { ...args, result };
	};
	const changeHearing = async (hearingId: string, values: Record<string, unknown>) => {
		const [h] = await db().select().from(s.hearings).where(eq(s.hearings.id, hearingId));
		const args = {
			hearingId,
			baseVersion: h!.version,
			changeId: uuid(),
			values,
			reason: 'Listing office called',
			source: 'court-listing',
			receivedAt: NOW.toISOString()
		};
		return { ...args, result: await pushOne(alex, 'hearing.update', args) };
	};
	const notificationsOf = (hearingChangeId: string) =>
		db()
			.select()
			.from(s.victimNotifications)
			.where(eq(s.victimNotifications.hearingChangeId, hearingChangeId));
	const allNotifications = () => db().select().from(s.victimNotifications);
	const notification = async (id: string) =>
		(await db().select().from(s.victimNotifications).where(eq(s.victimNotifications.id, id)))[0]!;
	const setPrefs = (o: Partial<SafeContact>) =>
		db()
			.update(s.victims)
			.set({ safeContact: { ...joPrefs, ...o } })
			.where(eq(s.victims.id, jo.victimId!));
	const setAccount = (
		o: Partial<{ active: boolean; locale: 'en' | 'pl'; passwordHash: string | null }>
	) => db().update(s.users).set(o).where(eq(s.users.id, jo.id));
	/** One queued email to Jo, returned as its row. */
	const queued = async () => {
		const { changeId } = await addHearing();
		const [row] = await notificationsOf(changeId);
		expect(row).toMatchObject({ status: 'pending' });
		return row!;
	};

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await seedDemoData(handle.db, { seed: 3, cases: 24, teams: 2, now: NOW });
		({ alex, priya, sam, otherSupervisor, jo } = await demoActors(handle.db));
		const alexCases = await db()
			.select({ id: s.cases.id, victimId: s.cases.victimId })
			.from(s.cases)
			.where(eq(s.cases.assignedCaseworkerId, alex.id));
		joCase = alexCases.find((c) => c.victimId === jo.victimId)!.id;
		noAccountCase = alexCases.find((c) => c.victimId !== jo.victimId)!.id;
		const [v] = await db().select().from(s.victims).where(eq(s.victims.id, jo.victimId!));
		const [u] = await db().select().from(s.users).where(eq(s.users.id, jo.id));
		joPasswordHash = u!.passwordHash;
		joPrefs = {
			...v!.safeContact,
			preferredChannel: 'email',
			email: 'jo.safe@example.test',
			phone: '07700 900123',
			safeTimes: [],
			neverUse: []
		};
	});
	afterAll(async () => {
		if (run) await handle.close();
	});
	beforeEach(async () => {
		if (!run) return;
		await db().delete(s.victimNotifications);
		await db().delete(s.developmentOutbox);
		await setPrefs({});
		await setAccount({ active: true, locale: 'en', passwordHash: joPasswordHash });
	});

	describe('queued with the hearing change', () => {
		it.runIf(run)(
			'a hearing listed through sync queues exactly one message, which says nothing about the case',
			async () => {
				const { changeId, result } = await addHearing();
				expect(result.status).toBe('applied');
				const rows = await allNotifications();
				expect(rows).toHaveLength(1);
				expect(rows[0]).toMatchObject({
					caseId: joCase,
					hearingChangeId: changeId,
					kind: 'listed',
					channel: 'email',
					recipient: 'jo.safe@example.test',
					status: 'pending',
					attempts: 0,
					body: ENGLISH
				});
				expect(rows[0]!.nextAttemptAt).toEqual(NOW);
				const body = rows[0]!.body.toLowerCase();
				for (const detail of [
					CROYDON.name,
					'croydon',
					'court',
					'trial',
					'hearing',
					'victim care hub',
					'victim',
					'police'
				])
					expect(body).not.toContain(detail.toLowerCase());
			}
		);

		it.runIf(run)('a change to a hearing queues one message of its own', async () => {
			const { id } = await addHearing();
			const changed = await changeHearing(id, { startsAt: '2027-03-01T10:00:00.000Z' });
			expect(changed.result.status).toBe('applied');
			const rows = await notificationsOf(changed.changeId);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ kind: 'changed', body: ENGLISH });
			// The same change arriving again from another device changes nothing and sends nothing more.
			const { hearingId, baseVersion, changeId, values, reason, source, receivedAt } = changed;
			const again = await pushOne(alex, 'hearing.update', {
				hearingId,
				baseVersion,
				changeId,
				values,
				reason,
				source,
				receivedAt
			});
			expect(again.status).not.toBe('conflict');
			expect(await allNotifications()).toHaveLength(2);
		});

		it.runIf(run)(
			'the same change pushed twice, or again from another device, still makes one message',
			async () => {
				const args = hearingArgs(joCase);
				const m = mutation('hearing.add', args);
				const clientId = uuid();
				await push(db(), alex, { clientId, mutations: [m] }, NOW);
				// A retried push: answered from the log.
				await push(db(), alex, { clientId, mutations: [m] }, NOW);
				// The same change from another device: refused, as it is already recorded.
				const again = await pushOne(alex, 'hearing.add', args);
				expect(again).toMatchObject({
					status: 'rejected',
					reason: 'A hearing with this id is already recorded.'
				});
				expect(await notificationsOf(args.changeId)).toHaveLength(1);
			}
		);

		it.runIf(run)('asked twice for one change, the database keeps one message', async () => {
			const { changeId } = await addHearing();
			const [change] = await db()
				.select()
				.from(s.hearingChanges)
				.where(eq(s.hearingChanges.id, changeId));
			await db().transaction(async (tx) => {
				for (let i = 0; i < 2; i++)
					await enqueueHearingNotification(tx, {
						caseId: joCase,
						hearingChangeId: changeId,
						kind: 'listed',
						changes: change!.changes,
						now: NOW
					});
			});
			expect(await allNotifications()).toHaveLength(1);
			// And not only because of the code's care: the unique index refuses a second row.
			const [row] = await allNotifications();
			await expect(
				db()
					.insert(s.victimNotifications)
					.values({ ...row!, id: uuid() })
			).rejects.toThrow();
		});

		it.runIf(run)('a change the rules refuse queues nothing', async () => {
			const { result } = await addHearing(joCase, priya);
			expect(result.status).toBe('rejected');
			expect(await allNotifications()).toHaveLength(0);
		});

		it.runIf(run)('a victim with no portal account is sent nothing', async () => {
			const { result } = await addHearing(noAccountCase);
			expect(result.status).toBe('applied');
			expect(await allNotifications()).toHaveLength(0);
		});

		it.runIf(run)(
			'a victim who cannot sign in — access revoked, or invited but no password yet — is sent nothing',
			async () => {
				await setAccount({ active: false });
				await addHearing();
				await setAccount({ active: true, passwordHash: null });
				await addHearing();
				expect(await allNotifications()).toHaveLength(0);
			}
		);

		it.runIf(run)(
			'a victim who prefers phone calls gets no message, and the caseworker sees why',
			async () => {
				await setPrefs({ preferredChannel: 'phone' });
				const { changeId } = await addHearing();
				const [row] = await notificationsOf(changeId);
				expect(row).toMatchObject({
					channel: 'none',
					recipient: null,
					status: 'not-sent',
					lastError: 'Prefers phone calls: tell them yourself.'
				});
				const sender = new ScriptedSender();
				await deliverDue(db(), sender, at(MINUTE));
				expect(sender.sent).toEqual([]);
			}
		);

		it.runIf(run)('a victim who reads the portal in Polish is written to in Polish', async () => {
			await setAccount({ locale: 'pl' });
			const { changeId } = await addHearing();
			const [row] = await notificationsOf(changeId);
			expect(row!.body).toBe(POLISH);
		});

		it.runIf(run)(
			'a note of how a hearing went (completed) is not news to send: the caseworker tells them',
			async () => {
				const { id } = await addHearing();
				await db().delete(s.victimNotifications);
				const done = await changeHearing(id, { state: 'completed' });
				expect(done.result.status).toBe('applied');
				expect(await allNotifications()).toHaveLength(0);
			}
		);

		it.runIf(run)('a text to a victim with safe times waits for the next one', async () => {
			// Monday 10:00 is outside 17:30–20:00.
			await setPrefs({
				preferredChannel: 'sms',
				safeTimes: [{ days: ['mon', 'wed'], from: '17:30', to: '20:00' }]
			});
			const { changeId } = await addHearing();
			const [row] = await notificationsOf(changeId);
			expect(row).toMatchObject({ channel: 'sms', recipient: '07700 900123', status: 'pending' });
			expect(row!.nextAttemptAt).toEqual(new Date('2026-11-23T17:30:00.000Z'));
			const sender = new ScriptedSender();
			await deliverDue(db(), sender, at(60 * MINUTE));
			expect(sender.sent).toEqual([]);
			await deliverDue(db(), sender, new Date('2026-11-23T17:30:00.000Z'));
			expect(sender.sent.map((m) => m.id)).toEqual([row!.id]);
		});
	});

	describe('delivered at most once', () => {
		it.runIf(run)('sends a due message once and records the provider’s reference', async () => {
			const row = await queued();
			const sender = new ScriptedSender();
			const report = await deliverDue(db(), sender, NOW);
			expect(report).toMatchObject({ claimed: 1, sent: 1 });
			expect(sender.sent).toEqual([
				{ id: row.id, channel: 'email', recipient: 'jo.safe@example.test', body: ENGLISH }
			]);
			const sent = await notification(row.id);
			expect(sent).toMatchObject({
				status: 'sent',
				attempts: 1,
				providerReference: `ref-${row.id}`,
				lastError: null
			});
			expect(sent.sentAt!.getTime()).toBeGreaterThanOrEqual(NOW.getTime());
			await deliverDue(db(), sender, at(60 * MINUTE));
			await deliverDue(db(), sender, at(24 * 60 * MINUTE));
			expect(sender.sent).toHaveLength(1);
		});

		it.runIf(run)(
			'retries a temporary failure after 1, 5 and 30 minutes and 2 hours, then gives up after the 5th try',
			async () => {
				const row = await queued();
				const sender = new ScriptedSender(() => {
					throw new SendError('temporary', 'GOV.UK Notify answered 500: Internal server error');
				});
				let t = NOW.getTime();
				const waits = [];
				for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
					// Not due a moment before its time.
					await deliverDue(db(), sender, new Date(t - 1));
					expect(sender.sent).toHaveLength(attempt - 1);
					await deliverDue(db(), sender, new Date(t));
					expect(sender.sent).toHaveLength(attempt);
					const after = await notification(row.id);
					expect(after.attempts).toBe(attempt);
					if (attempt < MAX_ATTEMPTS) {
						expect(after).toMatchObject({
							status: 'pending',
							lastError: 'GOV.UK Notify answered 500: Internal server error'
						});
						waits.push((after.nextAttemptAt!.getTime() - t) / MINUTE);
						t = after.nextAttemptAt!.getTime();
					} else
						expect(after).toMatchObject({
							status: 'failed',
							lastError: 'Gave up after 5 tries. GOV.UK Notify answered 500: Internal server error'
						});
				}
				expect(waits.map(Math.round)).toEqual([1, 5, 30, 120]);
				await deliverDue(db(), sender, new Date(t + 24 * 60 * MINUTE));
				expect(sender.sent).toHaveLength(MAX_ATTEMPTS);
			}
		);

		it.runIf(run)(
			'a temporary failure then a success is sent once more, and only once',
			async () => {
				const row = await queued();
				const sender = new ScriptedSender((_, call) => {
					if (call === 1) throw new SendError('temporary', 'Rate limited');
				});
				await deliverDue(db(), sender, NOW);
				await deliverDue(db(), sender, at(MINUTE));
				await deliverDue(db(), sender, at(60 * MINUTE));
				expect(sender.sent.map((m) => m.id)).toEqual([row.id, row.id]);
				expect(await notification(row.id)).toMatchObject({ status: 'sent', attempts: 2 });
			}
		);

		it.runIf(run)('a permanent failure fails at once, with the reason', async () => {
			const row = await queued();
			const sender = new ScriptedSender(() => {
				throw new SendError('permanent', 'GOV.UK Notify answered 400: Not a valid email address');
			});
			const report = await deliverDue(db(), sender, NOW);
			expect(report).toMatchObject({ failed: 1, retrying: 0 });
			expect(await notification(row.id)).toMatchObject({
				status: 'failed',
				attempts: 1,
				lastError: 'GOV.UK Notify answered 400: Not a valid email address'
			});
			await deliverDue(db(), sender, at(3 * 60 * MINUTE));
			expect(sender.sent).toHaveLength(1);
		});

		it.runIf(run)(
			'a send that may have been delivered (the connection broke, or the sender threw something else) is never retried',
			async () => {
				const first = await queued();
				const second = await queued();
				const sender = new ScriptedSender((m) => {
					if (m.id === first.id)
						throw new SendError('unknown', 'The connection to GOV.UK Notify broke (ECONNRESET).');
					throw new Error('boom');
				});
				await deliverDue(db(), sender, NOW);
				expect(await notification(first.id)).toMatchObject({
					status: 'failed',
					lastError: `${UNKNOWN_OUTCOME} (The connection to GOV.UK Notify broke (ECONNRESET).)`
				});
				expect(await notification(second.id)).toMatchObject({
					status: 'failed',
					lastError: `${UNKNOWN_OUTCOME} (boom)`
				});
				await deliverDue(db(), sender, at(3 * 60 * MINUTE));
				expect(sender.sent).toHaveLength(2);
			}
		);

		it.runIf(run)(
			'a message left sending (the server stopped mid-send) is not sent again, and after 10 minutes says so',
			async () => {
				const row = await queued();
				// What a crash between the claim and the result leaves behind.
				await db()
					.update(s.victimNotifications)
					.set({ status: 'sending', attempts: 1, claimedAt: NOW })
					.where(eq(s.victimNotifications.id, row.id));
				const sender = new ScriptedSender();
				await deliverDue(db(), sender, at(SENDING_TIMEOUT_MS - 1));
				expect(await notification(row.id)).toMatchObject({ status: 'sending' });
				const report = await deliverDue(db(), sender, at(SENDING_TIMEOUT_MS + 1));
				expect(report.abandoned).toBe(1);
				expect(await notification(row.id)).toMatchObject({
					status: 'failed',
					lastError: `${UNKNOWN_OUTCOME} (Sending was interrupted.)`
				});
				await deliverDue(db(), sender, at(24 * 60 * MINUTE));
				expect(sender.sent).toEqual([]);
			}
		);

		it.runIf(run)(
			'goes by the victim’s preferences when it is sent: a new address, a switch to calls, access revoked',
			async () => {
				const moved = await queued();
				await setPrefs({ email: 'jo.new@example.test' });
				const sender = new ScriptedSender();
				await deliverDue(db(), sender, NOW);
				expect(sender.sent.map((m) => m.recipient)).toEqual(['jo.new@example.test']);
				expect(await notification(moved.id)).toMatchObject({
					status: 'sent',
					recipient: 'jo.new@example.test'
				});

				await setPrefs({});
				const toCall = await queued();
				await setPrefs({ preferredChannel: 'phone' });
				await deliverDue(db(), sender, NOW);
				expect(await notification(toCall.id)).toMatchObject({
					status: 'not-sent',
					lastError: 'Prefers phone calls: tell them yourself.'
				});

				await setPrefs({});
				const revoked = await queued();
				await setAccount({ active: false });
				await deliverDue(db(), sender, NOW);
				expect(await notification(revoked.id)).toMatchObject({
					status: 'not-sent',
					lastError: NO_LONGER_SIGNS_IN
				});
				expect(sender.sent).toHaveLength(1);
			}
		);

		it.runIf(run)(
			'the background worker delivers what is due; a failing poll is logged and the next one tries again',
			async () => {
				const row = await queued();
				// Due by the real clock, which the background worker uses.
				await db()
					.update(s.victimNotifications)
					.set({ nextAttemptAt: new Date(0) })
					.where(eq(s.victimNotifications.id, row.id));
				const sender = new ScriptedSender();
				const worker = startDeliveryWorker({ db: db(), sender, pollMs: 10 });
				try {
					await vi.waitFor(async () => expect((await notification(row.id)).status).toBe('sent'), {
						timeout: 10_000
					});
				} finally {
					await worker.stop();
				}
				expect(sender.sent).toHaveLength(1);

				let polls = 0;
				const logged: unknown[][] = [];
				const unavailable = {
					update: () => {
						polls++;
						throw new Error('The database is not answering');
					}
				} as unknown as Database;
				const failing = startDeliveryWorker({
					db: unavailable,
					sender,
					pollMs: 10,
					log: { error: (...args: unknown[]) => logged.push(args) }
				});
				try {
					await vi.waitFor(() => expect(polls).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
				} finally {
					await failing.stop();
				}
				expect(logged[0]).toEqual([
					'Delivering messages to victims failed; the next poll will try again.',
					new Error('The database is not answering')
				]);
			}
		);

		it.runIf(run)('several workers at once send each message exactly once', async () => {
			const ids = [];
			for (let i = 0; i < 12; i++) ids.push((await queued()).id);
			// Slow sends, so the workers' claims and sends overlap.
			const sender = new ScriptedSender(() => new Promise((r) => setTimeout(r, 15)));
			const worker = async () => {
				for (;;) {
					const report = await deliverDue(db(), sender, NOW, { limit: 2 });
					if (report.claimed === 0) return;
				}
			};
			await Promise.all([worker(), worker(), worker(), worker()]);
			expect(sender.sent.map((m) => m.id).sort()).toEqual([...ids].sort());
			const rows = await allNotifications();
			expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
		});

		it.runIf(run)('the development sender writes each message to the outbox once', async () => {
			const row = await queued();
			const sender = new DevelopmentSender(db(), () => NOW);
			await deliverDue(db(), sender, NOW);
			const outbox = await db().select().from(s.developmentOutbox);
			expect(outbox).toEqual([
				{
					id: row.id,
					channel: 'email',
					recipient: 'jo.safe@example.test',
					body: ENGLISH,
					createdAt: NOW
				}
			]);
			// Even if asked again, the notification's id keeps it to one row.
			await sender.send({ id: row.id, channel: 'email', recipient: 'x@example.test', body: 'x' });
			expect(await db().select().from(s.developmentOutbox)).toHaveLength(1);
			expect(await notification(row.id)).toMatchObject({
				status: 'sent',
				providerReference: `outbox:${row.id}`
			});
		});
	});

	describe('seen by the caseworker', () => {
		it.runIf(run)(
			'lists the case’s messages newest first, with what each was about, for its caseworker and the team’s supervisor',
			async () => {
				await setPrefs({ preferredChannel: 'phone' });
				const { id } = await addHearing();
				await setPrefs({});
				await changeHearing(id, { startsAt: '2027-03-01T10:00:00.000Z' });
				await db()
					.update(s.victimNotifications)
					.set({ createdAt: at(MINUTE) })
					.where(eq(s.victimNotifications.kind, 'changed'));
				const list = await caseNotifications(db(), alex, joCase);
				expect(list.map((l) => [l.kind, l.status, l.hearing])).toEqual([
					['changed', 'pending', 'Trial: date and time to Mon 1 Mar 2027, 10:00am'],
					['listed', 'not-sent', 'Trial listed for Mon 1 Feb 2027, 10:00am']
				]);
				expect(list[1]!.lastError).toBe('Prefers phone calls: tell them yourself.');
				expect(await caseNotifications(db(), sam, joCase)).toEqual(list);
			}
		);

		it.runIf(run)(
			'refuses another caseworker, another team’s supervisor and an unknown case',
			async () => {
				await expect(caseNotifications(db(), priya, joCase)).rejects.toMatchObject({
					status: 403,
					message:
						'This case is not assigned to you, so you cannot see the messages sent to its victim.'
				});
				await expect(caseNotifications(db(), otherSupervisor, joCase)).rejects.toMatchObject({
					status: 403
				});
				await expect(caseNotifications(db(), jo, joCase)).rejects.toBeInstanceOf(
					CaseNotificationsError
				);
				await expect(caseNotifications(db(), alex, uuid())).rejects.toMatchObject({ status: 404 });
				await expect(caseNotifications(db(), alex, 'not-a-case')).rejects.toMatchObject({
					status: 404
				});
			}
		);

		it.runIf(run)(
			'the endpoint answers from the session, never cached, and refuses with the reason',
			async () => {
				setDatabase(handle);
				await addHearing();
				const call = async (actor: Actor, id: string) => {
					const [u] = await db().select().from(s.users).where(eq(s.users.id, actor.id));
					const event = { locals: { user: u }, params: { id } } as unknown as Parameters<
						typeof GET
					>[0];
					return GET(event);
				};
				const ok = await call(alex, joCase);
				expect(ok.status).toBe(200);
				expect(ok.headers.get('cache-control')).toBe('no-store');
				const body = (await ok.json()) as { notifications: unknown[]; developmentOutbox: boolean };
				expect(body.notifications).toHaveLength(1);
				expect(body.developmentOutbox).toBe(true);

				const refused = await call(priya, joCase);
				expect(refused.status).toBe(403);
				expect(refused.headers.get('cache-control')).toBe('no-store');
				expect(((await refused.json()) as { message: string }).message).toMatch(/not assigned/);
				expect((await call(alex, uuid())).status).toBe(404);
			}
		);
	});

	it.runIf(run)(
		'only Jo can sign in among the victims (a precondition of these tests)',
		async () => {
			const others = await db()
				.select()
				.from(s.users)
				.where(and(eq(s.users.role, 'victim'), ne(s.users.id, jo.id)));
			expect(others).toEqual([]);
		}
	);
});
