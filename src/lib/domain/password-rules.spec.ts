import { describe, expect, it } from 'vitest';
import { newPasswordProblems, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';

const of = (n: number, ch = 'a') => ch.repeat(n);

describe('a new password', () => {
	it('is accepted from 12 to 128 characters when typed the same twice', () => {
		expect(PASSWORD_MIN_LENGTH).toBe(12);
		expect(PASSWORD_MAX_LENGTH).toBe(128);
		expect(newPasswordProblems(of(12), of(12))).toEqual({});
		expect(newPasswordProblems(of(128), of(128))).toEqual({});
	});

	it('is refused below 12 characters and above 128', () => {
		expect(newPasswordProblems(of(11), of(11))).toEqual({ password: 'too-short' });
		expect(newPasswordProblems(of(129), of(129))).toEqual({ password: 'too-long' });
	});

	it('counts characters as a person sees them, not UTF-16 units', () => {
		// Six emoji are twelve UTF-16 units but six characters.
		expect(newPasswordProblems(of(6, '🙂'), of(6, '🙂'))).toEqual({ password: 'too-short' });
		expect(newPasswordProblems(of(12, 'ż'), of(12, 'ż'))).toEqual({});
	});

	it('keeps spaces: they count, and are never trimmed away', () => {
		expect(newPasswordProblems('  four words  ', '  four words  ')).toEqual({});
		expect(newPasswordProblems('correct horse ', 'correct horse')).toEqual({
			confirm: 'mismatch'
		});
	});

	it('asks for each missing field', () => {
		expect(newPasswordProblems('', '')).toEqual({ password: 'missing', confirm: 'missing' });
		expect(newPasswordProblems(of(12), '')).toEqual({ confirm: 'missing' });
	});

	it('must be confirmed with the same password', () => {
		expect(newPasswordProblems('correct horse battery', 'correct horse battery!')).toEqual({
			confirm: 'mismatch'
		});
	});

	it('reports a mismatch only once the password itself is acceptable', () => {
		expect(newPasswordProblems('short', 'different')).toEqual({ password: 'too-short' });
	});
});
