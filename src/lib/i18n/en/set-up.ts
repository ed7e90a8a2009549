/** The page where a victim turns their invitation code into a password (`/set-up`). */
export const setUp = {
	codeTitle: 'Set up your account',
	intro:
		'Your caseworker gave you a code to set up your account. Enter it here, then choose a password.',
	codeLabel: 'Code from your caseworker',
	codeHint: '12 letters and numbers, for example ABCD-EFGH-JKMN',
	continue: 'Continue',
	noCode:
		'If you do not have a code, or it has stopped working, ask your caseworker for a new one.',
	alreadySetUp: 'Already set up your account?',
	signIn: 'Sign in',

	passwordTitle: 'Choose a password',
	passwordIntro: 'You will use this password and your email address to sign in.',
	yourCode: 'Your code',
	changeCode: 'Use a different code',
	passwordLabel: 'New password',
	passwordHint: (min: number) =>
		`Use at least ${min} characters. A few words you will remember, with spaces between them, make a good password.`,
	confirmLabel: 'Type your new password again',
	submit: 'Set up my account',

	errors: {
		codeMissing: 'Enter the code your caseworker gave you',
		codeFormat:
			'Enter the code exactly as your caseworker gave it: 12 letters and numbers, like ABCD-EFGH-JKMN',
		passwordMissing: 'Enter a new password',
		passwordTooShort: (min: number) => `Password must be ${min} characters or more`,
		passwordTooLong: (max: number) => `Password must be ${max} characters or fewer`,
		confirmMissing: 'Type your new password again',
		confirmMismatch: 'The passwords do not match. Type the same password in both boxes',
		tooManyTries: (minutes: number) =>
			`Too many tries. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and try again.`
	},

	/** Why a code was refused, and what to do: one message per `RedemptionRefusal`. */
	refusals: {
		'not-found': 'This code is not right. Check it, or ask your caseworker for a new one.',
		expired: 'This code has expired. Ask your caseworker for a new one.',
		revoked: 'This code has been cancelled. Ask your caseworker for a new one.',
		redeemed:
			'This code has already been used. If you used it to set up your account, sign in. If not, ask your caseworker for a new code.',
		'email-taken':
			'This code cannot be used because its email address now belongs to another account. Ask your caseworker for a new code.'
	},

	/** Shown on the sign-in page after a successful set-up. */
	ready: {
		heading: 'Your account is ready',
		withEmail: (email: string) =>
			`Sign in with your email address, ${email}, and the password you have just chosen.`,
		withoutEmail:
			'Sign in with the email address your caseworker used to invite you and the password you have just chosen.'
	}
};
