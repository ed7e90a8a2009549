import { describe, expect, it } from 'vitest';
import { CODE_RIGHTS_2021, CODE_RULES, CodeRight, RULE_IDS, rulesForRight } from './index';

describe('the rights of the 2021 Code as versioned reference data', () => {
	it('are the twelve rights, numbered 1 to 12, each valid with a plain-English explanation', () => {
		expect(CODE_RIGHTS_2021.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		for (const right of CODE_RIGHTS_2021) {
			expect(CodeRight.safeParse(right).success).toBe(true);
			expect(right.codeVersion).toBe('2021');
		}
	});

	it('link each clock to its right', () => {
		expect(rulesForRight(8)).toEqual(['R8_HEARING', 'R8_BAIL_OUTCOME', 'R8_TO_GIVE_EVIDENCE']);
		expect(rulesForRight(3)).toEqual(['R3_INITIAL_INFO']);
		expect(rulesForRight(7)).toEqual([]);
		// Every rule's id names its right.
		for (const id of RULE_IDS) expect(id.startsWith(`R${CODE_RULES[id].right}_`)).toBe(true);
	});

	it('give every rule a source, and mark the unconfirmed complaint rule', () => {
		for (const id of RULE_IDS) expect(CODE_RULES[id].source.length).toBeGreaterThan(10);
		expect(RULE_IDS.filter((id) => CODE_RULES[id].unconfirmed)).toEqual(['R12_COMPLAINT']);
	});
});
