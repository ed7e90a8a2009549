/** Words every portal page shares. The service's name is neutral: it says nothing about crime. */
export const common = {
	serviceName: 'My updates',
	/** Page titles name the page and this, nothing more: browser history may be seen by others. */
	title: (page: string) => `${page} – My updates`,
	skipLink: 'Skip to main content',
	exitThisPage: 'Exit this page',
	/** Read out before the button's name by screen readers. */
	emergency: 'Emergency',
	exitHint:
		'To leave this site quickly, use the Exit this page button or press the Shift key 3 times. This does not clear your browser history.',
	exiting: 'Loading.',
	signOut: 'Sign out',
	languageLabel: 'Language',
	languageChange: 'Change language',
	translationNote: '',
	mainNavigation: 'Pages',
	offlineTitle: 'No internet connection',
	offline:
		'You have no internet connection. This is what we showed you last time. Anything you change will not be sent until you are back online.',
	offlineSendFailed:
		'This was not sent because you have no internet connection. Your answer is still here: try again when you are back online.',
	sendFailed: 'This was not sent. Try again in a few minutes.',
	lastUpdated: (when: string) => `Last updated ${when}`,
	/** Before a field's error for screen readers, and before a page title when a form has errors. */
	errorPrefix: 'Error',
	errorSummaryTitle: 'There is a problem',
	errorHeading: 'Sorry, there is a problem',
	errorNotFound: 'Page not found',
	errorText: 'Go back to your court dates. If this keeps happening, contact your caseworker.',
	errorReference: (reference: string) => `If you contact us, quote this reference: ${reference}`,
	backToDates: 'Go to your court dates'
};
