import { describe, expect, it } from 'vitest';
import { messages } from './index';

type Leaf = { path: string; value: string };

/** Every message as text: functions are called with sample values, so their output is checked too. */
function leaves(node: unknown, path = ''): Leaf[] {
	if (typeof node === 'string') return [{ path, value: node }];
	if (typeof node === 'function') {
		const args = Array.from({ length: (node as (...a: unknown[]) => string).length }, (_, i) =>
			i === 0 ? 3 : `«${i}»`
		);
		const out = (node as (...a: unknown[]) => unknown)(...args);
		// A message taking text may get a number in this sample; it must still give text.
		return [{ path, value: typeof out === 'string' ? out : '' }];
	}
	if (Array.isArray(node)) return node.flatMap((n, i) => leaves(n, `${path}[${i}]`));
	if (node && typeof node === 'object')
		return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
	return [];
}

describe('the message catalogues', () => {
	const en = leaves(messages('en'));
	const pl = leaves(messages('pl'));

	it('have the same messages in every language', () => {
		expect(pl.map((l) => l.path)).toEqual(en.map((l) => l.path));
	});

	it('have no empty message where English has one', () => {
		const enByPath = new Map(en.map((l) => [l.path, l.value]));
		expect(pl.filter((l) => enByPath.get(l.path) && !l.value.trim()).map((l) => l.path)).toEqual(
			[]
		);
	});

	it('are translated: Polish repeats English only for names and codes', () => {
		const enByPath = new Map(en.map((l) => [l.path, l.value]));
		const same = pl
			.filter((l) => l.value.trim() && l.value === enByPath.get(l.path))
			.map((l) => l.path);
		// The same in both languages: the word "Status", and a "field: value" pattern.
		const allowed = new Set(['portal.dates.status', 'portal.fields.state', 'portal.dates.setTo']);
		expect(same.filter((p) => !allowed.has(p))).toEqual([]);
	});
});
