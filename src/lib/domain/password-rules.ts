/**
 * The rule for a password a person chooses (ASVS 5.0 V6.2: at least 8 characters, 64 allowed,
 * no composition rules). We ask for 12, the length that lets a few remembered words do, and take
 * up to 128. Characters are counted as a person sees them (code points), spaces included, and
 * nothing is trimmed: the password is exactly what was typed. Kept free of zod so the victim's
 * pages can import it without the schema library; messages are the page's, in its language.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type NewPasswordProblems = {
	password?: 'missing' | 'too-short' | 'too-long';
	confirm?: 'missing' | 'mismatch';
};

const length = (s: string) => [...s].length;

/**
 * What is wrong with a new password and its confirmation, field by field; `{}` when nothing is.
 * A mismatch is only reported once the password itself is acceptable: both are typed again anyway.
 */
export function newPasswordProblems(password: string, confirm: string): NewPasswordProblems {
	const problems: NewPasswordProblems = {};
	if (password === '') problems.password = 'missing';
	else if (length(password) < PASSWORD_MIN_LENGTH) problems.password = 'too-short';
	else if (length(password) > PASSWORD_MAX_LENGTH) problems.password = 'too-long';
	if (confirm === '') problems.confirm = 'missing';
	else if (!problems.password && confirm !== password) problems.confirm = 'mismatch';
	return problems;
}
