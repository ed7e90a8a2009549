/**
 * Where to go after signing in, from `?next=`: only a path on this site (no open redirect, ASVS
 * 5.0 V3.7.2). The text is resolved as a browser would resolve it (which drops tabs and new
 * lines and reads `\` as `/`), so `/\evil.example` or `/<tab>/evil.example` cannot become a
 * link to another site; what is sent back is the resolved path, never the text as given.
 */
export function ownPath(next: string | null, origin: string): string | null {
	if (!next?.startsWith('/')) return null;
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return null;
	}
	const path = url.pathname + url.search + url.hash;
	// `/..//evil.example` resolves to the path `//evil.example`: sent back as it is, a browser
	// would read it as another site's address.
	if (url.origin !== origin || path.startsWith('//')) return null;
	return path;
}
