import { describe, expect, it } from 'vitest';
import { ShiftCounter, SHIFT_WINDOW_MS } from './exit';

const press = (c: ShiftCounter, at: number) => {
	c.keydown('Shift');
	return c.keyup('Shift', at);
};

describe('Shift pressed three times', () => {
	it('leaves on the third press within five seconds', () => {
		const c = new ShiftCounter();
		expect(press(c, 0)).toBe(false);
		expect(press(c, 1000)).toBe(false);
		expect(press(c, 2000)).toBe(true);
	});

	it('does not leave when the presses are spread over more than five seconds', () => {
		const c = new ShiftCounter();
		press(c, 0);
		press(c, 1000);
		expect(press(c, SHIFT_WINDOW_MS + 1)).toBe(false);
		// …but the last three still count.
		expect(press(c, SHIFT_WINDOW_MS + 2)).toBe(true);
	});

	it('does not count Shift held to type capital letters', () => {
		const c = new ShiftCounter();
		for (const [i, letter] of ['A', 'B', 'C'].entries()) {
			c.keydown('Shift');
			c.keydown(letter);
			expect(c.keyup('Shift', i * 100)).toBe(false);
		}
	});

	it('starts again after any other key', () => {
		const c = new ShiftCounter();
		press(c, 0);
		press(c, 100);
		c.keydown('a');
		c.keyup('a', 150);
		expect(press(c, 200)).toBe(false);
		expect(press(c, 300)).toBe(false);
		expect(press(c, 400)).toBe(true);
	});
});
