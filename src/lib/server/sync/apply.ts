import { and, eq, gt } from 'drizzle-orm';
import {
	Contact,
	Hearing,
	HEARING_FIELDS,
	MUTATION_ARGS,
	newId,
	referralMoveRefusal,
	workRefusal,
	type Actor,
	type FieldChange,
	type HearingField,
	type MoveReferralArgs,
	type MutationName,
	type RecordContactArgs,
	type ResolveConflictArgs,
	type UpdateHearingArgs,
	type UpdateVictimArgs,
	type VictimField,
	type VictimFieldChange,
	type VictimShape,
	sameValue,
	Victim,
	VICTIM_FIELD_LABELS,
	VICTIM_FIELDS,
	VICTIM_SELF_SERVICE_FIELDS,
	victimFieldValue,
	withVictimField
} from '$lib/domain';
import type { Database } from '../db';
import {
	cases,
	conflicts,
	contacts,
	hearingChanges,
	hearings,
	referrals,
	victimChanges,
	victims
} from '../db/schema';
import { Rejection } from './errors';

export type Applied = { status: 'applied' | 'conflict'; caseId: string };
type Ctx = { tx: Database; actor: Actor; version: number; now: Date; mutationId: string };

/** Applies one mutation inside the caller's transaction, or throws a `Rejection` saying why not. */
export async function applyMutation(
	ctx: Ctx,
	name: MutationName,
	rawArgs: unknown
): Promise<Applied> {
	const parsed = MUTATION_ARGS[name].safeParse(rawArgs);
	if (!parsed.success) {
		const first = parsed.error.issues[0];
		throw new Rejection(
			`The change could not be read: ${first?.path.join('.') || 'args'}: ${first?.message}`
		);
	}
	switch (name) {
		case 'contact.record':
			return recordContact(ctx, parsed.data as RecordContactArgs);
		case 'hearing.update':
			return updateHearing(ctx, parsed.data as UpdateHearingArgs);
		case 'victim.update':
			return updateVictim(ctx, parsed.data as UpdateVictimArgs);
		case 'referral.move':
			return moveReferral(ctx, parsed.data as MoveReferralArgs);
		case 'conflict.resolve':
			return resolveConflict(ctx, parsed.data as ResolveConflictArgs);
	}
}

/** What the policies need to know about a case, or undefined when there is no such case. */
async function caseAccess(ctx: Ctx, caseId: string) {
	const [c] = await ctx.tx
		.select({
			id: cases.id,
			assignedCaseworkerId: cases.assignedCaseworkerId,
			teamId: cases.teamId,
			victimId: cases.victimId
		})
		.from(cases)
		.where(eq(cases.id, caseId))
		.limit(1);
	return c;
}

/** Keeps both values of a field changed in two places, for a person to choose between. */
async function recordConflict(
	ctx: Ctx,
	c: {
		caseId: string;
		entity: 'hearing' | 'victim';
		entityId: string;
		field: string;
		serverValue: unknown;
		clientValue: unknown;
		serverChange: { recordedBy: string; recordedAt: Date };
		clientChangedAt: Date;
	}
) {
	await ctx.tx.insert(conflicts).values({
		id: newId(),
		version: ctx.version,
		caseId: c.caseId,
		entity: c.entity,
		entityId: c.entityId,
		field: c.field,
		serverValue: c.serverValue,
		clientValue: c.clientValue,
		serverChangedBy: c.serverChange.recordedBy,
		serverChangedAt: c.serverChange.recordedAt,
		clientChangedBy: ctx.actor.id,
		clientChangedAt: c.clientChangedAt,
		mutationId: ctx.mutationId,
		createdAt: ctx.now
	});
}

async function caseForWork(ctx: Ctx, caseId: string) {
	const c = await caseAccess(ctx, caseId);
	if (!c) throw new Rejection('The case does not exist.');
	const refusal = workRefusal(ctx.actor, c);
	if (refusal) throw new Rejection(refusal);
	return c;
}

async function recordContact(ctx: Ctx, a: RecordContactArgs): Promise<Applied> {
	await caseForWork(ctx, a.caseId);
	const [existing] = await ctx.tx
		.select({ id: contacts.id })
		.from(contacts)
		.where(eq(contacts.id, a.id))
		.limit(1);
	if (existing) throw new Rejection('A contact with this id is already recorded.');
	if (a.amendsContactId) {
		const [amended] = await ctx.tx
			.select({ caseId: contacts.caseId })
			.from(contacts)
			.where(eq(contacts.id, a.amendsContactId))
			.limit(1);
		if (!amended || amended.caseId !== a.caseId)
			throw new Rejection('The contact being corrected is not on this case.');
	}
	const contact = Contact.parse({ ...a, recordedBy: ctx.actor.id });
	await ctx.tx.insert(contacts).values({
		...contact,
		occurredAt: new Date(contact.occurredAt),
		recordedAt: new Date(contact.recordedAt),
		version: ctx.version
	});
	return { status: 'applied', caseId: a.caseId };
}

const hearingValue = (h: typeof hearings.$inferSelect, field: HearingField): string | null => {
	const v = h[field];
	return v instanceof Date ? v.toISOString() : (v ?? null);
};

async function updateHearing(ctx: Ctx, a: UpdateHearingArgs): Promise<Applied> {
	const [hearing] = await ctx.tx
		.select()
		.from(hearings)
		.where(eq(hearings.id, a.hearingId))
		.limit(1);
	if (!hearing) throw new Rejection('The hearing does not exist.');
	await caseForWork(ctx, hearing.caseId);
	if (a.baseVersion > hearing.version)
		throw new Rejection(
			'The change was made against a version of the hearing the server never had.'
		);

	// Fields another change has touched since the version this one was made against.
	const since = await ctx.tx
		.select()
		.from(hearingChanges)
		.where(
			and(eq(hearingChanges.hearingId, a.hearingId), gt(hearingChanges.version, a.baseVersion))
		);
	const changedSince = new Map<HearingField, (typeof since)[number]>();
	for (const c of since) for (const f of c.changes) changedSince.set(f.field, c);

	const applied: FieldChange[] = [];
	let conflicted = 0;
	for (const field of HEARING_FIELDS) {
		if (!(field in a.values)) continue;
		const to = (a.values as Record<string, string | null>)[field] ?? null;
		const current = hearingValue(hearing, field);
		if (current === to) continue;
		const other = changedSince.get(field);
		if (other) {
			conflicted++;
			await recordConflict(ctx, {
				caseId: hearing.caseId,
				entity: 'hearing',
				entityId: hearing.id,
				field,
				serverValue: current,
				clientValue: to,
				serverChange: other,
				clientChangedAt: new Date(a.receivedAt)
			});
		} else applied.push({ field, from: current, to });
	}
	if (applied.length > 0)
		await writeHearingChange(
			ctx,
			hearing,
			applied,
			a.changeId,
			a.reason,
			a.source,
			new Date(a.receivedAt)
		);
	return { status: conflicted > 0 ? 'conflict' : 'applied', caseId: hearing.caseId };
}

async function writeHearingChange(
	ctx: Ctx,
	hearing: typeof hearings.$inferSelect,
	changes: FieldChange[],
	changeId: string,
	reason: string,
	source: UpdateHearingArgs['source'],
	receivedAt: Date
) {
	const next = { ...hearing };
	for (const c of changes)
		(next as Record<string, unknown>)[c.field] = c.field === 'startsAt' ? new Date(c.to!) : c.to;
	// The result must still be a valid hearing (a state from the list, a time in UTC, …).
	Hearing.parse({
		...next,
		startsAt: next.startsAt.toISOString(),
		createdAt: next.createdAt.toISOString()
	});
	const [exists] = await ctx.tx
		.select({ id: hearingChanges.id })
		.from(hearingChanges)
		.where(eq(hearingChanges.id, changeId))
		.limit(1);
	if (exists) throw new Rejection('A hearing change with this id is already recorded.');
	await ctx.tx
		.update(hearings)
		.set({
			courtId: next.courtId,
			courtroom: next.courtroom,
			type: next.type,
			startsAt: next.startsAt,
			state: next.state,
			version: ctx.version
		})
		.where(eq(hearings.id, hearing.id));
	await ctx.tx.insert(hearingChanges).values({
		id: changeId,
		version: ctx.version,
		hearingId: hearing.id,
		caseId: hearing.caseId,
		changes,
		reason,
		source,
		receivedAt: receivedAt > ctx.now ? ctx.now : receivedAt,
		recordedAt: ctx.now,
		recordedBy: ctx.actor.id
	});
}

async function moveReferral(ctx: Ctx, a: MoveReferralArgs): Promise<Applied> {
	const [r] = await ctx.tx.select().from(referrals).where(eq(referrals.id, a.referralId)).limit(1);
	if (!r || r.deleted) throw new Rejection('The referral does not exist, or has been withdrawn.');
	await caseForWork(ctx, r.caseId);
	const refusal = referralMoveRefusal(r.status, a.to);
	if (refusal) throw new Rejection(refusal);
	const at = new Date(a.at);
	const patch: Partial<typeof referrals.$inferInsert> = { status: a.to, version: ctx.version };
	if (a.to === 'made')
		Object.assign(patch, {
			consent: 'given',
			consentRecordedAt: r.consentRecordedAt ?? at,
			madeAt: at
		});
	if (a.to === 'declined')
		Object.assign(patch, { consent: 'refused', consentRecordedAt: at, madeAt: null });
	if (a.to === 'offered')
		Object.assign(patch, {
			consent: 'not-asked',
			consentRecordedAt: null,
			madeAt: null,
			respondedAt: null,
			offeredAt: at
		});
	if (a.to === 'accepted' || a.to === 'rejected') patch.respondedAt = at;
	if (a.to === 'closed') patch.closedAt = at;
	await ctx.tx.update(referrals).set(patch).where(eq(referrals.id, r.id));
	return { status: 'applied', caseId: r.caseId };
}

async function resolveConflict(ctx: Ctx, a: ResolveConflictArgs): Promise<Applied> {
	const [c] = await ctx.tx.select().from(conflicts).where(eq(conflicts.id, a.conflictId)).limit(1);
	if (!c) throw new Rejection('The conflict does not exist.');
	await caseForWork(ctx, c.caseId);
	if (c.resolvedAt) throw new Rejection('This conflict has already been resolved.');
	const value = a.keep === 'server' ? c.serverValue : c.clientValue;
	const reason = `Two changes clashed; ${a.keep === 'server' ? 'the earlier' : 'the later'} value was kept.`;
	if (c.entity === 'victim') {
		const [victim] = await ctx.tx.select().from(victims).where(eq(victims.id, c.entityId)).limit(1);
		if (!victim) throw new Rejection('The victim does not exist.');
		const field = c.field as VictimField;
		const current = victimFieldValue(victim, field);
		if (!sameValue(current, value))
			await writeVictimChange(
				ctx,
				victim,
				c.caseId,
				[{ field, from: current, to: value ?? null }],
				a.changeId
			);
	} else {
		const [hearing] = await ctx.tx
			.select()
			.from(hearings)
			.where(eq(hearings.id, c.entityId))
			.limit(1);
		if (!hearing) throw new Rejection('The hearing does not exist.');
		const field = c.field as HearingField;
		const current = hearingValue(hearing, field);
		const to = (value as string | null) ?? null;
		if (current !== to)
			await writeHearingChange(
				ctx,
				hearing,
				[{ field, from: current, to }],
				a.changeId,
				reason,
				'caseworker',
				ctx.now
			);
	}
	await ctx.tx
		.update(conflicts)
		.set({ resolvedAt: ctx.now, resolvedBy: ctx.actor.id, resolution: value, version: ctx.version })
		.where(eq(conflicts.id, c.id));
	return { status: 'applied', caseId: c.caseId };
}

/**
 * A change to a victim's details or safety preferences, by their caseworker or by the victim
 * ("How we contact you"). Fields merge one by one: a field someone else changed since the version
 * this change was made against becomes a conflict, with both values kept.
 */
async function updateVictim(ctx: Ctx, a: UpdateVictimArgs): Promise<Applied> {
	const c = await caseAccess(ctx, a.caseId);
	if (!c || c.victimId !== a.victimId)
		throw new Rejection('The case does not exist, or is not this victim’s case.');
	if (ctx.actor.role === 'victim') {
		if (ctx.actor.victimId !== a.victimId)
			throw new Rejection('You can only change your own details.');
		const notYours = Object.keys(a.values).filter(
			(f) => !VICTIM_SELF_SERVICE_FIELDS.has(f as VictimField)
		);
		if (notYours.length > 0)
			throw new Rejection(
				`Only your caseworker can change: ${notYours.map((f) => VICTIM_FIELD_LABELS[f as VictimField]).join(', ')}.`
			);
	} else {
		const refusal = workRefusal(ctx.actor, c);
		if (refusal) throw new Rejection(refusal);
	}
	const [victim] = await ctx.tx.select().from(victims).where(eq(victims.id, a.victimId)).limit(1);
	if (!victim) throw new Rejection('The victim does not exist.');
	if (a.baseVersion > victim.version)
		throw new Rejection(
			'The change was made against a version of the victim’s details the server never had.'
		);

	const since = await ctx.tx
		.select()
		.from(victimChanges)
		.where(and(eq(victimChanges.victimId, a.victimId), gt(victimChanges.version, a.baseVersion)));
	const changedSince = new Map<VictimField, (typeof since)[number]>();
	for (const change of since) for (const f of change.changes) changedSince.set(f.field, change);

	const applied: VictimFieldChange[] = [];
	let conflicted = 0;
	for (const field of VICTIM_FIELDS) {
		if (!(field in a.values)) continue;
		const to = (a.values as Record<string, unknown>)[field] ?? null;
		const current = victimFieldValue(victim, field);
		if (sameValue(current, to)) continue;
		const other = changedSince.get(field);
		if (other) {
			conflicted++;
			await recordConflict(ctx, {
				caseId: a.caseId,
				entity: 'victim',
				entityId: a.victimId,
				field,
				serverValue: current,
				clientValue: to,
				serverChange: other,
				clientChangedAt: new Date(a.changedAt)
			});
		} else applied.push({ field, from: current, to });
	}
	if (applied.length > 0) await writeVictimChange(ctx, victim, a.caseId, applied, a.changeId);
	return { status: conflicted > 0 ? 'conflict' : 'applied', caseId: a.caseId };
}

async function writeVictimChange(
	ctx: Ctx,
	victim: typeof victims.$inferSelect,
	caseId: string,
	changes: VictimFieldChange[],
	changeId: string
) {
	let next = victim as unknown as VictimShape;
	for (const change of changes) next = withVictimField(next, change.field, change.to);
	// The result must still be a valid victim record (a voicemail allowed says what it may say, a
	// preferred phone channel has a number, …): say what is wrong rather than store it.
	const check = Victim.safeParse({
		...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== null)),
		createdAt: victim.createdAt.toISOString()
	});
	if (!check.success) {
		const issue = check.error.issues[0];
		throw new Rejection(`The victim’s details would not be valid: ${issue?.message ?? 'invalid'}.`);
	}
	const [exists] = await ctx.tx
		.select({ id: victimChanges.id })
		.from(victimChanges)
		.where(eq(victimChanges.id, changeId))
		.limit(1);
	if (exists) throw new Rejection('A change with this id is already recorded.');
	const n = next as unknown as typeof victims.$inferSelect;
	await ctx.tx
		.update(victims)
		.set({
			title: n.title ?? null,
			givenName: n.givenName,
			familyName: n.familyName,
			languages: n.languages,
			interpreterNeeded: n.interpreterNeeded,
			interpreterLanguage: n.interpreterLanguage ?? null,
			safeContact: n.safeContact,
			version: ctx.version
		})
		.where(eq(victims.id, victim.id));
	await ctx.tx.insert(victimChanges).values({
		id: changeId,
		version: ctx.version,
		victimId: victim.id,
		caseId,
		changes,
		recordedAt: ctx.now,
		recordedBy: ctx.actor.id
	});
}
