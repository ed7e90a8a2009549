import type { setUp as en } from '../en/set-up';
import { plural } from '../format';

export const setUp: typeof en = {
	codeTitle: 'Załóż konto',
	intro:
		'Twój opiekun sprawy dał Ci kod do założenia konta. Wpisz go tutaj, a potem wybierz hasło.',
	codeLabel: 'Kod od opiekuna sprawy',
	codeHint: '12 liter i cyfr, na przykład ABCD-EFGH-JKMN',
	continue: 'Dalej',
	noCode: 'Jeśli nie masz kodu albo kod przestał działać, poproś opiekuna sprawy o nowy.',
	alreadySetUp: 'Masz już konto?',
	signIn: 'Zaloguj się',

	passwordTitle: 'Wybierz hasło',
	passwordIntro: 'Będziesz logować się tym hasłem i swoim adresem e-mail.',
	yourCode: 'Twój kod',
	changeCode: 'Użyj innego kodu',
	passwordLabel: 'Nowe hasło',
	passwordHint: (min: number) =>
		`Użyj co najmniej ${min} znaków. Dobre hasło to kilka słów, które zapamiętasz, oddzielonych spacjami.`,
	confirmLabel: 'Wpisz nowe hasło jeszcze raz',
	submit: 'Załóż moje konto',

	errors: {
		codeMissing: 'Wpisz kod, który dał Ci opiekun sprawy',
		codeFormat:
			'Wpisz kod dokładnie tak, jak podał go opiekun sprawy: 12 liter i cyfr, na przykład ABCD-EFGH-JKMN',
		passwordMissing: 'Wpisz nowe hasło',
		passwordTooShort: (min: number) =>
			`Hasło musi mieć co najmniej ${min} ${plural('pl', min, { one: 'znak', few: 'znaki', many: 'znaków', other: 'znaku' })}`,
		passwordTooLong: (max: number) =>
			`Hasło może mieć najwyżej ${max} ${plural('pl', max, { one: 'znak', few: 'znaki', many: 'znaków', other: 'znaku' })}`,
		confirmMissing: 'Wpisz nowe hasło jeszcze raz',
		confirmMismatch: 'Hasła nie są takie same. Wpisz to samo hasło w obu polach',
		tooManyTries: (minutes: number) =>
			`Zbyt wiele prób. Odczekaj ${minutes} ${plural('pl', minutes, { one: 'minutę', few: 'minuty', many: 'minut', other: 'minuty' })} i spróbuj ponownie.`
	},

	refusals: {
		'not-found': 'Ten kod jest nieprawidłowy. Sprawdź go albo poproś opiekuna sprawy o nowy.',
		expired: 'Ten kod wygasł. Poproś opiekuna sprawy o nowy.',
		revoked: 'Ten kod został anulowany. Poproś opiekuna sprawy o nowy.',
		redeemed:
			'Ten kod został już użyty. Jeśli konto zostało nim już założone, zaloguj się. Jeśli nie, poproś opiekuna sprawy o nowy kod.',
		'email-taken':
			'Nie można użyć tego kodu, ponieważ jego adres e-mail należy teraz do innego konta. Poproś opiekuna sprawy o nowy kod.'
	},

	ready: {
		heading: 'Twoje konto jest gotowe',
		withEmail: (email: string) =>
			`Zaloguj się swoim adresem e-mail, ${email}, i hasłem, które właśnie wybrano.`,
		withoutEmail:
			'Zaloguj się adresem e-mail, który opiekun sprawy podał, zapraszając Cię, i hasłem, które właśnie wybrano.'
	}
};
