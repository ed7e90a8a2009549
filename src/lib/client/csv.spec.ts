import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
	it('writes a header and rows, quoting only what needs it', () => {
		expect(
			toCsv(
				['Victim', 'Late'],
				[
					['Ann Archer', 3],
					['O’Neil, Sam "Sammy"', null]
				]
			)
		).toBe('Victim,Late\r\nAnn Archer,3\r\n"O’Neil, Sam ""Sammy""",');
	});

	it.each([
		['=HYPERLINK("http://example.test","x")'],
		['+1+1'],
		['-2+3'],
		['@SUM(A1)'],
		['\t=1'],
		['\r=1'],
		['=1\n=2'],
		['＝1']
	])('makes %j show as text in a spreadsheet', (cell) => {
		const csv = toCsv(['Summary'], [[cell]]);
		const parsed = Papa.parse<string[]>(csv).data;
		expect(parsed[1]![0]).toBe(`'${cell}`);
	});

	it('leaves numbers and ordinary text alone', () => {
		const parsed = Papa.parse<string[]>(toCsv(['A', 'B'], [[-3, 'Tell them – soon']])).data;
		expect(parsed[1]).toEqual(['-3', 'Tell them – soon']);
	});

	it('refuses a row that does not fit the header', () => {
		expect(() => toCsv(['A', 'B'], [['only one']])).toThrow('Row 1 has 1 cells; the header has 2');
	});
});
