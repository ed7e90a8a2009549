import { and, asc, desc, eq } from 'drizzle-orm';
import {
	CURRENT_CODE_VERSION,
	isFirstListing,
	obligationsFor,
	type FieldChange,
	type HearingState,
	type HearingType,
	type ReferralStatus,
	type RightStatus,
	type SafeContact
} from '$lib/domain';
import { isLocale, type Locale } from '$lib/domain/locale';
import type { Database } from '../db';
import {
	cases,
	courts,
	hearingChangeAcknowledgements,
	hearingChanges,
	hearings,
	referrals,
	rightsRecords,
	users,
	victims
} from '../db/schema';
import { loadCaseRecords } from './case-records';

/** One field of a hearing notice, as the victim reads it: court ids are already court names. */
export type PortalFieldChange = {
	field: FieldChange['field'];
	from: string | null;
	to: string | null;
};

export type PortalHearingChange = {
	id: string;
	/** The first listing of the hearing, rather than a change to it. */
	listing: boolean;
	changes: PortalFieldChange[];
	reason: string;
	/** When the hub heard of it. */
	receivedAt: string;
	/** When the victim said "I have seen this"; null while it is new to them. */
	seenAt: string | null;
};

export type PortalHearing = {
	id: string;
	type: HearingType;
	state: HearingState;
	startsAt: string;
	courtName: string;
	courtAddress: string;
	courtroom: string | null;
	/** Still to come and going ahead as far as the hub knows (listed or relisted, in the future). */
	upcoming: boolean;
	/** Newest first. */
	history: PortalHearingChange[];
};

export type PortalView = {
	caseworker: { name: string; email: string; phone: string | null };
	/** Those still to come, soonest first; then the others, most recent first. */
	hearings: PortalHearing[];
	nextHearingId: string | null;
	rights: {
		number: number;
		status: RightStatus;
		detail: string | null;
		updatedAt: string | null;
	}[];
	referrals: { id: string; serviceId: string; status: ReferralStatus; since: string }[];
	/** When the hub must next be in touch, by the Victims' Code; `late` when that time has passed. */
	nextContact: { by: string; late: boolean } | null;
	contact: Pick<
		SafeContact,
		'preferredChannel' | 'phone' | 'email' | 'safeTimes' | 'voicemailAllowed' | 'voicemailMessage'
	> & { version: number };
	/** Server-side only: what the portal's actions need. Never rendered. */
	caseId: string;
	victimId: string;
};

const iso = (d: Date) => d.toISOString();
const LIVE: ReadonlySet<HearingState> = new Set(['listed', 'relisted']);

/**
 * The victim-safe view of a victim's own open case, for their portal. It selects named columns
 * only: no internal notes, evidence, staff ids, crime reference or address, nothing about anyone
 * else. The victim is taken from the session by the caller, never from the request.
 */
export async function victimPortalFor(
	db: Database,
	victimId: string,
	now: Date,
	/** `nextContact: false` skips the Code engine, for callers that only need the hearings. */
	options: { nextContact?: boolean } = {}
): Promise<PortalView | null> {
	const [found] = await db
		.select({
			id: cases.id,
			caseworkerName: users.displayName,
			caseworkerEmail: users.email,
			caseworkerPhone: users.workPhone,
			safeContact: victims.safeContact,
			victimVersion: victims.version
		})
		.from(cases)
		.innerJoin(users, eq(users.id, cases.assignedCaseworkerId))
		.innerJoin(victims, eq(victims.id, cases.victimId))
		.where(and(eq(cases.victimId, victimId), eq(cases.status, 'open')))
		.orderBy(asc(cases.reportedAt))
		.limit(1);
	if (!found) return null;
	const caseId = found.id;

	const [hearingRows, changeRows, seenRows, rightRows, referralRows, courtRows, loaded] =
		await Promise.all([
			db
				.select({
					id: hearings.id,
					type: hearings.type,
					state: hearings.state,
					startsAt: hearings.startsAt,
					courtroom: hearings.courtroom,
					courtName: courts.name,
					courtAddress: courts.address
				})
				.from(hearings)
				.innerJoin(courts, eq(courts.id, hearings.courtId))
				.where(eq(hearings.caseId, caseId))
				.orderBy(asc(hearings.startsAt)),
			db
				.select({
					id: hearingChanges.id,
					hearingId: hearingChanges.hearingId,
					changes: hearingChanges.changes,
					reason: hearingChanges.reason,
					receivedAt: hearingChanges.receivedAt
				})
				.from(hearingChanges)
				.where(eq(hearingChanges.caseId, caseId))
				.orderBy(desc(hearingChanges.receivedAt), desc(hearingChanges.recordedAt)),
			db
				.select({
					changeId: hearingChangeAcknowledgements.hearingChangeId,
					at: hearingChangeAcknowledgements.acknowledgedAt
				})
				.from(hearingChangeAcknowledgements)
				.where(eq(hearingChangeAcknowledgements.caseId, caseId)),
			db
				.select({
					number: rightsRecords.rightNumber,
					status: rightsRecords.status,
					detail: rightsRecords.detail,
					updatedAt: rightsRecords.updatedAt
				})
				.from(rightsRecords)
				.where(
					and(eq(rightsRecords.caseId, caseId), eq(rightsRecords.codeVersion, CURRENT_CODE_VERSION))
				),
			db
				.select({
					id: referrals.id,
					serviceId: referrals.serviceId,
					status: referrals.status,
					offeredAt: referrals.offeredAt,
					madeAt: referrals.madeAt,
					respondedAt: referrals.respondedAt,
					closedAt: referrals.closedAt,
					consentRecordedAt: referrals.consentRecordedAt
				})
				.from(referrals)
				.where(and(eq(referrals.caseId, caseId), eq(referrals.deleted, false)))
				.orderBy(desc(referrals.offeredAt)),
			db.select({ id: courts.id, name: courts.name }).from(courts),
			options.nextContact === false ? [] : loadCaseRecords(db, eq(cases.id, caseId))
		]);

	const courtNames = new Map(courtRows.map((c) => [c.id, c.name]));
	const seen = new Map(seenRows.map((s) => [s.changeId, iso(s.at)]));
	const historyOf = new Map<string, PortalHearingChange[]>();
	for (const c of changeRows) {
		const list = historyOf.get(c.hearingId) ?? [];
		list.push({
			id: c.id,
			listing: isFirstListing(c.changes),
			changes: c.changes.map((f) =>
				f.field === 'courtId'
					? {
							field: f.field,
							from: f.from === null ? null : (courtNames.get(f.from) ?? f.from),
							to: f.to === null ? null : (courtNames.get(f.to) ?? f.to)
						}
					: { field: f.field, from: f.from, to: f.to }
			),
			reason: c.reason,
			receivedAt: iso(c.receivedAt),
			seenAt: seen.get(c.id) ?? null
		});
		historyOf.set(c.hearingId, list);
	}
	const listed: PortalHearing[] = hearingRows.map((h) => ({
		id: h.id,
		type: h.type,
		state: h.state,
		startsAt: iso(h.startsAt),
		courtName: h.courtName,
		courtAddress: h.courtAddress,
		courtroom: h.courtroom,
		upcoming: h.startsAt > now && LIVE.has(h.state),
		history: historyOf.get(h.id) ?? []
	}));
	// What is still to come first (soonest first), then the rest, most recent first.
	const portalHearings = [
		...listed.filter((h) => h.upcoming),
		...listed.filter((h) => !h.upcoming).reverse()
	];

	const byNumber = new Map(rightRows.map((r) => [r.number, r]));
	const rights = Array.from({ length: 12 }, (_, i) => {
		const r = byNumber.get(i + 1);
		return {
			number: i + 1,
			status: r?.status ?? 'not-started',
			detail: r?.detail ?? null,
			updatedAt: r ? iso(r.updatedAt) : null
		};
	});

	const record = loaded[0];
	const due = record
		? obligationsFor(record.record, record.victim, iso(now))
				.filter((o) => o.status === 'open' || o.status === 'due-soon' || o.status === 'overdue')
				.sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0]
		: undefined;

	const sc = found.safeContact;
	return {
		caseworker: {
			name: found.caseworkerName,
			email: found.caseworkerEmail,
			phone: found.caseworkerPhone
		},
		hearings: portalHearings,
		nextHearingId: portalHearings.find((h) => h.upcoming)?.id ?? null,
		rights,
		referrals: referralRows.map((r) => ({
			id: r.id,
			serviceId: r.serviceId,
			status: r.status,
			since: iso(
				[r.closedAt, r.respondedAt, r.madeAt, r.consentRecordedAt, r.offeredAt]
					.filter((d): d is Date => d !== null)
					.sort((a, b) => b.getTime() - a.getTime())[0]!
			)
		})),
		nextContact: due ? { by: due.dueAt, late: due.status === 'overdue' } : null,
		contact: {
			preferredChannel: sc.preferredChannel,
			phone: sc.phone,
			email: sc.email,
			safeTimes: sc.safeTimes,
			voicemailAllowed: sc.voicemailAllowed,
			voicemailMessage: sc.voicemailMessage,
			version: found.victimVersion
		},
		caseId,
		victimId
	};
}

/** The victim's open case, for the portal's actions: the same case their pages show. */
export async function portalCaseOf(
	db: Database,
	victimId: string
): Promise<{ caseId: string; victimVersion: number; safeContact: SafeContact } | null> {
	const [found] = await db
		.select({
			caseId: cases.id,
			victimVersion: victims.version,
			safeContact: victims.safeContact
		})
		.from(cases)
		.innerJoin(victims, eq(victims.id, cases.victimId))
		.where(and(eq(cases.victimId, victimId), eq(cases.status, 'open')))
		.orderBy(asc(cases.reportedAt))
		.limit(1);
	return found ?? null;
}

/** The language the victim chose for their portal; English until they choose. */
export async function portalLocale(db: Database, userId: string): Promise<Locale> {
	const [row] = await db
		.select({ locale: users.locale })
		.from(users)
		.where(eq(users.id, userId))
		.limit(1);
	return isLocale(row?.locale) ? row.locale : 'en';
}
