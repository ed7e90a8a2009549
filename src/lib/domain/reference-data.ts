import { z } from 'zod';

/**
 * Reference data. Everything here is data, not logic: courts, services and the Code's rights
 * change (a draft new Code was published in Feb 2026), so the server stores them in tables
 * seeded from these lists and the UI reads names from there, never from scattered strings.
 */

export const COURT_KINDS = ['crown', 'magistrates'] as const;
export const CourtKind = z.enum(COURT_KINDS, { error: 'Court kind must be crown or magistrates' });

export const Court = z.object({
	id: z
		.string()
		.regex(/^[a-z0-9-]+$/, { error: 'Court id must be lower-case letters, digits and dashes' }),
	name: z.string().trim().min(1, { error: 'Enter the court name' }).max(120),
	kind: CourtKind,
	/** HMCTS court code where known (e.g. B01KR); not every court's code is public. */
	hmctsCode: z
		.string()
		.regex(/^[A-Z]\d{2}[A-Z]{2}$/, { error: 'HMCTS code must look like B01KR' })
		.nullable(),
	address: z.string().trim().min(1).max(300),
	active: z.boolean()
});
export type Court = z.infer<typeof Court>;

/** London courts, public names (domain brief, "Courts"). Addresses are the courts' public addresses. */
export const LONDON_COURTS: readonly Court[] = [
	{
		id: 'central-criminal-court',
		name: 'Central Criminal Court (Old Bailey)',
		kind: 'crown',
		hmctsCode: null,
		address: 'Old Bailey, London EC4M 7EH',
		active: true
	},
	{
		id: 'croydon-crown',
		name: 'Croydon Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: 'The Law Courts, Altyre Road, Croydon CR9 5AB',
		active: true
	},
	{
		id: 'harrow-crown',
		name: 'Harrow Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: 'Hailsham Drive, Harrow HA1 4TU',
		active: true
	},
	{
		id: 'inner-london-crown',
		name: 'Inner London Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: 'Sessions House, Newington Causeway, London SE1 6AZ',
		active: true
	},
	{
		id: 'isleworth-crown',
		name: 'Isleworth Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: '36 Ridgeway Road, Isleworth TW7 5LP',
		active: true
	},
	{
		id: 'kingston-crown',
		name: 'Kingston-upon-Thames Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: '6-8 Penrhyn Road, Kingston upon Thames KT1 2BB',
		active: true
	},
	{
		id: 'snaresbrook-crown',
		name: 'Snaresbrook Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: '75 Hollybush Hill, London E11 1QW',
		active: true
	},
	{
		id: 'southwark-crown',
		name: 'Southwark Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: '1 English Grounds, London SE1 2HU',
		active: true
	},
	{
		id: 'wood-green-crown',
		name: 'Wood Green Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: 'Woodall House, Lordship Lane, London N22 5LF',
		active: true
	},
	{
		id: 'woolwich-crown',
		name: 'Woolwich Crown Court',
		kind: 'crown',
		hmctsCode: null,
		address: '2 Belmarsh Road, London SE28 0EY',
		active: true
	},
	{
		id: 'barkingside-magistrates',
		name: "Barkingside Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01KR',
		address: '850 Cranbrook Road, Barkingside, Ilford IG6 1HW',
		active: true
	},
	{
		id: 'bexley-magistrates',
		name: "Bexley Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01BH',
		address: 'Norwich Place, Bexleyheath DA6 7ND',
		active: true
	},
	{
		id: 'bromley-magistrates',
		name: "Bromley Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01CN',
		address: '1 London Road, Bromley BR1 1RA',
		active: true
	},
	{
		id: 'camberwell-green-magistrates',
		name: "Camberwell Green Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01CX',
		address: "15 D'Eynsford Road, London SE5 7UP",
		active: true
	},
	{
		id: 'city-of-london-magistrates',
		name: "City of London Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01DU',
		address: '1 Queen Victoria Street, London EC4N 4XY',
		active: true
	},
	{
		id: 'croydon-magistrates',
		name: "Croydon Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01EF',
		address: 'Barclay Road, Croydon CR9 3NG',
		active: true
	},
	{
		id: 'ealing-magistrates',
		name: "Ealing Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01FA',
		address: 'Green Man Lane, London W13 0SD',
		active: true
	},
	{
		id: 'hendon-magistrates',
		name: "Hendon Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01GQ',
		address: 'The Court House, The Hyde, London NW9 7BY',
		active: true
	},
	{
		id: 'highbury-corner-magistrates',
		name: "Highbury Corner Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01GU',
		address: '51 Holloway Road, London N7 8JA',
		active: true
	},
	{
		id: 'lavender-hill-magistrates',
		name: "Lavender Hill Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01LY',
		address: '176a Lavender Hill, London SW11 1JU',
		active: true
	},
	{
		id: 'romford-magistrates',
		name: "Romford Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01LA',
		address: 'Main Road, Romford RM1 3BH',
		active: true
	},
	{
		id: 'stratford-magistrates',
		name: "Stratford Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01MN',
		address: '389-397 High Street, London E15 4SB',
		active: true
	},
	{
		id: 'thames-magistrates',
		name: "Thames Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01ND',
		address: '58 Bow Road, London E3 4DJ',
		active: true
	},
	{
		id: 'uxbridge-magistrates',
		name: "Uxbridge Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01NM',
		address: 'The Court House, Harefield Road, Uxbridge UB8 1PQ',
		active: true
	},
	{
		id: 'westminster-magistrates',
		name: "Westminster Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01IX',
		address: '181 Marylebone Road, London NW1 5BR',
		active: true
	},
	{
		id: 'willesden-magistrates',
		name: "Willesden Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: 'B01CE',
		address: '448 High Road, London NW10 2DZ',
		active: true
	},
	{
		id: 'wimbledon-magistrates',
		name: "Wimbledon Magistrates' Court",
		kind: 'magistrates',
		hmctsCode: null,
		address: 'The Law Courts, Alexandra Road, London SW19 7JP',
		active: true
	}
];

export const HEARING_TYPES = [
	'first-appearance',
	'ptph',
	'pre-trial-review',
	'trial',
	'sentencing',
	'bail-application',
	'appeal',
	'mention'
] as const;
export const HearingType = z.enum(HEARING_TYPES, { error: 'Choose a hearing type from the list' });
export type HearingType = z.infer<typeof HearingType>;

/** Plain-English names; `victimExplanation` is what the victim portal shows. */
export const HEARING_TYPE_LABELS: Record<
	HearingType,
	{ label: string; victimExplanation: string }
> = {
	'first-appearance': {
		label: 'First appearance',
		victimExplanation:
			'The first time the accused person goes to court. The court decides where the case will be heard and whether they stay on bail.'
	},
	ptph: {
		label: 'Plea and trial preparation hearing (PTPH)',
		victimExplanation:
			'The accused person says whether they plead guilty or not guilty, and the court plans the trial.'
	},
	'pre-trial-review': {
		label: 'Pre-trial review',
		victimExplanation: 'The court checks that everyone is ready for the trial.'
	},
	trial: {
		label: 'Trial',
		victimExplanation:
			'The court hears the evidence and decides whether the accused person is guilty.'
	},
	sentencing: {
		label: 'Sentencing',
		victimExplanation: 'The court decides the sentence for a person found guilty.'
	},
	'bail-application': {
		label: 'Bail application',
		victimExplanation:
			'The court decides whether the accused person can stay out of prison until the next hearing, and on what conditions.'
	},
	appeal: {
		label: 'Appeal',
		victimExplanation: 'A higher court looks again at the verdict or the sentence.'
	},
	mention: {
		label: 'Mention',
		victimExplanation: 'A short hearing to deal with one issue in the case.'
	}
};

export const HEARING_STATES = [
	'listed',
	'adjourned',
	'vacated',
	'relisted',
	'effective',
	'ineffective',
	'cracked',
	'completed'
] as const;
export const HearingState = z.enum(HEARING_STATES, {
	error: 'Choose a hearing state from the list'
});
export type HearingState = z.infer<typeof HearingState>;

export const HEARING_STATE_LABELS: Record<HearingState, string> = {
	listed: 'Listed',
	adjourned: 'Adjourned',
	vacated: 'Cancelled (vacated)',
	relisted: 'Relisted',
	effective: 'Went ahead (effective)',
	ineffective: 'Did not go ahead (ineffective)',
	cracked: 'Ended early (cracked)',
	completed: 'Completed'
};

export const SupportService = z.object({
	id: z.string().regex(/^[a-z0-9-]+$/),
	name: z.string().trim().min(1).max(120),
	description: z.string().trim().min(1).max(500),
	active: z.boolean()
});
export type SupportService = z.infer<typeof SupportService>;

/** Kinds of support services a London hub refers to. Names are generic, not real organisations. */
export const SUPPORT_SERVICES: readonly SupportService[] = [
	{
		id: 'general-victim-support',
		name: 'General victim support',
		description: 'Emotional and practical support after any crime.',
		active: true
	},
	{
		id: 'idva',
		name: 'Independent domestic violence advocate (IDVA)',
		description: 'Safety planning and advocacy for victims of domestic abuse at high risk.',
		active: true
	},
	{
		id: 'isva',
		name: 'Independent sexual violence advocate (ISVA)',
		description: 'Support through the justice process after sexual violence.',
		active: true
	},
	{
		id: 'stalking-advocacy',
		name: 'Stalking advocacy',
		description: 'Specialist support for victims of stalking and harassment.',
		active: true
	},
	{
		id: 'hate-crime-advocacy',
		name: 'Hate crime advocacy',
		description: 'Support for victims of hate crime.',
		active: true
	},
	{
		id: 'young-victims',
		name: 'Young victims service',
		description: 'Support for victims under 18 and their families.',
		active: true
	},
	{
		id: 'bereaved-families',
		name: 'Support for bereaved families',
		description: 'Support for close relatives bereaved by crime.',
		active: true
	},
	{
		id: 'witness-service',
		name: 'Witness service',
		description: 'Court familiarisation and support on the day for witnesses.',
		active: true
	},
	{
		id: 'counselling',
		name: 'Trauma counselling',
		description: 'Therapeutic support after a traumatic crime.',
		active: true
	},
	{
		id: 'restorative-justice',
		name: 'Restorative justice',
		description: 'A safe way to communicate with the offender, if the victim wants it.',
		active: true
	}
];

export const CODE_VERSIONS = ['2021'] as const;
export const CodeVersion = z.enum(CODE_VERSIONS, { error: 'Unknown Victims\u2019 Code version' });
/** The Code in force: new rights records are kept against it. */
export const CURRENT_CODE_VERSION = '2021' satisfies (typeof CODE_VERSIONS)[number];
export type CodeVersion = z.infer<typeof CodeVersion>;

export const RightNumber = z
	.number({ error: 'Right number must be a number' })
	.int({ error: 'Right number must be a whole number' })
	.min(1, { error: 'Right number must be between 1 and 12' })
	.max(12, { error: 'Right number must be between 1 and 12' });

export const CodeRight = z.object({
	codeVersion: CodeVersion,
	number: RightNumber,
	title: z.string().trim().min(1).max(200),
	/** The right explained to a victim in plain English. */
	explanation: z.string().trim().min(1).max(1000)
});
export type CodeRight = z.infer<typeof CodeRight>;

/** The Code of Practice for Victims of Crime in England and Wales (in force 1 April 2021): 12 rights. */
export const CODE_RIGHTS_2021: readonly CodeRight[] = [
	{
		codeVersion: '2021',
		number: 1,
		title: 'To be able to understand and to be understood',
		explanation:
			'We will use plain words, and you can have an interpreter or other help to understand us and be understood.'
	},
	{
		codeVersion: '2021',
		number: 2,
		title: 'To have the details of the crime recorded without unjustified delay',
		explanation: 'The police should write down what happened to you soon after you tell them.'
	},
	{
		codeVersion: '2021',
		number: 3,
		title: 'To be provided with information when reporting the crime',
		explanation:
			'When you report a crime you should be told what happens next and where to get help.'
	},
	{
		codeVersion: '2021',
		number: 4,
		title:
			'To be referred to services that support victims and have services and support tailored to your needs',
		explanation:
			'You can be put in touch with support services, and the support should fit what you need.'
	},
	{
		codeVersion: '2021',
		number: 5,
		title: 'To be provided with information about compensation',
		explanation: 'You should be told if you can claim money for what happened and how to do it.'
	},
	{
		codeVersion: '2021',
		number: 6,
		title: 'To be provided with information about the investigation and prosecution',
		explanation:
			'You should be told about important steps, such as an arrest or a charge, and why decisions were made.'
	},
	{
		codeVersion: '2021',
		number: 7,
		title: 'To make a Victim Personal Statement',
		explanation: 'You can write or say how the crime has affected you, and the court can hear it.'
	},
	{
		codeVersion: '2021',
		number: 8,
		title: 'To be given information about the trial, trial process and your role as a witness',
		explanation:
			'You should be told about court dates and any change to them, and what to expect if you give evidence.'
	},
	{
		codeVersion: '2021',
		number: 9,
		title: 'To be given information about the outcome of the case and any appeals',
		explanation: 'You should be told the result of the case, the sentence, and about any appeal.'
	},
	{
		codeVersion: '2021',
		number: 10,
		title: 'To be paid expenses and have property returned',
		explanation:
			'You can claim some costs of going to court, and get back property taken as evidence when it is no longer needed.'
	},
	{
		codeVersion: '2021',
		number: 11,
		title: 'To be given information about the offender following a conviction',
		explanation:
			'You may be told about the offender\u2019s release and can join the Victim Contact Scheme in some cases.'
	},
	{
		codeVersion: '2021',
		number: 12,
		title: 'To make a complaint about your Rights not being met',
		explanation: 'If you think your rights were not met, you can complain and get a reply.'
	}
];

export const CRIME_TYPES = [
	'domestic-abuse',
	'sexual-offence',
	'stalking',
	'harassment',
	'hate-crime',
	'robbery',
	'burglary',
	'assault',
	'gbh-with-intent',
	'attempted-murder',
	'homicide',
	'kidnap',
	'human-trafficking',
	'arson-endangering-life',
	'fraud',
	'criminal-damage',
	'theft'
] as const;
export const CrimeType = z.enum(CRIME_TYPES, { error: 'Choose a crime type from the list' });
export type CrimeType = z.infer<typeof CrimeType>;

export const CRIME_TYPE_LABELS: Record<CrimeType, string> = {
	'domestic-abuse': 'Domestic abuse',
	'sexual-offence': 'Sexual offence',
	stalking: 'Stalking',
	harassment: 'Harassment',
	'hate-crime': 'Hate crime',
	robbery: 'Robbery',
	burglary: 'Burglary',
	assault: 'Assault',
	'gbh-with-intent': 'Wounding or GBH with intent',
	'attempted-murder': 'Attempted murder',
	homicide: 'Homicide (bereaved family)',
	kidnap: 'Kidnap',
	'human-trafficking': 'Human trafficking',
	'arson-endangering-life': 'Arson with intent to endanger life',
	fraud: 'Fraud',
	'criminal-damage': 'Criminal damage',
	theft: 'Theft'
};

/** The Met moved from CRIS to CONNECT on 28 Feb 2024; reference formats are not public. */
export const CRIME_REFERENCE_SYSTEMS = ['CRIS', 'CONNECT', 'CAD', 'other'] as const;
export const CrimeReferenceSystem = z.enum(CRIME_REFERENCE_SYSTEMS, {
	error: 'Choose CRIS, CONNECT, CAD or other for the reference system'
});
