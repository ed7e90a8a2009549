import type { common as en } from '../en/common';

export const common: typeof en = {
	serviceName: 'Moje informacje',
	title: (page: string) => `${page} – Moje informacje`,
	skipLink: 'Przejdź do głównej treści',
	exitThisPage: 'Opuść tę stronę',
	emergency: 'Pilne',
	exitHint:
		'Aby szybko opuścić tę stronę, użyj przycisku „Opuść tę stronę” lub naciśnij 3 razy klawisz Shift. Nie usuwa to historii przeglądarki.',
	exiting: 'Ładowanie.',
	signOut: 'Wyloguj się',
	languageLabel: 'Język',
	languageChange: 'Zmień język',
	translationNote:
		'Tłumaczenie przygotowane przez nasz zespół; czeka na sprawdzenie przez native speakera.',
	mainNavigation: 'Strony',
	offlineTitle: 'Brak połączenia z internetem',
	offline:
		'Nie masz połączenia z internetem. Widzisz to, co pokazaliśmy Ci ostatnio. Zmiany nie zostaną wysłane, dopóki nie wrócisz do sieci.',
	offlineSendFailed:
		'Nie wysłano, ponieważ nie masz połączenia z internetem. Twoja odpowiedź jest nadal tutaj: spróbuj ponownie, gdy wrócisz do sieci.',
	sendFailed: 'Nie wysłano. Spróbuj ponownie za kilka minut.',
	lastUpdated: (when: string) => `Ostatnia aktualizacja: ${when}`,
	errorPrefix: 'Błąd',
	errorSummaryTitle: 'Wystąpił problem',
	errorHeading: 'Przepraszamy, wystąpił problem',
	errorNotFound: 'Nie znaleziono strony',
	errorText:
		'Wróć do swoich terminów rozpraw. Jeśli problem się powtarza, skontaktuj się z opiekunem sprawy.',
	errorReference: (reference: string) =>
		`Jeśli się z nami kontaktujesz, podaj ten numer: ${reference}`,
	backToDates: 'Przejdź do swoich terminów rozpraw'
};
