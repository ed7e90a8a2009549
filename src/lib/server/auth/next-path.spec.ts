import { describe, expect, it } from 'vitest';
import { ownPath } from './next-path';

const ORIGIN = 'https://hub.example';

describe('ownPath', () => {
	it.each([
		['/team', '/team'],
		['/cases/0192?tab=hearings#next', '/cases/0192?tab=hearings#next'],
		['/your-case/rights', '/your-case/rights']
	])('keeps a path on this site: %j', (next, expected) => {
		expect(ownPath(next, ORIGIN)).toBe(expected);
	});

	it.each([
		null,
		'',
		'https://evil.example/',
		'//evil.example/',
		'/\\evil.example',
		'\\\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'/\\/evil.example',
		'/..//evil.example',
		'/./\\evil.example',
		'javascript:alert(1)',
		'JaVaScRiPt:alert(1)',
		' /team',
		'\t//evil.example',
		'data:text/html,<script>alert(1)</script>',
		'team',
		'%2F%2Fevil.example'
	])('refuses anything that could leave the site: %j', (next) => {
		expect(ownPath(next, ORIGIN)).toBeNull();
	});

	it('keeps an encoded slash as part of a path, where it cannot name a host', () => {
		expect(ownPath('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
	});
});
