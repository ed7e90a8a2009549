import type { portal as en } from '../en/portal';
import { plural } from '../format';

/*
 * Notes for the reviewer:
 * - The reader's gender is unknown, so sentences about them avoid gendered past-tense forms
 *   ("przeczytałeś/przeczytałaś"): present tense, "masz prawo" + infinitive, or impersonal "-no".
 * - Dates come from Intl in the nominative ("poniedziałek, 4 stycznia 2027"), so they follow a
 *   colon rather than a preposition that would need another case ("do", "w").
 * - Hearing-type labels are nominative and lowercase; the templates that use them put them after
 *   a colon ("Dodaj do kalendarza: proces") so that no declension is needed.
 */

/** Polish: to be checked by a native speaker before release (see ./index.ts). */
export const portal: typeof en = {
	nav: {
		dates: 'Terminy rozpraw',
		rights: 'Twoje prawa',
		support: 'Wsparcie dla Ciebie',
		contact: 'Jak się z Tobą kontaktujemy'
	},
	noCase:
		'Nie możemy znaleźć otwartej sprawy, która dotyczy Ciebie. Jeśli uważasz, że to błąd, skontaktuj się z osobą, która dała Ci dane do logowania.',

	dates: {
		title: 'Terminy rozpraw',
		heading: 'Twoje terminy rozpraw',
		next: 'Twój najbliższy termin rozprawy',
		noNext: 'Na razie nie ma wyznaczonej rozprawy. Powiemy Ci, gdy pojawi się termin.',
		when: 'Kiedy',
		where: 'Gdzie',
		courtroom: 'Sala rozpraw',
		what: 'Co to jest',
		at: 'o godz.',
		addToCalendar: (type: string) => `Dodaj do kalendarza: ${type}`,
		calendarHint: 'Pobierze plik, który można otworzyć w kalendarzu w telefonie lub komputerze.',
		newCount: (n: number) =>
			`Masz ${n} ${plural('pl', n, { one: 'nową zmianę', few: 'nowe zmiany', many: 'nowych zmian', other: 'nowej zmiany' })} do sprawdzenia.`,
		all: 'Wszystkie Twoje terminy rozpraw',
		noHearings: 'Nie masz jeszcze żadnych terminów rozpraw.',
		status: 'Status',
		historyOf: (type: string) => `Historia terminu: ${type}`,
		listed: 'Wyznaczono termin',
		changed: 'Zmieniono',
		fromTo: (field: string, from: string, to: string) => `${field}: wcześniej ${from}; teraz ${to}`,
		setTo: (field: string, to: string) => `${field}: ${to}`,
		reason: 'Podany powód',
		heard: (when: string) => `Dowiedzieliśmy się o tym: ${when}.`,
		new: 'Nowe',
		seen: 'Widzę tę zmianę',
		seenHint: 'Dzięki temu opiekun sprawy będzie wiedzieć, że znasz już tę zmianę.',
		seenAt: (when: string) => `Potwierdzono, że to widzisz: ${when}.`,
		seenDone: 'Dziękujemy. Opiekun sprawy zobaczy, że znasz już tę zmianę.',
		none: 'brak',
		changeFailed:
			'Nie udało się tego zapisać. Spróbuj ponownie albo powiedz o tym opiekunowi sprawy.'
	},

	fields: {
		startsAt: 'Data i godzina',
		courtId: 'Sąd',
		courtroom: 'Sala rozpraw',
		type: 'Rodzaj rozprawy',
		state: 'Status'
	},

	hearingTypes: {
		'first-appearance': {
			label: 'pierwsza rozprawa',
			explanation:
				'Pierwszy raz, kiedy oskarżony staje przed sądem. Sąd decyduje, gdzie sprawa będzie rozpatrywana i czy oskarżony może do tego czasu pozostać na wolności.'
		},
		ptph: {
			label: 'rozprawa w sprawie przyznania się do winy',
			explanation: 'Oskarżony mówi, czy przyznaje się do winy, czy nie. Sąd planuje proces.'
		},
		'pre-trial-review': {
			label: 'sprawdzenie gotowości do procesu',
			explanation: 'Sąd sprawdza, czy wszyscy są gotowi do procesu.'
		},
		trial: {
			label: 'proces',
			explanation: 'Sąd rozpatruje dowody i decyduje, czy oskarżony jest winny.'
		},
		sentencing: {
			label: 'rozprawa w sprawie kary',
			explanation: 'Sąd decyduje, jaką karę dostanie osoba uznana za winną.'
		},
		'bail-application': {
			label: 'rozprawa w sprawie zwolnienia z aresztu',
			explanation:
				'Sąd decyduje, czy oskarżony może pozostać na wolności do następnej rozprawy i na jakich warunkach.'
		},
		appeal: {
			label: 'apelacja',
			explanation: 'Sąd wyższej instancji jeszcze raz rozpatruje werdykt lub karę.'
		},
		mention: {
			label: 'krótka rozprawa',
			explanation: 'Krótka rozprawa, na której sąd zajmuje się jedną kwestią w sprawie.'
		}
	},

	hearingStates: {
		listed: 'Odbędzie się',
		adjourned: 'Przełożono na późniejszy termin',
		vacated: 'Odwołano',
		relisted: 'Odbędzie się w nowym terminie',
		effective: 'Przeprowadzono',
		ineffective: 'Nie przeprowadzono w wyznaczonym dniu',
		cracked: 'Zakończono wcześniej',
		completed: 'Zakończono'
	},

	calendar: {
		summary: (type: string) => `Sąd: ${type}`,
		description: (explanation: string, caseworker: string) =>
			`${explanation} Masz pytania? Skontaktuj się z opiekunem sprawy (${caseworker}).`
	},

	rights: {
		title: 'Twoje prawa',
		heading: 'Twoje prawa',
		intro:
			'Kodeks praw ofiar przestępstw (Victims’ Code) daje Ci 12 praw. Poniżej wyjaśniamy, co oznacza każde z nich i na jakim jesteśmy etapie.',
		rightNumber: (n: number) => `Prawo nr ${n}`,
		statusLabel: 'Na jakim jesteśmy etapie',
		status: {
			'not-started': 'Jeszcze nie',
			explained: 'Wyjaśniliśmy Ci to',
			delivered: 'Zrobione',
			'not-applicable': 'Nie dotyczy Ciebie'
		},
		details: {
			told: 'Wiesz już, jak ubiegać się o odszkodowanie.',
			claiming: 'Ubiegasz się o odszkodowanie.',
			'not-claiming': 'Nie ubiegasz się o odszkodowanie.',
			offered: 'Zaproponowano Ci złożenie oświadczenia.',
			made: 'Twoje oświadczenie zostało złożone.',
			declined: 'Nie chcesz składać oświadczenia. To Twój wybór.'
		},
		list: {
			1: {
				title: 'Wzajemne zrozumienie',
				text: 'Będziemy mówić i pisać prostymi słowami. Możesz mieć tłumacza lub inną pomoc, żeby rozumieć nas i żebyśmy my rozumieli Ciebie.'
			},
			2: {
				title: 'Szybkie zapisanie zgłoszenia przestępstwa',
				text: 'Policja powinna zapisać, co Ci się stało, wkrótce po tym, jak jej o tym powiesz.'
			},
			3: {
				title: 'Informacje przy zgłoszeniu przestępstwa',
				text: 'Gdy zgłaszasz przestępstwo, masz prawo dowiedzieć się, co będzie dalej i gdzie szukać pomocy.'
			},
			4: {
				title: 'Skierowanie do organizacji wsparcia',
				text: 'Masz prawo do kontaktu z organizacjami, które wspierają ofiary przestępstw. Wsparcie powinno odpowiadać Twoim potrzebom.'
			},
			5: {
				title: 'Informacje o odszkodowaniu',
				text: 'Masz prawo dowiedzieć się, czy możesz dostać pieniądze za to, co Ci się stało, i jak się o nie ubiegać.'
			},
			6: {
				title: 'Informacje o śledztwie i oskarżeniu',
				text: 'Masz prawo dowiedzieć się o ważnych krokach, na przykład o zatrzymaniu podejrzanego lub postawieniu mu zarzutów, oraz o tym, dlaczego podjęto takie decyzje.'
			},
			7: {
				title: 'Oświadczenie osobiste ofiary (Victim Personal Statement)',
				text: 'Możesz napisać lub powiedzieć, jak przestępstwo wpłynęło na Twoje życie. Sąd może to usłyszeć.'
			},
			8: {
				title: 'Informacje o procesie i Twojej roli jako świadka',
				text: 'Masz prawo dowiedzieć się o terminach rozpraw i o każdej ich zmianie. Masz też prawo wiedzieć, czego się spodziewać, jeśli będziesz składać zeznania.'
			},
			9: {
				title: 'Informacje o wyniku sprawy i apelacji',
				text: 'Masz prawo poznać wynik sprawy i karę. Masz też prawo dowiedzieć się o apelacji, jeśli ktoś ją złoży.'
			},
			10: {
				title: 'Zwrot kosztów i oddanie Twoich rzeczy',
				text: 'Możesz ubiegać się o zwrot części kosztów związanych z przyjściem do sądu. Rzeczy zabrane jako dowód dostaniesz z powrotem, gdy nie będą już potrzebne.'
			},
			11: {
				title: 'Informacje o sprawcy po skazaniu',
				text: 'Możesz dostać informacje o tym, kiedy sprawca wyjdzie na wolność. W niektórych sprawach możesz też dołączyć do programu kontaktu z ofiarami (Victim Contact Scheme).'
			},
			12: {
				title: 'Skarga, gdy Twoje prawa nie są przestrzegane',
				text: 'Jeśli uważasz, że Twoje prawa nie zostały przestrzegane, możesz złożyć skargę i dostać odpowiedź.'
			}
		},
		complainHeading: 'Jak złożyć skargę',
		complainSteps: [
			'Najpierw powiedz o tym opiekunowi sprawy. Większość problemów da się szybko rozwiązać.',
			'Jeśli to nie pomoże, złóż formalną skargę. Odpowiemy w ciągu 10 dni roboczych albo powiemy Ci, kiedy odpowiemy.',
			'Jeśli nadal coś jest nie tak, możesz poprosić swojego posła do parlamentu (MP), żeby przekazał Twoją skargę do Rzecznika Praw Obywatelskich ds. Parlamentu i Służby Zdrowia (Parliamentary and Health Service Ombudsman).'
		]
	},

	support: {
		title: 'Wsparcie dla Ciebie',
		heading: 'Wsparcie dla Ciebie',
		caseworkerHeading: 'Twój opiekun sprawy',
		caseworkerIntro: (name: string) =>
			`${name} opiekuje się Twoją sprawą. Jeśli masz jakiekolwiek pytanie, skontaktuj się z tą osobą.`,
		phone: 'Telefon',
		email: 'E-mail',
		nextHeading: 'Kiedy znów się z Tobą skontaktujemy',
		nextBy: (when: string) => `Skontaktujemy się z Tobą najpóźniej: ${when}.`,
		nextLate: (when: string) =>
			`Mieliśmy skontaktować się z Tobą najpóźniej: ${when}. Przepraszamy. Jeśli czegoś teraz potrzebujesz, skontaktuj się z opiekunem sprawy.`,
		nextNone: 'Skontaktujemy się z Tobą, gdy będą nowe informacje o Twojej sprawie.',
		referralsHeading: 'Organizacje, do których Cię skierowaliśmy',
		noReferrals:
			'Nie skierowaliśmy Cię jeszcze do żadnej organizacji wsparcia. Jeśli chcesz wsparcia, powiedz o tym opiekunowi sprawy.',
		service: 'Rodzaj wsparcia',
		statusLabel: 'Na jakim etapie',
		since: 'Od kiedy',
		referralStatus: {
			offered: 'Zaproponowaliśmy Ci to wsparcie',
			declined: 'Nie chcesz z tego korzystać',
			made: 'Poprosiliśmy, żeby się z Tobą skontaktowali',
			accepted: 'Zgodzili się Cię wspierać',
			rejected: 'Nie mogą Ci pomóc. Opiekun sprawy poszuka innego wsparcia',
			'in-progress': 'Korzystasz z tego wsparcia',
			closed: 'Zakończono'
		},
		services: {
			'general-victim-support': 'Ogólne wsparcie po przestępstwie',
			idva: 'Doradca w sprawach przemocy domowej (IDVA)',
			isva: 'Doradca w sprawach przemocy seksualnej (ISVA)',
			'stalking-advocacy': 'Doradca w sprawach uporczywego nękania (stalkingu)',
			'hate-crime-advocacy': 'Doradca w sprawach przestępstw z nienawiści',
			'young-victims': 'Wsparcie dla młodych osób',
			'bereaved-families': 'Wsparcie dla rodzin w żałobie',
			'witness-service': 'Pomoc dla świadków w sądzie (Witness Service)',
			counselling: 'Pomoc psychologiczna',
			'restorative-justice': 'Sprawiedliwość naprawcza'
		}
	},

	contact: {
		title: 'Jak się z Tobą kontaktujemy',
		heading: 'Jak się z Tobą kontaktujemy',
		intro:
			'Powiedz nam, jaki sposób kontaktu jest dla Ciebie najbezpieczniejszy. Opiekun sprawy od razu widzi Twoje wybory i zawsze się do nich stosuje.',
		channelLegend: 'Jak mamy się z Tobą kontaktować?',
		channels: {
			phone: 'Rozmowa telefoniczna',
			sms: 'SMS',
			email: 'E-mail',
			letter: 'List',
			'in-person': 'Spotkanie osobiste',
			video: 'Rozmowa wideo'
		},
		phoneLabel: 'Numer telefonu',
		emailLabel: 'Adres e-mail',
		safeTimesLegend: 'Kiedy można bezpiecznie się z Tobą kontaktować?',
		safeTimesHint:
			'Wybierz dni i godziny w te dni. Jeśli każda pora jest bezpieczna, nie zaznaczaj żadnego dnia.',
		days: {
			mon: 'Poniedziałek',
			tue: 'Wtorek',
			wed: 'Środa',
			thu: 'Czwartek',
			fri: 'Piątek',
			sat: 'Sobota',
			sun: 'Niedziela'
		},
		from: 'Od',
		until: 'Do',
		timeHint: 'Na przykład 09:00',
		voicemailLegend: 'Czy możemy zostawić wiadomość na poczcie głosowej?',
		yes: 'Tak',
		no: 'Nie',
		voicemailMessageLabel: 'Co możemy powiedzieć w tej wiadomości?',
		voicemailMessageHint:
			'Jeśli ktoś inny może ją usłyszeć, niech będzie neutralna, na przykład „Proszę oddzwonić do Ani”.',
		save: 'Zapisz',
		savedTitle: 'Zapisano',
		saved: 'Zapisano. Opiekun sprawy widzi Twoje wybory.',
		conflict:
			'W tym samym czasie opiekun sprawy zmienił część tych danych. Sprawdzi z Tobą, które są prawidłowe.',
		refused: 'Nie zapisano. Poproś opiekuna sprawy, żeby wprowadził tę zmianę za Ciebie.',
		errors: {
			phone: 'Wpisz numer telefonu, na przykład 07700 900 982',
			email: 'Wpisz adres e-mail w prawidłowym formacie, na przykład name@example.com',
			voicemailMessage:
				'Napisz, co możemy powiedzieć w wiadomości głosowej, albo wybierz „Nie” przy poczcie głosowej',
			voicemailAllowed: 'Wybierz, czy możemy zostawić wiadomość na poczcie głosowej',
			channel: 'Wybierz, jak mamy się z Tobą kontaktować',
			time: 'Wpisz godziny w formacie 09:00. Godzina „Od” musi być wcześniejsza niż godzina „Do”',
			stale:
				'Twoje dane zmieniły się od chwili otwarcia tej strony. Sprawdź je poniżej i zapisz jeszcze raz.'
		}
	},

	language: {
		heading: 'Język',
		intro: 'Wybierz język tych stron.'
	},

	yourInformation: {
		heading: 'Twoje informacje',
		download: 'Pobierz kopię swoich informacji',
		hint: 'Plik z informacjami, które mamy o Tobie i Twojej sprawie: Twoje dane, terminy rozpraw i każda ich zmiana, wsparcie, Twoje prawa, daty kontaktów z Tobą i wiadomości, które do Ciebie wysłaliśmy.'
	}
};
