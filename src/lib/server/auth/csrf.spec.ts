import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from './csrf';

const url = new URL('https://hub.example/api/sync/push');
const requestWith = (method: string, origin?: string) =>
	new Request(url, { method, headers: origin === undefined ? {} : { origin } });

describe('isCrossSiteWrite', () => {
	it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses a %s from another site', (method) => {
		expect(isCrossSiteWrite(requestWith(method, 'https://evil.example'), url)).toBe(true);
	});

	it.each([
		'null',
		'https://hub.example.evil.example',
		'http://hub.example',
		'https://hub.example:8443',
		'https://sub.hub.example'
	])('counts %j as another site', (origin) => {
		expect(isCrossSiteWrite(requestWith('POST', origin), url)).toBe(true);
	});

	it('lets this site write', () => {
		expect(isCrossSiteWrite(requestWith('POST', 'https://hub.example'), url)).toBe(false);
	});

	it.each(['GET', 'HEAD', 'OPTIONS'])('lets another site make a %s, which changes nothing', (m) => {
		expect(isCrossSiteWrite(requestWith(m, 'https://evil.example'), url)).toBe(false);
	});

	it('leaves a request with no Origin (not a browser’s) to the JSON and form checks', () => {
		expect(isCrossSiteWrite(requestWith('POST'), url)).toBe(false);
	});
});
