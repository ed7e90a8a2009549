import type { CrimeType } from './reference-data';

/**
 * The Victims' Code clocks as data (domain brief, "Clocks"). A change to the Code — a new count of
 * working days, a rule confirmed or withdrawn — is an edit to this table, not to the engine.
 */
export const RULE_IDS = [
	'R3_INITIAL_INFO',
	'R4_REFERRAL',
	'R6_INVESTIGATION_UPDATE',
	'R8_HEARING',
	'R8_BAIL_OUTCOME',
	'R8_TO_GIVE_EVIDENCE',
	'R9_OUTCOME',
	'R11_VCS_REFERRAL',
	'R12_COMPLAINT'
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** The hub's own cadence: not a Code right, so kept apart from the rule ids. */
export const REGULAR_UPDATE = 'HUB_REGULAR_UPDATE' as const;
export type ObligationRule = RuleId | typeof REGULAR_UPDATE;

/** What starts a clock. Most clocks start when the hub *receives* the news, not at the event. */
export type TriggerKind =
	| 'crime-reported'
	| 'decision'
	| 'hearing-notice'
	| 'bail-outcome'
	| 'to-give-evidence'
	| 'case-outcome'
	| 'sentence'
	| 'complaint';

export type CodeRule = {
	id: RuleId;
	/** The right of the 2021 Code the duty serves. */
	right: number;
	triggers: readonly TriggerKind[];
	/** Working days to the deadline: day one is the first working day after the trigger's day. */
	workingDays: { standard: number; enhanced: number };
	/** What the caseworker must do, in plain words, for the obligation list. */
	duty: string;
	source: string;
	/** True where the source is uncertain and the number must stay easy to change. */
	unconfirmed?: boolean;
};

export const CODE_RULES: Readonly<Record<RuleId, CodeRule>> = {
	R3_INITIAL_INFO: {
		id: 'R3_INITIAL_INFO',
		right: 3,
		triggers: ['crime-reported'],
		workingDays: { standard: 5, enhanced: 1 },
		duty: 'Give information about what happens next and where to get support',
		source: 'Victims\u2019 Code 2021, para 3.6 (via covrj.uk)'
	},
	R4_REFERRAL: {
		id: 'R4_REFERRAL',
		right: 4,
		triggers: ['crime-reported'],
		workingDays: { standard: 2, enhanced: 2 },
		duty: 'Refer to a support service, or record that the victim declined',
		source: 'Bedfordshire PCC, Right 4 (bedfordshire.pcc.police.uk)'
	},
	R6_INVESTIGATION_UPDATE: {
		id: 'R6_INVESTIGATION_UPDATE',
		right: 6,
		triggers: ['decision'],
		workingDays: { standard: 5, enhanced: 1 },
		duty: 'Tell them about the decision in the investigation',
		source: 'Bedfordshire PCC, Right 6'
	},
	R8_HEARING: {
		id: 'R8_HEARING',
		right: 8,
		triggers: ['hearing-notice'],
		// Right 8: 1 working day for every victim, enhanced or not.
		workingDays: { standard: 1, enhanced: 1 },
		duty: 'Tell them the hearing date, time and place, or what changed',
		source: 'Bedfordshire PCC, Right 8; MoJ answer on Right 8.1'
	},
	R8_BAIL_OUTCOME: {
		id: 'R8_BAIL_OUTCOME',
		right: 8,
		triggers: ['bail-outcome'],
		workingDays: { standard: 5, enhanced: 1 },
		duty: 'Tell them the bail decision and any conditions',
		source: 'Bedfordshire PCC, Right 8'
	},
	R8_TO_GIVE_EVIDENCE: {
		id: 'R8_TO_GIVE_EVIDENCE',
		right: 8,
		triggers: ['to-give-evidence'],
		workingDays: { standard: 1, enhanced: 1 },
		duty: 'Tell them they will need to give evidence',
		source: 'Bedfordshire PCC, Right 8'
	},
	R9_OUTCOME: {
		id: 'R9_OUTCOME',
		right: 9,
		triggers: ['case-outcome', 'sentence'],
		workingDays: { standard: 1, enhanced: 1 },
		duty: 'Tell them the outcome of the case',
		source: 'Bedfordshire PCC, Right 9'
	},
	R11_VCS_REFERRAL: {
		id: 'R11_VCS_REFERRAL',
		right: 11,
		triggers: ['sentence'],
		workingDays: { standard: 10, enhanced: 10 },
		duty: 'Refer them to the Victim Contact Scheme',
		source: 'Bedfordshire PCC, Right 11'
	},
	R12_COMPLAINT: {
		id: 'R12_COMPLAINT',
		right: 12,
		triggers: ['complaint'],
		workingDays: { standard: 10, enhanced: 10 },
		duty: 'Respond to the complaint, or acknowledge it with a timescale',
		source: 'Victims\u2019 Code 2015 (victimscommissioner.org.uk); not confirmed for the 2021 Code',
		unconfirmed: true
	}
};

/** Hub policy, not the Code: how often a victim hears from the hub at least (calendar days). */
export type RegularUpdatePolicy = { enhancedDays: number; standardDays: number };
export const DEFAULT_REGULAR_UPDATE: RegularUpdatePolicy = { enhancedDays: 14, standardDays: 28 };

/**
 * Right 11: a sentence of 12 months' custody or more (or a hospital order) for a specified violent
 * or sexual offence opens the Victim Contact Scheme. Which crime types count is configurable: the
 * statutory list is of offences, and the hub records crime types.
 */
export const VCS_MIN_CUSTODY_MONTHS = 12;
export const VCS_CRIME_TYPES: ReadonlySet<CrimeType> = new Set<CrimeType>([
	'domestic-abuse',
	'sexual-offence',
	'stalking',
	'robbery',
	'assault',
	'gbh-with-intent',
	'attempted-murder',
	'homicide',
	'kidnap',
	'human-trafficking',
	'arson-endangering-life'
]);

/** The clocks that serve a right of the Code ("which rules relate to it"). */
export function rulesForRight(right: number): RuleId[] {
	return RULE_IDS.filter((id) => CODE_RULES[id].right === right);
}
