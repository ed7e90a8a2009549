/**
 * The victim's portal pages. Plain English, short sentences, "you" and "we" (GOV.UK style). Keys
 * that name a record's value (a hearing type, a state, a referral status) use the domain's codes.
 */
export const portal = {
	nav: {
		dates: 'Court dates',
		rights: 'Your rights',
		support: 'Your support',
		contact: 'How we contact you'
	},
	noCase:
		'We cannot find an open case for you. If you think this is wrong, contact the person who gave you your sign-in details.',

	dates: {
		title: 'Court dates',
		heading: 'Your court dates',
		next: 'Your next court date',
		noNext: 'There is no court date at the moment. We will tell you when there is one.',
		when: 'When',
		where: 'Where',
		courtroom: 'Courtroom',
		what: 'What it is',
		at: 'at',
		addToCalendar: (type: string) => `Add the ${type} to your calendar`,
		calendarHint: 'Downloads a file your phone or computer calendar can open.',
		newCount: (n: number) =>
			n === 1
				? 'There is 1 new change for you to see.'
				: `There are ${n} new changes for you to see.`,
		all: 'All your court dates',
		noHearings: 'You have no court dates yet.',
		status: 'Status',
		historyOf: (type: string) => `What has happened to the ${type} date`,
		listed: 'First listed',
		changed: 'Changed',
		fromTo: (field: string, from: string, to: string) => `${field}: from ${from} to ${to}`,
		setTo: (field: string, to: string) => `${field}: ${to}`,
		reason: 'Reason given',
		heard: (when: string) => `We heard about this on ${when}.`,
		new: 'New',
		seen: 'I have seen this',
		seenHint: 'This tells your caseworker you have read it.',
		seenAt: (when: string) => `You saw this on ${when}.`,
		seenDone: 'Thank you. Your caseworker will see that you have read this change.',
		none: 'none',
		changeFailed: 'We could not record that. Try again, or tell your caseworker.'
	},

	fields: {
		startsAt: 'Date and time',
		courtId: 'Court',
		courtroom: 'Courtroom',
		type: 'Type of hearing',
		state: 'Status'
	},

	hearingTypes: {
		'first-appearance': {
			label: 'first hearing',
			explanation:
				'The first time the accused person goes to court. The court decides where the case will be heard and whether they stay on bail.'
		},
		ptph: {
			label: 'plea hearing',
			explanation:
				'The accused person says whether they plead guilty or not guilty, and the court plans the trial.'
		},
		'pre-trial-review': {
			label: 'pre-trial check',
			explanation: 'The court checks that everyone is ready for the trial.'
		},
		trial: {
			label: 'trial',
			explanation: 'The court hears the evidence and decides whether the accused person is guilty.'
		},
		sentencing: {
			label: 'sentencing',
			explanation: 'The court decides the sentence for a person found guilty.'
		},
		'bail-application': {
			label: 'bail hearing',
			explanation:
				'The court decides whether the accused person can stay out of prison until the next hearing, and on what conditions.'
		},
		appeal: {
			label: 'appeal',
			explanation: 'A higher court looks again at the verdict or the sentence.'
		},
		mention: {
			label: 'short hearing',
			explanation: 'A short hearing to deal with one issue in the case.'
		}
	},

	hearingStates: {
		listed: 'Going ahead',
		adjourned: 'Put off to a later date',
		vacated: 'Cancelled',
		relisted: 'Going ahead on a new date',
		effective: 'Took place',
		ineffective: 'Did not go ahead on the day',
		cracked: 'Ended early',
		completed: 'Finished'
	},

	calendar: {
		summary: (type: string) => `Court: ${type}`,
		description: (explanation: string, caseworker: string) =>
			`${explanation} Questions? Contact ${caseworker}.`
	},

	rights: {
		title: 'Your rights',
		heading: 'Your rights',
		intro:
			'The Victims’ Code gives you 12 rights. Here is what each one means, and where we are with it.',
		rightNumber: (n: number) => `Right ${n}`,
		statusLabel: 'Where we are',
		status: {
			'not-started': 'Not yet',
			explained: 'We have explained this to you',
			delivered: 'Done',
			'not-applicable': 'Does not apply to you'
		},
		details: {
			told: 'You have been told how to claim compensation.',
			claiming: 'You are claiming compensation.',
			'not-claiming': 'You are not claiming compensation.',
			offered: 'You have been offered the chance to make a statement.',
			made: 'You have made a statement.',
			declined: 'You chose not to make a statement.'
		},
		list: {
			1: {
				title: 'To understand and be understood',
				text: 'We will use plain words. You can have an interpreter or other help to understand us and be understood.'
			},
			2: {
				title: 'To have the crime recorded without delay',
				text: 'The police should write down what happened to you soon after you tell them.'
			},
			3: {
				title: 'To be given information when you report the crime',
				text: 'When you report a crime, you should be told what happens next and where to get help.'
			},
			4: {
				title: 'To be referred to support services',
				text: 'You can be put in touch with services that support victims, and the support should fit what you need.'
			},
			5: {
				title: 'To be told about compensation',
				text: 'You should be told if you can claim money for what happened, and how to do it.'
			},
			6: {
				title: 'To be told about the investigation and prosecution',
				text: 'You should be told about important steps, such as an arrest or a charge, and why decisions were made.'
			},
			7: {
				title: 'To make a Victim Personal Statement',
				text: 'You can write or say how the crime has affected you, and the court can hear it.'
			},
			8: {
				title: 'To be told about the trial and your role as a witness',
				text: 'You should be told about court dates and any change to them, and what to expect if you give evidence.'
			},
			9: {
				title: 'To be told the outcome of the case and any appeal',
				text: 'You should be told the result of the case, the sentence, and about any appeal.'
			},
			10: {
				title: 'To be paid expenses and have property returned',
				text: 'You can claim some costs of going to court, and get back property taken as evidence when it is no longer needed.'
			},
			11: {
				title: 'To be told about the offender after a conviction',
				text: 'You may be told about the offender’s release, and can join the Victim Contact Scheme in some cases.'
			},
			12: {
				title: 'To complain if your rights are not met',
				text: 'If you think your rights were not met, you can complain and get a reply.'
			}
		} as Record<number, { title: string; text: string }>,
		complainHeading: 'How to complain',
		complainSteps: [
			'Tell your caseworker first. Most problems can be put right quickly.',
			'If that does not solve it, ask for a formal complaint. We will reply within 10 working days, or tell you when we will.',
			'If you are still unhappy, you can ask your MP to take your complaint to the Parliamentary and Health Service Ombudsman.'
		]
	},

	support: {
		title: 'Your support',
		heading: 'Your support',
		caseworkerHeading: 'Your caseworker',
		caseworkerIntro: (name: string) =>
			`${name} is your caseworker. Contact them with any question.`,
		phone: 'Phone',
		email: 'Email',
		nextHeading: 'When you will next hear from us',
		nextBy: (when: string) => `We will be in touch by ${when}.`,
		nextLate: (when: string) =>
			`We should have been in touch by ${when}. We are sorry. Contact your caseworker if you need anything now.`,
		nextNone: 'We will be in touch when there is news about your case.',
		referralsHeading: 'Services we have put you in touch with',
		noReferrals:
			'You have not been referred to a support service yet. Ask your caseworker if you would like support.',
		service: 'Service',
		statusLabel: 'Where it is',
		since: 'Since',
		referralStatus: {
			offered: 'Offered to you',
			declined: 'You said no to this',
			made: 'We have asked them to contact you',
			accepted: 'They have agreed to support you',
			rejected: 'They cannot help: your caseworker will look for another service',
			'in-progress': 'You are getting support',
			closed: 'Finished'
		},
		services: {
			'general-victim-support': 'General support after a crime',
			idva: 'Domestic abuse advocate (IDVA)',
			isva: 'Sexual violence advocate (ISVA)',
			'stalking-advocacy': 'Stalking advocate',
			'hate-crime-advocacy': 'Hate crime advocate',
			'young-victims': 'Support for young people',
			'bereaved-families': 'Support for bereaved families',
			'witness-service': 'Witness Service (help at court)',
			counselling: 'Counselling',
			'restorative-justice': 'Restorative justice'
		} as Record<string, string>
	},

	contact: {
		title: 'How we contact you',
		heading: 'How we contact you',
		intro:
			'Tell us the safest way to reach you. Your caseworker sees your choices straight away and uses them every time.',
		channelLegend: 'How should we contact you?',
		channels: {
			phone: 'Phone call',
			sms: 'Text message',
			email: 'Email',
			letter: 'Letter',
			'in-person': 'In person',
			video: 'Video call'
		},
		phoneLabel: 'Phone number',
		emailLabel: 'Email address',
		safeTimesLegend: 'When is it safe to contact you?',
		safeTimesHint:
			'Choose the days, and the hours on those days. Leave all days unticked if any time is safe.',
		days: {
			mon: 'Monday',
			tue: 'Tuesday',
			wed: 'Wednesday',
			thu: 'Thursday',
			fri: 'Friday',
			sat: 'Saturday',
			sun: 'Sunday'
		},
		from: 'From',
		until: 'Until',
		timeHint: 'For example, 09:00',
		voicemailLegend: 'Can we leave a voicemail message?',
		yes: 'Yes',
		no: 'No',
		voicemailMessageLabel: 'What may the message say?',
		voicemailMessageHint:
			'Keep it neutral if someone else may hear it, for example “Please call Sam back”.',
		save: 'Save',
		savedTitle: 'Saved',
		saved: 'Saved. Your caseworker can see your choices.',
		conflict:
			'Your caseworker changed some of these details at the same time. They will check with you which is right.',
		// The server's reason is in English and for staff: the victim is told what to do instead.
		refused: 'This was not saved. Ask your caseworker to make this change for you.',
		errors: {
			phone: 'Enter a phone number, like 07700 900 982',
			email: 'Enter an email address in the correct format, like name@example.com',
			voicemailMessage: 'Say what a voicemail may say, or choose no voicemail',
			voicemailAllowed: 'Say whether we can leave a voicemail',
			channel: 'Choose how we should contact you',
			time: 'Enter times like 09:00, with the start before the end',
			stale: 'Your details changed since you opened this page. Check them below and save again.'
		}
	},

	language: {
		heading: 'Language',
		intro: 'Choose the language for these pages.'
	},

	yourInformation: {
		heading: 'Your information',
		download: 'Download a copy of your information',
		hint: 'A file with what we hold about you and your case: your details, your court dates and every change to them, your support, your rights, when we contacted you and the messages we sent you.'
	}
};
