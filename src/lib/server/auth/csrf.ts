/** Methods that change nothing: a request of another site may make them (links, images). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request that could change something comes from another site (CSRF). SvelteKit checks
 * form posts only and `readJson` checks each JSON endpoint; this check, made in the hook for
 * every route, is there so that an endpoint written later, or one that reads its body some other
 * way, is covered too (ASVS 5.0 V3.5.1). Browsers send `Origin` with every such request; a
 * request without it is not a browser's, so it carries no victim's cookie, and JSON endpoints
 * still refuse it (`readJson`). `Origin: null` (a sandboxed frame, a redirect from another site)
 * is another site.
 */
export function isCrossSiteWrite(request: Request, url: URL): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const origin = request.headers.get('origin');
	return origin !== null && origin !== url.origin;
}
