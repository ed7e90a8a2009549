import { TZDate } from '@date-fns/tz';
import {
	deadlineFor,
	isRight8Notice,
	VCS_CRIME_TYPES,
	VCS_MIN_CUSTODY_MONTHS,
	type CaseEventKind,
	type RuleId,
	CODE_RIGHTS_2021,
	LONDON,
	CRIME_TYPES,
	LONDON_COURTS,
	type ContactChannel,
	type ContactOutcome,
	type CrimeType,
	type EnhancedRightsGroup,
	type FieldChange,
	type HearingChangeSource,
	type HearingState,
	type HearingType,
	type SafeContact,
	type Victim
} from '$lib/domain';
import type * as schema from '../db/schema';
import {
	ADJOURNMENT_REASONS,
	DEMO_STAFF,
	FAMILY_NAMES,
	GIVEN_NAMES_F,
	GIVEN_NAMES_M,
	LANGUAGES_OTHER,
	TEAM_AREAS
} from './names';
import { Random } from './random';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export type StaffRow = Insert<typeof schema.users>;
export type CaseBundle = {
	victim: Insert<typeof schema.victims>;
	case: Insert<typeof schema.cases>;
	assignments: Insert<typeof schema.caseAssignments>[];
	events: Insert<typeof schema.caseEvents>[];
	hearings: Insert<typeof schema.hearings>[];
	hearingChanges: Insert<typeof schema.hearingChanges>[];
	referrals: Insert<typeof schema.referrals>[];
	contacts: Insert<typeof schema.contacts>[];
	rights: Insert<typeof schema.rightsRecords>[];
	waivers: Insert<typeof schema.obligationWaivers>[];
};

export type DemoOptions = {
	/** Same seed and same `now` → the same dataset, id for id. */
	seed: number;
	cases: number;
	/** The moment the data is generated around: past contacts, future hearings. */
	now: Date;
	/** Teams of one supervisor and six caseworkers; cases are spread across them. */
	teams: number;
};

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_VICTIM_EMAIL = 'victim@demo.test';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CRIME_WEIGHTS: readonly (readonly [CrimeType, number])[] = CRIME_TYPES.map((t) => [
	t,
	(
		{
			'domestic-abuse': 22,
			'sexual-offence': 9,
			stalking: 7,
			harassment: 6,
			'hate-crime': 5,
			robbery: 8,
			burglary: 8,
			assault: 12,
			'gbh-with-intent': 5,
			'attempted-murder': 1,
			homicide: 1,
			kidnap: 1,
			'human-trafficking': 1,
			'arson-endangering-life': 1,
			fraud: 6,
			'criminal-damage': 3,
			theft: 4
		} satisfies Record<CrimeType, number>
	)[t]
]);

/** Crimes whose victims are "most serious crime" victims (domain brief, "Enhanced rights"). */
const MOST_SERIOUS: ReadonlySet<CrimeType> = new Set([
	'domestic-abuse',
	'sexual-offence',
	'hate-crime',
	'gbh-with-intent',
	'attempted-murder',
	'homicide',
	'kidnap',
	'human-trafficking',
	'arson-endangering-life'
]);
const SAFETY_SENSITIVE: ReadonlySet<CrimeType> = new Set([
	'domestic-abuse',
	'sexual-offence',
	'stalking',
	'harassment'
]);

const SPECIALIST_SERVICE: Partial<Record<CrimeType, string>> = {
	'domestic-abuse': 'idva',
	'sexual-offence': 'isva',
	stalking: 'stalking-advocacy',
	harassment: 'stalking-advocacy',
	'hate-crime': 'hate-crime-advocacy',
	homicide: 'bereaved-families'
};

/** A weekday moment in office hours, on or after `at`: when notices arrive and calls are made. */
function officeHours(rng: Random, at: number): Date {
	const d = new Date(at);
	d.setUTCHours(rng.int(8, 16), rng.int(0, 59), rng.int(0, 59), 0);
	while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setTime(d.getTime() + DAY);
	return d;
}

/** A court sitting time: 10:00 London time (GMT or BST), on a weekday. */
function sittingTime(at: number): Date {
	const day = new TZDate(at, LONDON);
	for (let offset = 0; ; offset++) {
		const d = new TZDate(
			day.getFullYear(),
			day.getMonth(),
			day.getDate() + offset,
			10,
			0,
			0,
			LONDON
		);
		if (d.getDay() !== 0 && d.getDay() !== 6) return new Date(d.getTime());
	}
}

export function generateStaff(rng: Random, options: DemoOptions, passwordHash: string) {
	const teams: Insert<typeof schema.teams>[] = [];
	const staff: StaffRow[] = [];
	const caseworkersByTeam: string[][] = [];
	const created = new Date(options.now.getTime() - 400 * DAY);
	for (let t = 0; t < options.teams; t++) {
		const teamId = rng.uuid(created);
		const area = TEAM_AREAS[t % TEAM_AREAS.length]!;
		teams.push({
			id: teamId,
			name: t < TEAM_AREAS.length ? area : `${area} ${Math.floor(t / TEAM_AREAS.length) + 1}`
		});
		const caseworkers: string[] = [];
		for (const [i, person] of DEMO_STAFF.entries()) {
			// The first team is the demo team with the documented sign-ins; others get numbered addresses.
			const email = t === 0 ? person.email : person.email.replace('@', `.team${t + 1}@`);
			const id = rng.uuid(created);
			staff.push({
				id,
				email,
				displayName:
					t === 0 ? person.displayName : `${rng.pick(GIVEN_NAMES_F)} ${rng.pick(FAMILY_NAMES)}`,
				role: person.role,
				teamId,
				victimId: null,
				passwordHash,
				active: true,
				// Ofcom's range for drama (020 7946 0000–0999): a number that can never ring anyone.
				workPhone: `020 7946 0${String((t * DEMO_STAFF.length + i) % 1000).padStart(3, '0')}`,
				createdAt: created
			});
			if (person.role === 'caseworker') caseworkers.push(id);
		}
		caseworkersByTeam.push(caseworkers);
	}
	return { teams, staff, caseworkersByTeam };
}

type CaseContext = {
	rng: Random;
	now: Date;
	teamId: string;
	caseworkers: string[];
	/** The demo victim's case: caseworker@demo.test's, with a trial moved at least twice. */
	demoVictimCase: boolean;
};

export function generateCase(ctx: CaseContext): CaseBundle {
	const { rng, now, demoVictimCase } = ctx;
	const nowMs = now.getTime();
	const crimeType: CrimeType = demoVictimCase ? 'stalking' : rng.weighted(CRIME_WEIGHTS);
	// Reported between 3 weeks and 18 months ago, more of them recent.
	const ageDays = demoVictimCase ? 240 : Math.floor(21 + Math.pow(rng.next(), 1.6) * 520);
	const reportedAt = officeHours(rng, nowMs - ageDays * DAY);
	const caseworkerId = demoVictimCase ? ctx.caseworkers[0]! : rng.pick(ctx.caseworkers);

	const victim = generateVictim(rng, crimeType, reportedAt, demoVictimCase);
	const caseId = rng.uuid(reportedAt);
	const connect = reportedAt >= new Date('2024-02-28T00:00:00Z');
	const yy = String(reportedAt.getUTCFullYear()).slice(2);
	const bundle: CaseBundle = {
		victim,
		case: {
			id: caseId,
			victimId: victim.id,
			teamId: ctx.teamId,
			crimeType,
			// Prefixed DEMO so a synthetic reference can never match a real one.
			crimeReferenceSystem: connect ? 'CONNECT' : 'CRIS',
			crimeReference: connect
				? `DEMO-${String(rng.int(1, 99_999_999)).padStart(8, '0')}`
				: `DEMO-${String(rng.int(1, 9_999_999)).padStart(7, '0')}/${yy}`,
			reportedAt,
			assignedCaseworkerId: caseworkerId,
			status: 'open',
			closedAt: null,
			createdAt: reportedAt
		},
		assignments: [],
		events: [],
		hearings: [],
		hearingChanges: [],
		referrals: [],
		contacts: [],
		rights: [],
		waivers: []
	};

	// Assignment history: about one case in eight changed hands once.
	const firstAssigned = new Date(reportedAt.getTime() + 2 * HOUR);
	if (!demoVictimCase && rng.chance(0.125) && ctx.caseworkers.length > 1) {
		const previous = rng.pick(ctx.caseworkers.filter((c) => c !== caseworkerId));
		bundle.assignments.push({
			id: rng.uuid(firstAssigned),
			caseId,
			caseworkerId: previous,
			assignedAt: firstAssigned,
			assignedBy: null,
			reason: 'New referral from the police'
		});
		const moved = new Date(firstAssigned.getTime() + rng.int(7, Math.max(8, ageDays - 7)) * DAY);
		bundle.assignments.push({
			id: rng.uuid(moved),
			caseId,
			caseworkerId,
			assignedAt: moved,
			assignedBy: null,
			reason: rng.pick([
				'Caseload rebalanced across the team',
				'Previous caseworker on long-term leave',
				'Victim asked for a different caseworker'
			])
		});
	} else {
		bundle.assignments.push({
			id: rng.uuid(firstAssigned),
			caseId,
			caseworkerId,
			assignedAt: firstAssigned,
			assignedBy: null,
			reason: 'New referral from the police'
		});
	}

	const enhanced = victim.enhancedRights.length > 0;
	const addContact = (
		at: number,
		summary: string,
		informed: string[],
		outcome?: ContactOutcome
	): void => {
		if (at >= nowMs) return;
		const channel: ContactChannel = victim.safeContact.preferredChannel;
		const result =
			outcome ??
			rng.weighted<ContactOutcome>([
				['reached', 70],
				['no-answer', 14],
				['voicemail-left', victim.safeContact.voicemailAllowed ? 8 : 0],
				['message-sent', channel === 'email' || channel === 'sms' || channel === 'letter' ? 20 : 4]
			]);
		const occurredAt = new Date(at);
		bundle.contacts.push({
			id: rng.uuid(occurredAt),
			caseId,
			occurredAt,
			channel: result === 'message-sent' && channel === 'phone' ? 'sms' : channel,
			direction: rng.chance(0.85) ? 'outbound' : 'inbound',
			outcome: result,
			summary:
				result === 'reached' || result === 'message-sent'
					? summary
					: result === 'no-answer'
						? 'Tried to call; no answer. Will try again in the safe time window.'
						: 'Left the agreed neutral voicemail asking for a call back.',
			informedObligations: result === 'reached' || result === 'message-sent' ? informed : [],
			amendsContactId: null,
			recordedBy: caseworkerId,
			recordedAt: new Date(at + rng.int(2, 40) * 60_000)
		});
		// A failed attempt does not meet an obligation, so the caseworker tries again a few hours later.
		if (informed.length > 0 && result !== 'reached' && result !== 'message-sent')
			addContact(at + rng.int(2, 26) * HOUR, summary, informed, 'reached');
	};

	/**
	 * Answers a Code clock the way a stretched team does, with the deadline from the Code engine:
	 * mostly on time, sometimes late, now and then not at all (an overdue obligation). Clocks still
	 * running are answered less often, so the demo always has some due soon or just overdue.
	 */
	const respond = (
		rule: RuleId,
		triggerId: string,
		triggerMs: number,
		summary: string,
		also: string[] = []
	) => {
		const dueMs = Date.parse(deadlineFor(rule, new Date(triggerMs).toISOString(), { enhanced }));
		const running = dueMs > nowMs - 3 * DAY;
		const roll = rng.next();
		let at: number | null = null;
		if (roll < (running ? 0.55 : 0.85)) {
			const latest = Math.min(dueMs, nowMs) - HOUR;
			at = triggerMs + HOUR + rng.next() * Math.max(0, latest - triggerMs - HOUR);
		} else if (!running && roll < 0.95) {
			at = dueMs + rng.int(2, 96) * HOUR;
		}
		if (at !== null) addContact(Math.round(at), summary, [`${rule}:${triggerId}`, ...also]);
		return at;
	};
	const addEvent = (
		kind: CaseEventKind,
		receivedMs: number,
		detail: string,
		custodyMonths: number | null = null
	) => {
		const receivedAt = new Date(receivedMs);
		const id = rng.uuid(receivedAt);
		bundle.events.push({
			id,
			caseId,
			kind,
			decision: null,
			custodyMonths,
			detail,
			occurredAt: new Date(receivedMs - rng.int(1, 20) * HOUR),
			receivedAt,
			recordedBy: caseworkerId,
			recordedAt: new Date(receivedMs + HOUR)
		});
		return id;
	};

	// Rights 3 and 4: the first contact explains the Code and offers support services.
	const firstContactAt = respond(
		'R3_INITIAL_INFO',
		caseId,
		reportedAt.getTime(),
		'Introduced myself as the single point of contact. Explained the Victims\u2019 Code rights, what happens next, and offered referral to support services.',
		[`R4_REFERRAL:${caseId}`]
	);
	generateReferrals(
		rng,
		bundle,
		crimeType,
		victim,
		new Date(firstContactAt ?? reportedAt.getTime() + 3 * HOUR),
		nowMs
	);

	// Investigation decisions (Right 6) and, for most cases, a charge and hearings.
	const charged = demoVictimCase || rng.chance(0.72);
	let t = reportedAt.getTime() + rng.int(1, 10) * DAY;
	const decisions = charged
		? (['arrest', 'interview', 'charge'] as const)
		: rng.pick([
				['arrest', 'interview', 'released-under-investigation'],
				['arrest', 'released-without-charge'],
				['no-further-action']
			] as const);
	for (const decision of decisions) {
		if (t >= nowMs - DAY) break;
		const occurredAt = officeHours(rng, t);
		const receivedAt = new Date(occurredAt.getTime() + rng.int(1, 30) * HOUR);
		if (receivedAt.getTime() >= nowMs) break;
		const eventId = rng.uuid(receivedAt);
		bundle.events.push({
			id: eventId,
			caseId,
			kind: 'decision',
			decision,
			custodyMonths: null,
			detail: decisionDetail(decision),
			occurredAt,
			receivedAt,
			recordedBy: caseworkerId,
			recordedAt: new Date(receivedAt.getTime() + HOUR)
		});
		respond(
			'R6_INVESTIGATION_UPDATE',
			eventId,
			receivedAt.getTime(),
			`Told the victim about the ${decision.replaceAll('-', ' ')} decision and what it means.`
		);
		t = receivedAt.getTime() + rng.int(3, 30) * DAY;
	}

	if (charged)
		generateHearings(rng, bundle, {
			caseId,
			caseworkerId,
			chargedAt: t,
			nowMs,
			demoVictimCase,
			crimeType,
			respond,
			addEvent
		});

	// Right 12: now and then a complaint, answered within the (configurable) 10 working days.
	if (!demoVictimCase && rng.chance(0.02)) {
		const at = officeHours(rng, nowMs - rng.int(2, 150) * DAY).getTime();
		if (at > reportedAt.getTime()) {
			const id = addEvent(
				'complaint',
				at,
				'Victim complained that they were not told about a bail decision.'
			);
			respond(
				'R12_COMPLAINT',
				id,
				at,
				'Acknowledged the complaint and explained it will be answered within 20 working days.'
			);
		}
	}

	// Some victims opt out of the regular calls: they will ring when they want news.
	if (!demoVictimCase && rng.chance(0.03)) {
		const recordedAt = new Date(reportedAt.getTime() + rng.int(5, 60) * DAY);
		if (recordedAt.getTime() < nowMs)
			bundle.waivers.push({
				id: rng.uuid(recordedAt),
				caseId,
				obligationKey: null,
				rule: 'HUB_REGULAR_UPDATE',
				reason: 'Prefers to contact us when they want news; still wants court dates and decisions.',
				agreedBy: 'Victim, by phone',
				recordedBy: caseworkerId,
				recordedAt
			});
	}

	// Regular updates (hub policy, DEFAULT_REGULAR_UPDATE): mostly inside the cadence, sometimes not.
	const cadence = enhanced ? 14 : 28;
	const gap = () =>
		(rng.chance(0.85)
			? rng.int(Math.round(cadence / 2), cadence - 3)
			: rng.int(cadence + 1, cadence + 12)) * DAY;
	let regular = (firstContactAt ?? reportedAt.getTime()) + gap();
	while (regular < nowMs - DAY) {
		addContact(
			officeHours(rng, regular).getTime(),
			rng.pick([
				'Regular update: no news from the police this week; checked how the victim is doing.',
				'Regular update: explained the case is still with the CPS; victim feels supported by the advocate.',
				'Regular check-in. Victim asked about expenses for attending court; explained how to claim.',
				'Regular update; reminded the victim of the witness service visit they can book.'
			]),
			// Any contact that reaches the victim meets the regular-update cadence: no link needed.
			[]
		);
		regular += gap();
	}

	generateRights(rng, bundle, reportedAt, caseworkerId, charged, nowMs);
	return bundle;
}

function generateVictim(
	rng: Random,
	crimeType: CrimeType,
	reportedAt: Date,
	demo: boolean
): Insert<typeof schema.victims> {
	const female = demo || (SAFETY_SENSITIVE.has(crimeType) ? rng.chance(0.85) : rng.chance(0.5));
	const givenName = demo ? 'Jo' : rng.pick(female ? GIVEN_NAMES_F : GIVEN_NAMES_M);
	const familyName = demo ? 'Bennett' : rng.pick(FAMILY_NAMES);
	const age = demo ? 34 : rng.chance(0.08) ? rng.int(12, 17) : rng.int(18, 84);
	const dob = new Date(reportedAt.getTime() - (age * 365.25 + rng.int(0, 300)) * DAY);
	const otherLanguage = !demo && rng.chance(0.18) ? rng.pick(LANGUAGES_OTHER) : null;
	const interpreter = otherLanguage !== null && rng.chance(0.45);

	const enhancedRights: { group: EnhancedRightsGroup; reason: string }[] = [];
	// Assessed when the crime was reported, so every clock from the report uses it.
	const applies = { appliesFrom: reportedAt.toISOString(), endedAt: null };
	if (MOST_SERIOUS.has(crimeType))
		enhancedRights.push({
			group: 'most-serious-crime',
			reason: `Victim of ${crimeType.replaceAll('-', ' ')}`
		});
	if (crimeType === 'stalking' || crimeType === 'harassment')
		enhancedRights.push({
			group: 'persistently-targeted',
			reason: 'Targeted repeatedly over several months'
		});
	if (age < 18)
		enhancedRights.push({
			group: 'vulnerable-or-intimidated',
			reason: 'Under 18 at the time of the offence'
		});
	else if (crimeType === 'sexual-offence' || crimeType === 'human-trafficking')
		enhancedRights.push({
			group: 'vulnerable-or-intimidated',
			reason: 'Intimidated automatically: sexual offence or trafficking victim'
		});
	else if (rng.chance(0.06))
		enhancedRights.push({
			group: 'vulnerable-or-intimidated',
			reason: 'Fear and distress about giving evidence'
		});

	const sensitive = SAFETY_SENSITIVE.has(crimeType);
	const preferredChannel = rng.weighted<ContactChannel>([
		['phone', 60],
		['email', 18],
		['sms', 14],
		['letter', sensitive ? 0 : 5],
		['in-person', 3]
	]);
	const phone = `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`; // Ofcom's drama range: never a real line.
	const safeContact: SafeContact = {
		preferredChannel,
		phone,
		email: `${givenName}.${familyName}${rng.int(1, 99)}@example.com`.toLowerCase(),
		safeTimes:
			sensitive || demo
				? [
						{
							days: ['mon', 'tue', 'wed', 'thu', 'fri'],
							from: rng.pick(['09:00', '09:30', '10:00']),
							to: rng.pick(['12:00', '15:00', '16:30'])
						}
					]
				: rng.chance(0.3)
					? [{ days: ['mon', 'wed', 'fri'], from: '17:30', to: '20:00' }]
					: [],
		voicemailAllowed: !sensitive && !demo && rng.chance(0.7),
		neverUse:
			sensitive && (demo || rng.chance(0.6))
				? [
						{
							kind: 'phone',
							value: `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`,
							note: 'Old number: the suspect may have access to it'
						}
					]
				: []
	};
	if (safeContact.voicemailAllowed)
		safeContact.voicemailMessage =
			'Name only, and ask for a call back. Do not mention the police or the case.';
	if (sensitive) safeContact.notes = 'Check it is safe to talk before discussing the case.';

	return {
		id: rng.uuid(reportedAt),
		title: female ? rng.pick(['Ms', 'Mrs', 'Miss', 'Ms']) : 'Mr',
		givenName,
		familyName,
		dateOfBirth: dob.toISOString().slice(0, 10),
		languages: otherLanguage ? [otherLanguage, 'English'] : ['English'],
		interpreterNeeded: interpreter,
		interpreterLanguage: interpreter ? otherLanguage : null,
		enhancedRights: enhancedRights.map((e) => ({
			...e,
			...applies,
			endReason: null,
			recordedBy: null,
			endedBy: null
		})),
		safeContact,
		address: `${rng.int(1, 240)} ${rng.pick(['Station Road', 'Church Street', 'Park Avenue', 'Victoria Road', 'Green Lane', 'Manor Way', 'Albert Road', 'Kings Road'])}, London`,
		confidentialAddress: sensitive && (demo || rng.chance(0.35)),
		createdAt: reportedAt
	} satisfies Insert<typeof schema.victims> & { enhancedRights: Victim['enhancedRights'] };
}

function decisionDetail(decision: string): string {
	const details: Record<string, string> = {
		arrest: 'Suspect arrested by the investigating officer.',
		interview: 'Suspect interviewed under caution.',
		charge: 'CPS authorised a charge; first hearing to be listed.',
		'released-under-investigation':
			'Suspect released under investigation while enquiries continue.',
		'released-without-charge': 'Suspect released without charge.',
		'no-further-action': 'Police decided to take no further action: not enough evidence.'
	};
	return details[decision] ?? 'Decision received.';
}

function generateReferrals(
	rng: Random,
	bundle: CaseBundle,
	crimeType: CrimeType,
	victim: Insert<typeof schema.victims>,
	offeredAt: Date,
	nowMs: number
) {
	const services = ['general-victim-support'];
	const specialist = SPECIALIST_SERVICE[crimeType];
	if (specialist) services.unshift(specialist);
	if (victim.enhancedRights.some((e) => e.reason.startsWith('Under 18')))
		services.push('young-victims');
	for (const serviceId of services) {
		const declined = rng.chance(0.15);
		const madeAt = new Date(offeredAt.getTime() + rng.int(1, 36) * HOUR);
		const respondedAt = new Date(madeAt.getTime() + rng.int(1, 10) * DAY);
		const status = declined
			? 'declined'
			: madeAt.getTime() > nowMs
				? 'offered'
				: respondedAt.getTime() > nowMs
					? 'made'
					: rng.weighted([
							['accepted', 80],
							['rejected', 5],
							['closed', 15]
						] as const);
		bundle.referrals.push({
			id: rng.uuid(offeredAt),
			caseId: bundle.case.id,
			serviceId,
			status,
			consent: status === 'offered' ? 'not-asked' : declined ? 'refused' : 'given',
			consentRecordedAt: status === 'offered' ? null : offeredAt,
			offeredAt,
			madeAt: status === 'offered' || declined ? null : madeAt,
			respondedAt:
				status === 'accepted' || status === 'rejected' || status === 'closed' ? respondedAt : null,
			closedAt: status === 'closed' ? new Date(respondedAt.getTime() + 60 * DAY) : null,
			notes: declined
				? 'Victim said they have support from family for now; can be referred later.'
				: null
		});
	}
}

type HearingPlan = {
	caseId: string;
	caseworkerId: string;
	chargedAt: number;
	nowMs: number;
	demoVictimCase: boolean;
	crimeType: CrimeType;
	respond: (rule: RuleId, triggerId: string, triggerMs: number, summary: string) => number | null;
	addEvent: (
		kind: CaseEventKind,
		receivedMs: number,
		detail: string,
		custodyMonths?: number | null
	) => string;
};

const MAGISTRATES = LONDON_COURTS.filter((c) => c.kind === 'magistrates');
const CROWN = LONDON_COURTS.filter((c) => c.kind === 'crown');

function generateHearings(rng: Random, bundle: CaseBundle, plan: HearingPlan) {
	const { nowMs } = plan;
	const magistrates = rng.pick(MAGISTRATES);
	const crown = rng.pick(CROWN);
	// First appearance two to four weeks after charge, then the Crown Court for the rest.
	const sequence: [HearingType, number][] = [
		['first-appearance', rng.int(14, 28)],
		['ptph', rng.int(28, 42)],
		['trial', rng.int(90, 200)]
	];
	let at = plan.chargedAt;
	for (const [type, gapDays] of sequence) {
		// The demo victim's trial was first listed two months ago; its last move puts it six weeks ahead.
		at = plan.demoVictimCase && type === 'trial' ? nowMs - 60 * DAY : at + gapDays * DAY;
		const court = type === 'first-appearance' ? magistrates : crown;
		const noticeAt = officeHours(rng, at - rng.int(7, 21) * DAY);
		if (noticeAt.getTime() >= nowMs) break; // not listed yet
		let startsAt = sittingTime(at);
		const hearingId = rng.uuid(noticeAt);
		const courtroom = `Court ${rng.int(1, 12)}`;
		const changes: Insert<typeof schema.hearingChanges>[] = [];
		const listing: FieldChange[] = [
			{ field: 'courtId', from: null, to: court.id },
			{ field: 'courtroom', from: null, to: courtroom },
			{ field: 'type', from: null, to: type },
			{ field: 'startsAt', from: null, to: startsAt.toISOString() },
			{ field: 'state', from: null, to: 'listed' }
		];
		changes.push(
			change(
				rng,
				plan,
				hearingId,
				listing,
				'First listing of the hearing.',
				'court-listing',
				noticeAt
			)
		);
		// Listing a trial usually means the victim will be a witness (Right 8: told within 1 WD).
		if (type === 'trial' && rng.chance(0.7)) {
			const at = noticeAt.getTime() + rng.int(1, 6) * HOUR;
			if (at < nowMs) {
				const id = plan.addEvent(
					'to-give-evidence',
					at,
					'CPS confirmed the victim will be called to give evidence.'
				);
				plan.respond(
					'R8_TO_GIVE_EVIDENCE',
					id,
					at,
					'Explained that they will be a witness at the trial, and about special measures and the witness service.'
				);
			}
		}
		let state: HearingState = 'listed';
		let room = courtroom;

		// Trials move often: 48% of victims with a trial date had it changed, a quarter of those 4+ times.
		const moves =
			type !== 'trial'
				? rng.chance(0.12)
					? 1
					: 0
				: plan.demoVictimCase
					? 3
					: rng.chance(0.48)
						? rng.chance(0.26)
							? rng.int(4, 6)
							: rng.int(1, 3)
						: 0;
		let noticeMs = noticeAt.getTime();
		for (let m = 0; m < moves; m++) {
			const received = officeHours(
				rng,
				Math.max(noticeMs + rng.int(2, 10) * DAY, startsAt.getTime() - rng.int(1, 14) * DAY)
			);
			if (received.getTime() >= nowMs || received.getTime() <= noticeMs) break;
			const lastDemoMove = plan.demoVictimCase && m === moves - 1;
			const newStart = sittingTime(
				lastDemoMove ? nowMs + 42 * DAY : startsAt.getTime() + rng.int(14, 70) * DAY
			);
			const fieldChanges: FieldChange[] = [
				{ field: 'startsAt', from: startsAt.toISOString(), to: newStart.toISOString() }
			];
			if (state !== 'relisted') fieldChanges.push({ field: 'state', from: state, to: 'relisted' });
			if (rng.chance(0.2)) {
				const newRoom = `Court ${rng.int(1, 12)}`;
				if (newRoom !== room) fieldChanges.push({ field: 'courtroom', from: room, to: newRoom });
				room = newRoom;
			}
			const source = rng.weighted<HearingChangeSource>([
				['witness-care-unit', 50],
				['court-listing', 35],
				['cps', 15]
			]);
			changes.push(
				change(rng, plan, hearingId, fieldChanges, rng.pick(ADJOURNMENT_REASONS), source, received)
			);
			startsAt = newStart;
			state = 'relisted';
			noticeMs = received.getTime();
		}
		// A hearing that has happened is marked as it turned out.
		if (startsAt.getTime() + 8 * HOUR < nowMs) {
			const outcome: HearingState =
				type === 'trial'
					? rng.weighted([
							['completed', 55],
							['cracked', 30],
							['ineffective', 15]
						])
					: 'completed';
			const received = new Date(startsAt.getTime() + rng.int(5, 30) * HOUR);
			if (received.getTime() < nowMs) {
				changes.push(
					change(
						rng,
						plan,
						hearingId,
						[{ field: 'state', from: state, to: outcome }],
						outcome === 'cracked'
							? 'The defendant pleaded guilty on the day.'
							: outcome === 'ineffective'
								? 'The trial could not go ahead on the day.'
								: 'The hearing took place.',
						'court-listing',
						received
					)
				);
				state = outcome;
				recordOutcome(rng, plan, type, outcome, received.getTime());
			}
		}
		bundle.hearings.push({
			id: hearingId,
			caseId: plan.caseId,
			courtId: court.id,
			courtroom: room,
			type,
			startsAt,
			state,
			createdAt: noticeAt
		});
		bundle.hearingChanges.push(...changes);
		if (state === 'cracked' || state === 'ineffective') break;
	}
}

/** What a hearing's outcome starts: bail news after a first appearance; verdict and sentence after a trial. */
function recordOutcome(
	rng: Random,
	plan: HearingPlan,
	type: HearingType,
	outcome: HearingState,
	receivedMs: number
) {
	if (type === 'first-appearance' && rng.chance(0.6)) {
		const id = plan.addEvent(
			'bail-outcome',
			receivedMs,
			'Defendant granted conditional bail: no contact with the victim, not to enter their street.'
		);
		plan.respond(
			'R8_BAIL_OUTCOME',
			id,
			receivedMs,
			'Told the victim the bail decision and the conditions, and what to do if they are broken.'
		);
	}
	if (type !== 'trial' || (outcome !== 'completed' && outcome !== 'cracked')) return;
	const guilty = outcome === 'cracked' || rng.chance(0.75);
	const verdict =
		outcome === 'cracked'
			? 'The defendant pleaded guilty.'
			: guilty
				? 'The defendant was found guilty.'
				: 'The defendant was found not guilty.';
	const outcomeId = plan.addEvent('case-outcome', receivedMs, verdict);
	plan.respond(
		'R9_OUTCOME',
		outcomeId,
		receivedMs,
		`Told the victim the outcome: ${verdict.toLowerCase()}`
	);
	if (!guilty) return;
	const sentencedMs = officeHours(rng, receivedMs + rng.int(28, 56) * DAY).getTime();
	if (sentencedMs >= plan.nowMs) return;
	const months = rng.weighted<number>([
		[0, 40],
		[rng.int(3, 11), 20],
		[rng.int(12, 72), 40]
	]);
	const detail =
		months === 0
			? 'Community order with a restraining order.'
			: `Sentenced to ${months} months in custody.`;
	const sentenceId = plan.addEvent('sentence', sentencedMs, detail, months);
	plan.respond(
		'R9_OUTCOME',
		sentenceId,
		sentencedMs,
		`Told the victim the sentence: ${detail.toLowerCase()}`
	);
	if (months >= VCS_MIN_CUSTODY_MONTHS && VCS_CRIME_TYPES.has(plan.crimeType))
		plan.respond(
			'R11_VCS_REFERRAL',
			sentenceId,
			sentencedMs,
			'Referred the victim to the Victim Contact Scheme and explained what it offers.'
		);
}

function change(
	rng: Random,
	plan: HearingPlan,
	hearingId: string,
	changes: FieldChange[],
	reason: string,
	source: HearingChangeSource,
	receivedAt: Date
): Insert<typeof schema.hearingChanges> {
	const id = rng.uuid(receivedAt);
	const recordedAt = new Date(receivedAt.getTime() + rng.int(5, 90) * 60_000);
	// Right 8: every listing or change must reach the victim within 1 working day.
	if (isRight8Notice({ changes })) {
		const moved = changes.find((c) => c.field === 'startsAt')?.from;
		plan.respond(
			'R8_HEARING',
			id,
			receivedAt.getTime(),
			moved
				? `Told the victim the hearing has moved to a new date. Reason given: ${reason}`
				: 'Told the victim about the hearing date, time and court, and what will happen there.'
		);
	}
	return {
		id,
		hearingId,
		caseId: plan.caseId,
		changes,
		reason,
		source,
		receivedAt,
		recordedAt,
		recordedBy: plan.caseworkerId
	};
}

function generateRights(
	rng: Random,
	bundle: CaseBundle,
	reportedAt: Date,
	caseworkerId: string,
	charged: boolean,
	nowMs: number
) {
	const explainedAt = new Date(Math.min(nowMs - HOUR, reportedAt.getTime() + 2 * DAY));
	for (const right of CODE_RIGHTS_2021) {
		const n = right.number;
		const status =
			n <= 4
				? 'delivered'
				: n === 5 || n === 6 || n === 12
					? 'explained'
					: n === 7
						? rng.weighted([
								['delivered', 40],
								['explained', 50],
								['not-started', 10]
							] as const)
						: n === 8 && charged
							? 'explained'
							: n === 10 && charged
								? 'explained'
								: 'not-started';
		if (status === 'not-started') continue;
		bundle.rights.push({
			id: rng.uuid(explainedAt),
			caseId: bundle.case.id,
			codeVersion: '2021',
			rightNumber: n,
			status,
			evidence:
				status === 'delivered'
					? `Delivered at first contact; recorded in the contact log.`
					: 'Explained to the victim by phone; leaflet sent.',
			updatedBy: caseworkerId,
			updatedAt: explainedAt
		});
	}
}
