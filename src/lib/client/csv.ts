import Papa from 'papaparse';

/**
 * A spreadsheet can run a cell that starts like a formula (`=`, `+`, `-`, `@`, a tab or a return,
 * also in their full-width forms) the moment the file is opened: CSV injection (OWASP). Such text
 * cells get a leading `'`, which makes a spreadsheet show the text as typed. Papa Parse's own
 * pattern misses a formula followed by a new line, so the check is on the first character only.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export type CsvCell = string | number | null;

/**
 * RFC 4180 CSV (comma, CRLF, quotes where needed) with a header row, safe to open in a
 * spreadsheet. Numbers stay numbers; null is an empty cell.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	for (const [i, row] of rows.entries())
		if (row.length !== header.length)
			throw new Error(`Row ${i + 1} has ${row.length} cells; the header has ${header.length}`);
	return Papa.unparse(
		{ fields: [...header], data: rows.map((r) => r.map((c) => c ?? '')) },
		{ escapeFormulae: FORMULA_START, newline: '\r\n' }
	);
}

/**
 * Saves a table as a CSV file from the page (no server round trip, so it works offline). It takes
 * the cells, not text, so every export goes through `toCsv` and its CSV injection defence. A byte
 * order mark tells Excel the file is UTF-8, so names with accents open as typed.
 */
export function downloadCsv(
	fileName: string,
	header: readonly string[],
	rows: readonly (readonly CsvCell[])[]
): void {
	const csv = toCsv(header, rows);
	const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 0);
}
