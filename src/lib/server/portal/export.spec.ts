import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Actor } from '$lib/domain';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import type { Database, DatabaseHandle } from '../db';
import * as s from '../db/schema';
import { seedDemoData } from '../seed/seed';
import { victimExport, type VictimExport } from './export';

const NOW = new Date('2026-11-21T10:00:00.000Z');

/** Words staff wrote for staff, planted in every internal field: none may reach the file. */
const INTERNAL = {
	safetyNotes: 'INTERNAL-safety-note',
	address: '1 Hidden Refuge Road',
	contactSummary: 'INTERNAL-contact-summary',
	referralNotes: 'INTERNAL-referral-note',
	evidence: 'INTERNAL-rights-evidence',
	enhancedReason: 'INTERNAL-enhanced-reason',
	assignmentReason: 'INTERNAL-assignment-reason',
	notificationError: 'INTERNAL-send-error',
	crimeReference: 'CRIS-INTERNAL-0001'
};

async function actorFor(db: Database, email: string): Promise<Actor> {
	const [u] = await db.select().from(s.users).where(eq(s.users.email, email));
	return { id: u!.id, role: u!.role, teamId: u!.teamId, victimId: u!.victimId };
}

describe.each(await storageEngines())(
	"a victim's copy of their information on $kind",
	({ kind, run }) => {
		let handle: DatabaseHandle;
		const db = () => handle.db;
		let jo: Actor, alex: Actor;
		let joCase: string;
		let file: VictimExport;

		beforeAll(async () => {
			if (!run) return;
			handle = await freshDatabase(kind);
			await seedDemoData(handle.db, { seed: 5, cases: 24, teams: 1, now: NOW });
			jo = await actorFor(db(), 'victim@demo.test');
			alex = await actorFor(db(), 'caseworker@demo.test');
			[{ id: joCase }] = (await db()
				.select({ id: s.cases.id })
				.from(s.cases)
				.where(eq(s.cases.victimId, jo.victimId!))) as [{ id: string }];
			const [victim] = await db().select().from(s.victims).where(eq(s.victims.id, jo.victimId!));
			await db()
				.update(s.victims)
				.set({
					address: INTERNAL.address,
					confidentialAddress: true,
					safeContact: { ...victim!.safeContact, notes: INTERNAL.safetyNotes },
					enhancedRights: [
						{
							group: 'vulnerable',
							reason: INTERNAL.enhancedReason,
							appliesFrom: '2026-01-01T00:00:00.000Z',
							recordedBy: alex.id
						}
					] as never
				})
				.where(eq(s.victims.id, jo.victimId!));
			await db()
				.update(s.cases)
				.set({ crimeReference: INTERNAL.crimeReference })
				.where(eq(s.cases.id, joCase));
			await db()
				.update(s.contacts)
				.set({ summary: INTERNAL.contactSummary })
				.where(eq(s.contacts.caseId, joCase));
			await db()
				.update(s.referrals)
				.set({ notes: INTERNAL.referralNotes })
				.where(eq(s.referrals.caseId, joCase));
			await db()
				.update(s.rightsRecords)
				.set({ evidence: INTERNAL.evidence })
				.where(eq(s.rightsRecords.caseId, joCase));
			await db()
				.insert(s.caseAssignments)
				.values({
					id: newId(),
					caseId: joCase,
					caseworkerId: alex.id,
					assignedAt: new Date('2026-11-01T00:00:00.000Z'),
					assignedBy: alex.id,
					reason: INTERNAL.assignmentReason
				});
			const [change] = await db()
				.select({ id: s.hearingChanges.id })
				.from(s.hearingChanges)
				.where(eq(s.hearingChanges.caseId, joCase))
				.limit(1);
			await db().insert(s.victimNotifications).values({
				id: newId(),
				caseId: joCase,
				hearingChangeId: change!.id,
				kind: 'changed',
				channel: 'email',
				recipient: 'jo@example.test',
				body: 'Your trial has moved. Sign in to see the new date.',
				status: 'failed',
				attempts: 3,
				lastError: INTERNAL.notificationError,
				createdAt: NOW
			});
			file = (await victimExport(db(), { id: jo.id, role: 'victim', victimId: jo.victimId }, NOW))!;
		});
		afterAll(async () => {
			if (run) await handle.close();
		});

		it.runIf(run)('holds their details and their case', async () => {
			const [victim] = await db().select().from(s.victims).where(eq(s.victims.id, jo.victimId!));
			expect(file.you).toMatchObject({
				givenName: victim!.givenName,
				familyName: victim!.familyName,
				dateOfBirth: victim!.dateOfBirth
			});
			expect(file.cases.map((c) => c.id)).toEqual([joCase]);
			expect(file.account?.email).toBe('victim@demo.test');
		});

		it.runIf(run)('holds every hearing with every change to it and the reason given', async () => {
			const changes = await db()
				.select()
				.from(s.hearingChanges)
				.where(eq(s.hearingChanges.caseId, joCase));
			const exported = file.cases[0]!.hearings.flatMap((h) => h.changes);
			expect(exported.map((c) => c.id).sort()).toEqual(changes.map((c) => c.id).sort());
			for (const c of changes) expect(exported.find((e) => e.id === c.id)!.reason).toBe(c.reason);
		});

		it.runIf(run)(
			'holds the dates and kinds of contacts, referrals, rights and messages',
			async () => {
				const contacts = await db().select().from(s.contacts).where(eq(s.contacts.caseId, joCase));
				const exportedCase = file.cases[0]!;
				expect(exportedCase.contacts).toHaveLength(contacts.length);
				expect(Object.keys(exportedCase.contacts[0]!).sort()).toEqual([
					'channel',
					'direction',
					'occurredAt',
					'outcome'
				]);
				const referrals = await db()
					.select()
					.from(s.referrals)
					.where(and(eq(s.referrals.caseId, joCase), eq(s.referrals.deleted, false)));
				expect(exportedCase.referrals).toHaveLength(referrals.length);
				const rights = await db()
					.select()
					.from(s.rightsRecords)
					.where(eq(s.rightsRecords.caseId, joCase));
				expect(exportedCase.rights).toHaveLength(rights.length);
				expect(exportedCase.messages).toEqual([
					expect.objectContaining({
						text: 'Your trial has moved. Sign in to see the new date.',
						status: 'failed'
					})
				]);
			}
		);

		it.runIf(run)(
			'leaves out internal notes, safety notes, the crime reference and a confidential address',
			() => {
				const text = JSON.stringify(file);
				for (const [what, value] of Object.entries(INTERNAL))
					expect(text.includes(value), `${what} must not be in the file`).toBe(false);
				expect(file.you.address).toBeNull();
				expect(file.you.contactPreferences).not.toHaveProperty('notes');
			}
		);

		it.runIf(run)('includes an address that is not confidential: it is theirs', async () => {
			await db()
				.update(s.victims)
				.set({ confidentialAddress: false })
				.where(eq(s.victims.id, jo.victimId!));
			const again = await victimExport(
				db(),
				{ id: jo.id, role: 'victim', victimId: jo.victimId },
				NOW
			);
			expect(again!.you.address).toBe(INTERNAL.address);
			await db()
				.update(s.victims)
				.set({ confidentialAddress: true })
				.where(eq(s.victims.id, jo.victimId!));
		});

		it.runIf(run)("holds nobody else's case", async () => {
			const others = await db()
				.select({ id: s.cases.id })
				.from(s.cases)
				.where(ne(s.cases.victimId, jo.victimId!));
			const text = JSON.stringify(file);
			expect(others.length).toBeGreaterThan(0);
			for (const o of others) expect(text).not.toContain(o.id);
		});

		it.runIf(run)('is recorded in the audit trail of the case', async () => {
			const rows = await db()
				.select()
				.from(s.auditEvents)
				.where(and(eq(s.auditEvents.caseId, joCase), eq(s.auditEvents.action, 'case.exported')));
			expect(rows.some((r) => r.actorUserId === jo.id && r.actorRole === 'victim')).toBe(true);
		});

		it.runIf(run)('is nothing for a member of staff', async () => {
			expect(
				await victimExport(db(), { id: alex.id, role: 'caseworker', victimId: null })
			).toBeNull();
		});
	}
);
