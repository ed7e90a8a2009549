import {
	AddHearingArgs,
	ChangeEnhancedRightsArgs,
	changedEnhancedRights,
	CreateReferralArgs,
	CURRENT_CODE_VERSION,
	EnhancedRightsEntry,
	fieldErrors,
	firstListing,
	Hearing,
	HEARING_FIELDS,
	MoveReferralArgs,
	movedReferral,
	newId,
	newReferral,
	RecordContactArgs,
	Referral,
	ResolveConflictArgs,
	RightsRecord,
	SUPPORT_SERVICES,
	UpdateRightArgs,
	UpdateHearingArgs,
	UpdateVictimArgs,
	sameValue,
	VICTIM_FIELDS,
	victimFieldValue,
	withVictimField,
	type FieldChange,
	type VictimFieldChange,
	type VictimShape,
	type VictimField,
	type MutationName,
	type ReferralStatus,
	type SyncTable,
	Victim
} from '$lib/domain';
import type { z } from 'zod';
import { ChangeInvalidError, StorageQuotaError, storageError } from './errors';
import { writeWithRoom } from './storage';
import type { HubDatabase, Row } from './db';
import { plainValuesIn, Vault } from './vault';

/**
 * Every change the user makes, offline or not: validated, then written in ONE transaction with its
 * outbox entry, so the optimistic effect and the queued mutation exist together or not at all.
 */

export type ChangeContext = { db: HubDatabase; userId: string; now?: () => Date };

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
	const parsed = schema.safeParse(input);
	if (!parsed.success) throw new ChangeInvalidError(fieldErrors(parsed.error));
	return parsed.data;
}

const ALL_TABLES = (db: HubDatabase) => [
	db.cases,
	db.victims,
	db.caseAssignments,
	db.caseEvents,
	db.hearings,
	db.hearingChanges,
	db.referrals,
	db.contacts,
	db.rightsRecords,
	db.obligationWaivers,
	db.conflicts,
	db.victimChanges,
	db.outbox,
	db.shadows,
	db.settlements,
	db.meta
];

/** Reads done before a change's transaction (sealing needs WebCrypto): storage errors named too. */
function beforeTransaction<T>(read: Promise<T>): Promise<T> {
	return read.catch((error: unknown) => {
		throw storageError(error);
	});
}

/** Runs `write` in one read-write transaction over the data and the outbox; storage errors named. */
async function inChangeTransaction<T>(db: HubDatabase, write: () => Promise<T>): Promise<T> {
	try {
		// Out of space: frees what can be downloaded again and tries once more (storage.ts).
		return await writeWithRoom(db, () => db.transaction('rw', ALL_TABLES(db), write));
	} catch (error) {
		if (error instanceof ChangeInvalidError || error instanceof StorageQuotaError) throw error;
		throw storageError(error);
	}
}

async function enqueue(
	db: HubDatabase,
	name: MutationName,
	args: unknown,
	caseId: string | null,
	at: Date
): Promise<number> {
	const next = await db.meta.get('nextSeq');
	const seq = next?.key === 'nextSeq' ? next.value : 1;
	await db.outbox.add({
		seq,
		mutationId: newId(),
		name,
		args,
		caseId,
		createdAt: at.toISOString()
	});
	await db.meta.put({ key: 'nextSeq', value: seq + 1 });
	return seq;
}

/** Writes an optimistic row, first keeping the server's copy so a refusal can put it back. */
async function optimistic(db: HubDatabase, table: SyncTable, row: Row, seq: number) {
	const key = `${table}:${row.id}`;
	const shadow = await db.shadows.get(key);
	if (shadow) await db.shadows.update(key, { seqs: [...shadow.seqs, seq] });
	else {
		const current = await db.syncTable(table).get(row.id);
		await db.shadows.put({
			key,
			table,
			id: row.id,
			row: current && !current._pending ? current : null,
			seqs: [seq]
		});
	}
	await db.syncTable(table).put({ ...row, _pending: true });
}

/** The version of a row the server last sent: a change is made against it. */
async function serverVersion(db: HubDatabase, table: SyncTable, id: string): Promise<number> {
	const shadow = await db.shadows.get(`${table}:${id}`);
	const row = shadow ? shadow.row : await db.syncTable(table).get(id);
	return typeof row?.version === 'number' ? row.version : 0;
}

export async function recordContact(
	ctx: ChangeContext,
	input: Omit<RecordContactArgs, 'id' | 'recordedAt'> & { id?: string }
) {
	const now = ctx.now?.() ?? new Date();
	const args = parse(RecordContactArgs, { id: newId(), recordedAt: now.toISOString(), ...input });
	// The summary is stored sealed, in the outbox and in the record (sealed before the transaction).
	const sealer = await beforeTransaction(new Vault(ctx.db).sealer([args.summary]));
	const stored = sealer.args('contact.record', args);
	return inChangeTransaction(ctx.db, async () => {
		const seq = await enqueue(ctx.db, 'contact.record', stored, args.caseId, now);
		await optimistic(ctx.db, 'contacts', { ...stored, recordedBy: ctx.userId }, seq);
		return args.id;
	});
}

export async function updateHearing(
	ctx: ChangeContext,
	input: Omit<UpdateHearingArgs, 'baseVersion' | 'changeId'>
) {
	const now = ctx.now?.() ?? new Date();
	return inChangeTransaction(ctx.db, async () => {
		const hearing = await ctx.db.hearings.get(input.hearingId);
		if (!hearing)
			throw new ChangeInvalidError({ hearingId: 'This hearing is not on this device.' });
		const args = parse(UpdateHearingArgs, {
			...input,
			baseVersion: await serverVersion(ctx.db, 'hearings', input.hearingId),
			changeId: newId()
		});
		const changes: FieldChange[] = [];
		const next: Row = { ...hearing };
		for (const field of HEARING_FIELDS) {
			if (!(field in args.values)) continue;
			const to = (args.values as Record<string, string | null>)[field] ?? null;
			const from = (hearing[field] as string | null | undefined) ?? null;
			if (from === to) continue;
			changes.push({ field, from, to });
			next[field] = to;
		}
		if (changes.length === 0) throw new ChangeInvalidError({ values: 'Nothing has changed.' });
		const caseId = hearing.caseId as string;
		const seq = await enqueue(ctx.db, 'hearing.update', args, caseId, now);
		await optimistic(ctx.db, 'hearings', next, seq);
		await optimistic(
			ctx.db,
			'hearingChanges',
			{
				id: args.changeId,
				hearingId: args.hearingId,
				caseId,
				changes,
				reason: args.reason,
				source: args.source,
				receivedAt: args.receivedAt,
				recordedAt: now.toISOString(),
				recordedBy: ctx.userId
			},
			seq
		);
		return args.changeId;
	});
}

/**
 * A change to the victim's details or safety preferences: only the fields that differ from what
 * the device holds are sent, against the version the server last sent, so the server can merge it
 * with changes made elsewhere field by field.
 */
export async function updateVictim(
	ctx: ChangeContext,
	input: Pick<UpdateVictimArgs, 'victimId' | 'caseId' | 'values'>
) {
	const now = ctx.now?.() ?? new Date();
	const vault = new Vault(ctx.db);
	const notHere = () =>
		new ChangeInvalidError({ victimId: 'This victim’s details are not on this device.' });
	// The record's sealed values (address, safety notes) are opened, and the values to store sealed,
	// before the transaction: WebCrypto cannot run inside one. Should a sync change the record in
	// between, the change is worked out again from the new one.
	for (let attempt = 1; ; attempt++) {
		const stored = await beforeTransaction(ctx.db.victims.get(input.victimId));
		if (!stored) throw notHere();
		const opened = await beforeTransaction(vault.openRows('victims', [stored]));
		const plain = opened.rows[0];
		if (!plain)
			throw new ChangeInvalidError({
				victimId: 'This victim’s details could not be read on this device.'
			});
		const parsed = UpdateVictimArgs.safeParse({
			...input,
			baseVersion: 0,
			changeId: newId(),
			changedAt: now.toISOString()
		});
		if (!parsed.success) throw new ChangeInvalidError(victimFieldErrors(parsed.error));
		const sealer = await beforeTransaction(
			vault.sealer([parsed.data.values.safetyNotes, ...plainValuesIn('victims', plain)])
		);
		try {
			return await inChangeTransaction(ctx.db, async () => {
				const victim = await ctx.db.victims.get(input.victimId);
				if (!victim) throw notHere();
				if (!sameRow(victim, stored)) throw new RowChangedMeanwhile();
				const args = {
					...parsed.data,
					baseVersion: await serverVersion(ctx.db, 'victims', input.victimId)
				};
				const changes: VictimFieldChange[] = [];
				const values: Record<string, unknown> = {};
				let next = plain as Row & VictimShape;
				for (const field of VICTIM_FIELDS) {
					if (!(field in args.values)) continue;
					const to = (args.values as Record<string, unknown>)[field] ?? null;
					const from = victimFieldValue(next, field);
					if (sameValue(from, to)) continue;
					changes.push({ field, from, to });
					values[field] = to;
					next = withVictimField(next, field, to);
				}
				if (changes.length === 0) throw new ChangeInvalidError({ values: 'Nothing has changed.' });
				const checked = Victim.safeParse(next);
				if (!checked.success) throw new ChangeInvalidError(victimFieldErrors(checked.error));
				const sent = sealer.args('victim.update', { ...args, values });
				const seq = await enqueue(ctx.db, 'victim.update', sent, args.caseId, now);
				await optimistic(ctx.db, 'victims', sealer.row('victims', next), seq);
				await optimistic(
					ctx.db,
					'victimChanges',
					sealer.row('victimChanges', {
						id: args.changeId,
						victimId: args.victimId,
						caseId: args.caseId,
						changes,
						recordedAt: now.toISOString(),
						recordedBy: ctx.userId
					}),
					seq
				);
				return args.changeId;
			});
		} catch (error) {
			if (error instanceof RowChangedMeanwhile && attempt < 5) continue;
			throw error;
		}
	}
}

class RowChangedMeanwhile extends Error {
	override name = 'RowChangedMeanwhile';
	constructor() {
		super('The victim’s details kept changing while this change was saved. Try again.');
	}
}

/** Whether two reads of a stored row are the same (sealed bytes included). */
function sameRow(a: Row, b: Row): boolean {
	const bytes = (_k: string, v: unknown) =>
		v instanceof ArrayBuffer || ArrayBuffer.isView(v)
			? Array.from(
					v instanceof ArrayBuffer
						? new Uint8Array(v)
						: new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
				)
			: v;
	return JSON.stringify(a, bytes) === JSON.stringify(b, bytes);
}

/**
 * Errors keyed by the form's field names: `values.phone` and `safeContact.phone` both become
 * `phone`, `safeContact.notes` becomes `safetyNotes`, `values.safeTimes.0.to` stays indexed.
 */
function victimFieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [path, message] of Object.entries(fieldErrors(error))) {
		const key = path.replace(/^(values|safeContact)\./, '').replace(/^notes\b/, 'safetyNotes');
		out[key] ??= message;
	}
	return out;
}

/** A hearing the hub has been told of, with its first listing in the history (Right 8). */
export async function addHearing(
	ctx: ChangeContext,
	input: Omit<AddHearingArgs, 'id' | 'changeId'>
) {
	const now = ctx.now?.() ?? new Date();
	const args = parse(AddHearingArgs, { ...input, id: newId(), changeId: newId() });
	return inChangeTransaction(ctx.db, async () => {
		const hearing = Hearing.parse({
			id: args.id,
			caseId: args.caseId,
			courtId: args.courtId,
			courtroom: args.courtroom,
			type: args.type,
			startsAt: args.startsAt,
			state: 'listed',
			createdAt: now.toISOString()
		});
		const seq = await enqueue(ctx.db, 'hearing.add', args, args.caseId, now);
		await optimistic(ctx.db, 'hearings', { ...hearing, version: 0 }, seq);
		await optimistic(
			ctx.db,
			'hearingChanges',
			{
				id: args.changeId,
				hearingId: args.id,
				caseId: args.caseId,
				changes: firstListing(hearing),
				reason: 'First listed',
				source: args.source,
				receivedAt: args.receivedAt,
				recordedAt: now.toISOString(),
				recordedBy: ctx.userId
			},
			seq
		);
		return args.id;
	});
}

/** A referral to a support service, with the victim's consent as the caseworker records it. */
export async function createReferral(
	ctx: ChangeContext,
	input: Omit<CreateReferralArgs, 'id' | 'at'>
) {
	const now = ctx.now?.() ?? new Date();
	const args = parse(CreateReferralArgs, { ...input, id: newId(), at: now.toISOString() });
	if (!SUPPORT_SERVICES.some((service) => service.id === args.serviceId && service.active))
		throw new ChangeInvalidError({ serviceId: 'Choose a support service from the list' });
	const referral = Referral.parse(newReferral({ ...args, by: ctx.userId }));
	return inChangeTransaction(ctx.db, async () => {
		const seq = await enqueue(ctx.db, 'referral.create', args, args.caseId, now);
		await optimistic(ctx.db, 'referrals', { ...referral, version: 0 }, seq);
		return args.id;
	});
}

export async function moveReferral(
	ctx: ChangeContext,
	input: { referralId: string; to: ReferralStatus; reason?: string }
) {
	const now = ctx.now?.() ?? new Date();
	const args = parse(MoveReferralArgs, { at: now.toISOString(), ...input });
	return inChangeTransaction(ctx.db, async () => {
		const row = await ctx.db.referrals.get(args.referralId);
		if (!row) throw new ChangeInvalidError({ referralId: 'This referral is not on this device.' });
		const moved = movedReferral(Referral.parse(row), { ...args, by: ctx.userId });
		if ('refusal' in moved)
			throw new ChangeInvalidError(
				moved.refusal.startsWith('Enter') ? { reason: moved.refusal } : { to: moved.refusal }
			);
		const seq = await enqueue(
			ctx.db,
			'referral.move',
			{ ...args, caseId: row.caseId },
			row.caseId as string,
			now
		);
		await optimistic(ctx.db, 'referrals', { ...moved, version: row.version }, seq);
	});
}

/** Marks a right explained, delivered or not applicable, with a note (and the Right 5/7 choice). */
export async function updateRight(
	ctx: ChangeContext,
	input: Pick<UpdateRightArgs, 'caseId' | 'rightNumber' | 'status' | 'evidence' | 'detail'>
) {
	const now = ctx.now?.() ?? new Date();
	return inChangeTransaction(ctx.db, async () => {
		const existing = (
			await ctx.db.rightsRecords.where('caseId').equals(input.caseId).toArray()
		).find((r) => r.rightNumber === input.rightNumber && r.codeVersion === CURRENT_CODE_VERSION);
		const args = parse(UpdateRightArgs, {
			...input,
			id: existing?.id ?? newId(),
			baseVersion: existing ? await serverVersion(ctx.db, 'rightsRecords', existing.id) : 0,
			at: now.toISOString()
		});
		const record = RightsRecord.safeParse({
			id: args.id,
			caseId: args.caseId,
			codeVersion: CURRENT_CODE_VERSION,
			rightNumber: args.rightNumber,
			status: args.status,
			evidence: args.evidence,
			detail: args.detail,
			updatedBy: ctx.userId,
			updatedAt: args.at
		});
		if (!record.success) throw new ChangeInvalidError(fieldErrors(record.error));
		if (
			existing &&
			existing.status === args.status &&
			existing.evidence === args.evidence &&
			(existing.detail ?? null) === args.detail
		)
			throw new ChangeInvalidError({ status: 'Nothing has changed.' });
		const seq = await enqueue(ctx.db, 'right.update', args, args.caseId, now);
		await optimistic(
			ctx.db,
			'rightsRecords',
			{ ...record.data, version: existing?.version ?? 0 },
			seq
		);
		return args.id;
	});
}

/** Records an enhanced-rights group, or ends one, with the reason; earlier entries stay. */
export async function changeEnhancedRights(
	ctx: ChangeContext,
	input: Omit<ChangeEnhancedRightsArgs, 'at'>
) {
	const now = ctx.now?.() ?? new Date();
	const args = parse(ChangeEnhancedRightsArgs, { ...input, at: now.toISOString() });
	return inChangeTransaction(ctx.db, async () => {
		const victim = await ctx.db.victims.get(args.victimId);
		if (!victim)
			throw new ChangeInvalidError({ victimId: 'This victim’s details are not on this device.' });
		const entries = EnhancedRightsEntry.array().parse(victim.enhancedRights);
		const next = changedEnhancedRights(entries, { ...args, by: ctx.userId });
		if ('refusal' in next) throw new ChangeInvalidError({ group: next.refusal });
		const seq = await enqueue(ctx.db, 'victim.enhancedRights', args, args.caseId, now);
		await optimistic(ctx.db, 'victims', { ...victim, enhancedRights: next }, seq);
	});
}

export async function resolveConflict(
	ctx: ChangeContext,
	input: { conflictId: string; keep: 'server' | 'client' }
) {
	const now = ctx.now?.() ?? new Date();
	const args = parse(ResolveConflictArgs, { ...input, changeId: newId() });
	return inChangeTransaction(ctx.db, async () => {
		const conflict = await ctx.db.conflicts.get(args.conflictId);
		if (!conflict)
			throw new ChangeInvalidError({ conflictId: 'This conflict is not on this device.' });
		if (conflict.resolvedAt)
			throw new ChangeInvalidError({ conflictId: 'This conflict has already been resolved.' });
		const value = args.keep === 'server' ? conflict.serverValue : conflict.clientValue;
		const seq = await enqueue(
			ctx.db,
			'conflict.resolve',
			{ ...args, caseId: conflict.caseId },
			conflict.caseId as string,
			now
		);
		await optimistic(
			ctx.db,
			'conflicts',
			{ ...conflict, resolvedAt: now.toISOString(), resolvedBy: ctx.userId, resolution: value },
			seq
		);
		if (conflict.entity === 'victim') {
			const victim = await ctx.db.victims.get(conflict.entityId as string);
			if (victim)
				await optimistic(
					ctx.db,
					'victims',
					withVictimField(
						victim as Row & VictimShape,
						conflict.field as VictimField,
						value ?? null
					),
					seq
				);
		} else {
			const hearing = await ctx.db.hearings.get(conflict.entityId as string);
			if (hearing)
				await optimistic(
					ctx.db,
					'hearings',
					{ ...hearing, [conflict.field as string]: value },
					seq
				);
		}
	});
}
