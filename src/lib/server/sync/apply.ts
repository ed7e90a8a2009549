import { and, eq, gt } from 'drizzle-orm';
import {
	type AcknowledgeHearingChangeArgs,
	changedEnhancedRights,
	Contact,
	CURRENT_CODE_VERSION,
	EnhancedRightsEntry,
	firstListing,
	Hearing,
	HEARING_FIELDS,
	movedReferral,
	MUTATION_ARGS,
	newId,
	newReferral,
	Referral,
	RightsRecord,
	SUPPORT_SERVICES,
	workRefusal,
	type Actor,
	type AddHearingArgs,
	type ChangeEnhancedRightsArgs,
	type CreateReferralArgs,
	type UpdateRightArgs,
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
import { toReferral, toRightsRecord } from '../db/mappers';
import { enqueueHearingNotification } from '../notifications/enqueue';
import { loadCaseAccess } from '../queries/case-access';
import {
	conflicts,
	contacts,
	hearingChangeAcknowledgements,
	hearingChanges,
	hearings,
	referrals,
	rightsRecords,
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
		case 'hearing.add':
			return addHearing(ctx, parsed.data as AddHearingArgs);
		case 'victim.enhancedRights':
			return changeEnhancedRights(ctx, parsed.data as ChangeEnhancedRightsArgs);
		case 'referral.create':
			return createReferral(ctx, parsed.data as CreateReferralArgs);
		case 'referral.move':
			return moveReferral(ctx, parsed.data as MoveReferralArgs);
		case 'right.update':
			return updateRight(ctx, parsed.data as UpdateRightArgs);
		case 'conflict.resolve':
			return resolveConflict(ctx, parsed.data as ResolveConflictArgs);
		case 'hearing.acknowledge':
			return acknowledgeHearingChange(ctx, parsed.data as AcknowledgeHearingChangeArgs);
	}
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

type HistoryEntry = { recordedBy: string; recordedAt: Date; changes: { field: string }[] };

/**
 * Field-by-field merge of a change made against `baseVersion`: a field that differs from the
 * record and that another change (in `since`, the history entries after that version) has touched
 * becomes a conflict with both values kept; the rest apply. Hearings and victim details share it.
 */
async function mergeFields<F extends string>(
	ctx: Ctx,
	c: {
		fields: readonly F[];
		values: Record<string, unknown>;
		current: (field: F) => unknown;
		since: readonly HistoryEntry[];
		conflict: { caseId: string; entity: 'hearing' | 'victim'; entityId: string };
		clientChangedAt: Date;
	}
): Promise<{ applied: { field: F; from: unknown; to: unknown }[]; conflicted: number }> {
	const changedSince = new Map<string, HistoryEntry>();
	for (const entry of c.since) for (const f of entry.changes) changedSince.set(f.field, entry);
	const applied: { field: F; from: unknown; to: unknown }[] = [];
	let conflicted = 0;
	for (const field of c.fields) {
		if (!(field in c.values)) continue;
		const to = c.values[field] ?? null;
		const current = c.current(field);
		if (sameValue(current, to)) continue;
		const other = changedSince.get(field);
		if (other) {
			conflicted++;
			await recordConflict(ctx, {
				...c.conflict,
				field,
				serverValue: current,
				clientValue: to,
				serverChange: other,
				clientChangedAt: c.clientChangedAt
			});
		} else applied.push({ field, from: current, to });
	}
	return { applied, conflicted };
}

async function caseForWork(ctx: Ctx, caseId: string) {
	const c = await loadCaseAccess(ctx.tx, caseId);
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
	const { applied, conflicted } = await mergeFields(ctx, {
		fields: HEARING_FIELDS,
		values: a.values,
		current: (field) => hearingValue(hearing, field),
		since,
		conflict: { caseId: hearing.caseId, entity: 'hearing', entityId: hearing.id },
		clientChangedAt: new Date(a.receivedAt)
	});
	if (applied.length > 0)
		await writeHearingChange(
			ctx,
			hearing,
			applied as FieldChange[],
			a.changeId,
			a.reason,
			a.source,
			new Date(a.receivedAt)
		);
	return { status: conflicted > 0 ? 'conflict' : 'applied', caseId: hearing.caseId };
}

/**
 * The victim's "I have seen this" on one change to one of their hearings. Only the victim of the
 * case may say it; saying it again changes nothing (the first time is the one that counts).
 */
async function acknowledgeHearingChange(
	ctx: Ctx,
	a: AcknowledgeHearingChangeArgs
): Promise<Applied> {
	const c = await loadCaseAccess(ctx.tx, a.caseId);
	if (ctx.actor.role !== 'victim' || !c || c.victimId !== ctx.actor.victimId)
		throw new Rejection('Only the victim of the case can say they have seen a change.');
	const [change] = await ctx.tx
		.select({ caseId: hearingChanges.caseId })
		.from(hearingChanges)
		.where(eq(hearingChanges.id, a.hearingChangeId))
		.limit(1);
	if (!change || change.caseId !== a.caseId)
		throw new Rejection('That change is not about one of your hearings.');
	await ctx.tx
		.insert(hearingChangeAcknowledgements)
		.values({
			id: a.acknowledgementId,
			version: ctx.version,
			caseId: a.caseId,
			hearingChangeId: a.hearingChangeId,
			acknowledgedBy: ctx.actor.id,
			acknowledgedAt: new Date(notAfterNow(ctx, a.acknowledgedAt))
		})
		// Seen already (or the same acknowledgement again): the first one counts.
		.onConflictDoNothing();
	return { status: 'applied', caseId: a.caseId };
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
	await newHistoryId(ctx, hearingChanges, changeId);
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
	await enqueueHearingNotification(ctx.tx, {
		caseId: hearing.caseId,
		hearingChangeId: changeId,
		kind: 'changed',
		changes,
		now: ctx.now
	});
}

/** A hearing the hub has been told of: written with its first listing as history (Right 8). */
async function addHearing(ctx: Ctx, a: AddHearingArgs): Promise<Applied> {
	await caseForWork(ctx, a.caseId);
	const [exists] = await ctx.tx
		.select({ id: hearings.id })
		.from(hearings)
		.where(eq(hearings.id, a.id))
		.limit(1);
	if (exists) throw new Rejection('A hearing with this id is already recorded.');
	await newHistoryId(ctx, hearingChanges, a.changeId);
	const hearing = Hearing.parse({
		id: a.id,
		caseId: a.caseId,
		courtId: a.courtId,
		courtroom: a.courtroom,
		type: a.type,
		startsAt: a.startsAt,
		state: 'listed',
		createdAt: ctx.now.toISOString()
	});
	await ctx.tx.insert(hearings).values({
		...hearing,
		startsAt: new Date(hearing.startsAt),
		createdAt: ctx.now,
		version: ctx.version
	});
	await ctx.tx.insert(hearingChanges).values({
		id: a.changeId,
		version: ctx.version,
		hearingId: hearing.id,
		caseId: hearing.caseId,
		changes: firstListing(hearing),
		reason: 'First listed',
		source: a.source,
		receivedAt: new Date(notAfterNow(ctx, a.receivedAt)),
		recordedAt: ctx.now,
		recordedBy: ctx.actor.id
	});
	await enqueueHearingNotification(ctx.tx, {
		caseId: hearing.caseId,
		hearingChangeId: a.changeId,
		kind: 'listed',
		changes: firstListing(hearing),
		now: ctx.now
	});
	return { status: 'applied', caseId: a.caseId };
}

/**
 * A history entry's id comes from the device: one already used by another entry is refused with
 * a reason, not left to fail the whole push on the primary key.
 */
async function newHistoryId(
	ctx: Ctx,
	table: typeof hearingChanges | typeof victimChanges,
	id: string
) {
	const [used] = await ctx.tx.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1);
	if (used) throw new Rejection('This change’s id is already used by another change.');
}

/** A device's clock may run ahead: an instant it sends is never later than the server's now. */
const notAfterNow = (ctx: Ctx, at: string) =>
	Date.parse(at) > ctx.now.getTime() ? ctx.now.toISOString() : at;

/** A referral row as written: instants as dates. */
const referralRow = (r: Referral) => ({
	...r,
	notes: r.notes ?? null,
	consentRecordedAt: dateOrNull(r.consentRecordedAt),
	offeredAt: new Date(r.offeredAt),
	madeAt: dateOrNull(r.madeAt),
	respondedAt: dateOrNull(r.respondedAt),
	closedAt: dateOrNull(r.closedAt)
});
const dateOrNull = (v: string | null) => (v === null ? null : new Date(v));

async function createReferral(ctx: Ctx, a: CreateReferralArgs): Promise<Applied> {
	await caseForWork(ctx, a.caseId);
	if (!SUPPORT_SERVICES.some((s) => s.id === a.serviceId && s.active))
		throw new Rejection('The support service is not one the hub refers to.');
	const [exists] = await ctx.tx
		.select({ id: referrals.id })
		.from(referrals)
		.where(eq(referrals.id, a.id))
		.limit(1);
	if (exists) throw new Rejection('A referral with this id is already recorded.');
	const referral = Referral.parse(
		newReferral({ ...a, at: notAfterNow(ctx, a.at), by: ctx.actor.id })
	);
	await ctx.tx.insert(referrals).values({ ...referralRow(referral), version: ctx.version });
	return { status: 'applied', caseId: a.caseId };
}

async function moveReferral(ctx: Ctx, a: MoveReferralArgs): Promise<Applied> {
	const [r] = await ctx.tx.select().from(referrals).where(eq(referrals.id, a.referralId)).limit(1);
	if (!r || r.deleted) throw new Rejection('The referral does not exist, or has been withdrawn.');
	await caseForWork(ctx, r.caseId);
	const moved = movedReferral(toReferral(r), {
		...a,
		at: notAfterNow(ctx, a.at),
		by: ctx.actor.id
	});
	if ('refusal' in moved) throw new Rejection(moved.refusal);
	const checked = Referral.safeParse(moved);
	if (!checked.success)
		throw new Rejection(`The referral would not be valid: ${checked.error.issues[0]?.message}.`);
	await ctx.tx
		.update(referrals)
		.set({ ...referralRow(checked.data), version: ctx.version })
		.where(eq(referrals.id, r.id));
	return { status: 'applied', caseId: r.caseId };
}

/**
 * Where a right stands for a case. One record per right; a change made against an older version
 * than the server's, when the record now says something else, is refused with what it says, so
 * nobody's note is silently overwritten (the refused change stays in sight with what was typed).
 */
async function updateRight(ctx: Ctx, a: UpdateRightArgs): Promise<Applied> {
	await caseForWork(ctx, a.caseId);
	const codeVersion = CURRENT_CODE_VERSION;
	const [existing] = await ctx.tx
		.select()
		.from(rightsRecords)
		.where(
			and(
				eq(rightsRecords.caseId, a.caseId),
				eq(rightsRecords.codeVersion, codeVersion),
				eq(rightsRecords.rightNumber, a.rightNumber)
			)
		)
		.limit(1);
	const record = RightsRecord.safeParse({
		id: existing?.id ?? a.id,
		caseId: a.caseId,
		codeVersion,
		rightNumber: a.rightNumber,
		status: a.status,
		evidence: a.evidence,
		detail: a.detail,
		updatedBy: ctx.actor.id,
		updatedAt: notAfterNow(ctx, a.at)
	});
	if (!record.success)
		throw new Rejection(
			`The right’s record would not be valid: ${record.error.issues[0]?.message}.`
		);
	if (existing) {
		const current = toRightsRecord(existing);
		const same =
			current.status === record.data.status &&
			current.evidence === record.data.evidence &&
			current.detail === record.data.detail;
		if (same) return { status: 'applied', caseId: a.caseId };
		if (existing.version > a.baseVersion)
			throw new Rejection(
				`Someone else updated Right ${a.rightNumber} first: it now says “${current.evidence || 'not yet'}”. Look again and record it if it still needs changing.`
			);
		await ctx.tx
			.update(rightsRecords)
			.set({
				status: record.data.status,
				evidence: record.data.evidence,
				detail: record.data.detail,
				updatedBy: ctx.actor.id,
				updatedAt: new Date(record.data.updatedAt),
				version: ctx.version
			})
			.where(eq(rightsRecords.id, existing.id));
	} else {
		const [taken] = await ctx.tx
			.select({ id: rightsRecords.id })
			.from(rightsRecords)
			.where(eq(rightsRecords.id, a.id))
			.limit(1);
		if (taken) throw new Rejection('A record with this id is already kept for another right.');
		await ctx.tx.insert(rightsRecords).values({
			...record.data,
			updatedAt: new Date(record.data.updatedAt),
			version: ctx.version
		});
	}
	return { status: 'applied', caseId: a.caseId };
}

/** Records or ends an enhanced-rights group, with the reason; the history is kept in the entries. */
async function changeEnhancedRights(ctx: Ctx, a: ChangeEnhancedRightsArgs): Promise<Applied> {
	const c = await caseForWork(ctx, a.caseId);
	if (c.victimId !== a.victimId) throw new Rejection('This is not the victim of this case.');
	const [victim] = await ctx.tx.select().from(victims).where(eq(victims.id, a.victimId)).limit(1);
	if (!victim) throw new Rejection('The victim does not exist.');
	const at = notAfterNow(ctx, a.at);
	const entries = EnhancedRightsEntry.array().parse(victim.enhancedRights);
	const next = changedEnhancedRights(entries, { ...a, at, by: ctx.actor.id });
	if ('refusal' in next) throw new Rejection(next.refusal);
	await ctx.tx
		.update(victims)
		.set({ enhancedRights: next, version: ctx.version })
		.where(eq(victims.id, victim.id));
	return { status: 'applied', caseId: a.caseId };
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
	const c = await loadCaseAccess(ctx.tx, a.caseId);
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
	const { applied, conflicted } = await mergeFields(ctx, {
		fields: VICTIM_FIELDS,
		values: a.values,
		current: (field) => victimFieldValue(victim, field),
		since,
		conflict: { caseId: a.caseId, entity: 'victim', entityId: a.victimId },
		clientChangedAt: new Date(a.changedAt)
	});
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
	await newHistoryId(ctx, victimChanges, changeId);
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
