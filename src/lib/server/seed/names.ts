/**
 * Name parts for synthetic people. Combined at random, so no record describes a real person;
 * the spread reflects London's mix of backgrounds.
 */
export const GIVEN_NAMES_F = [
	'Amira',
	'Grace',
	'Olivia',
	'Fatima',
	'Chloe',
	'Priya',
	'Aisha',
	'Sophie',
	'Zainab',
	'Emily',
	'Maryam',
	'Jessica',
	'Ewa',
	'Hannah',
	'Blessing',
	'Niamh',
	'Leila',
	'Ruth',
	'Yasmin',
	'Ana',
	'Chiamaka',
	'Lucy',
	'Sana',
	'Megan',
	'Ioana',
	'Keisha',
	'Rebecca',
	'Hui',
	'Shanice',
	'Deborah'
] as const;
export const GIVEN_NAMES_M = [
	'Mohammed',
	'James',
	'Oliver',
	'Kwame',
	'Daniel',
	'Arjun',
	'Tomasz',
	'Jamal',
	'Harry',
	'Yusuf',
	'Samuel',
	'Luca',
	'Ibrahim',
	'George',
	'Chidi',
	'Ryan',
	'Hassan',
	'Marcus',
	'Adam',
	'Wei',
	'Kofi',
	'Liam',
	'Rohan',
	'Dylan',
	'Mihai',
	'Tyrone',
	'Ethan',
	'Omar',
	'Nathan',
	'Kieran'
] as const;
export const FAMILY_NAMES = [
	'Ahmed',
	'Smith',
	'Okafor',
	'Khan',
	'Jones',
	'Patel',
	'Nowak',
	'Williams',
	'Begum',
	'Brown',
	'Mensah',
	'Taylor',
	'Ali',
	'Davies',
	'Adeyemi',
	'Evans',
	'Hussain',
	'Wilson',
	'Popescu',
	'Thomas',
	'Chen',
	'Johnson',
	'Osei',
	'Roberts',
	'Kaur',
	'Walker',
	'Silva',
	'Wright',
	'Rahman',
	'Green',
	'Kowalski',
	'Hall',
	'Mohamed',
	'Clarke',
	'Singh',
	'Lewis',
	'Boateng',
	'Hughes',
	'Ozturk',
	'Murphy'
] as const;

/** Staff of the demo team. Fixed so the README and tests can name them. */
export const DEMO_STAFF = [
	{
		key: 'supervisor',
		email: 'supervisor@demo.test',
		displayName: 'Sam Adeyemi',
		role: 'supervisor'
	},
	{
		key: 'caseworker',
		email: 'caseworker@demo.test',
		displayName: 'Alex Morgan',
		role: 'caseworker'
	},
	{
		key: 'caseworker2',
		email: 'caseworker2@demo.test',
		displayName: 'Priya Shah',
		role: 'caseworker'
	},
	{
		key: 'caseworker3',
		email: 'caseworker3@demo.test',
		displayName: 'Tom Kowalski',
		role: 'caseworker'
	},
	{
		key: 'caseworker4',
		email: 'caseworker4@demo.test',
		displayName: 'Grace Mensah',
		role: 'caseworker'
	},
	{
		key: 'caseworker5',
		email: 'caseworker5@demo.test',
		displayName: 'Dan Clarke',
		role: 'caseworker'
	},
	{
		key: 'caseworker6',
		email: 'caseworker6@demo.test',
		displayName: 'Leila Rahman',
		role: 'caseworker'
	}
] as const;

export const TEAM_AREAS = [
	'North and East London',
	'South London',
	'West London',
	'Central London',
	'North West London',
	'South East London'
] as const;

export const LANGUAGES_OTHER = [
	'Polish',
	'Romanian',
	'Bengali',
	'Urdu',
	'Arabic',
	'Somali',
	'Turkish',
	'Portuguese',
	'Spanish',
	'Punjabi',
	'Gujarati',
	'Tamil',
	'Lithuanian',
	'Albanian',
	'Tigrinya',
	'Farsi'
] as const;

/** Reasons courts give for moving hearings (the Victims' Commissioner's "Justice delayed" report). */
export const ADJOURNMENT_REASONS = [
	'The court list overran and the case could not be reached.',
	'No judge was available on the day.',
	'The defence asked for more time to prepare.',
	'The prosecution is waiting for evidence (phone records).',
	'A key witness was unwell.',
	'The defendant was not brought from prison in time.',
	'The defendant changed their legal team.',
	'The court moved the trial to make room for a custody case.',
	'The defendant was unwell and could not attend.',
	'Not enough jurors were available.'
] as const;
