/**
 * Which pages the service worker can open with no signal, by path. Kept apart from `sw.ts` so a
 * unit test can hold it to the routes that exist (`pages.spec.ts`).
 */

/**
 * Staff pages that draw themselves from the device (no server load): with no signal the app
 * shell opens them. A staff page that needs the server (the demo outbox) is not here.
 */
const STAFF_PAGES = [
	/^\/caseload\/?$/,
	/^\/cases\/[^/]+\/?$/,
	// The audit trail needs the server; opened with no signal, the page says so.
	/^\/cases\/[^/]+\/audit\/?$/,
	/^\/team(\/(workload|compliance|to-resolve))?\/?$/,
	/^\/device\/?$/,
	/^\/signing-out\/?$/
];

/** The victim's portal pages (the calendar download and the language switch are not pages). */
const PORTAL_PAGES = /^\/your-case(\/(rights|support|contact))?\/?$/;

/** Never answered from the device, whatever happens: these must reach the server. */
export const NEVER_KEPT = [
	/^\/api\//,
	/^\/sign-out/,
	/^\/exit/,
	/^\/your-case\/calendar\//,
	/^\/your-case\/export/
];

export const isStaffPage = (path: string) => STAFF_PAGES.some((pattern) => pattern.test(path));
export const isPortalPage = (path: string) => PORTAL_PAGES.test(path);

/**
 * What a page the device cannot open says with no signal. Plain HTML with its own styles (the
 * app's stylesheet may not be kept), in the GOV.UK Frontend's look.
 */
export const OFFLINE_PAGE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>No signal – Victim Care Hub</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c;background:#fff;line-height:1.4}
header{background:#1d70b8;color:#fff;padding:12px 15px;font-weight:700}
main{max-width:640px;margin:0 auto;padding:30px 15px}
h1{font-size:2rem;margin:0 0 20px}
p,li{font-size:1.1875rem}
a{color:#1d70b8}
a:focus{outline:3px solid transparent;background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
</style>
</head>
<body>
<header>Victim Care Hub</header>
<main id="main-content">
<h1>This page needs a signal</h1>
<p>You are offline, or the hub’s server cannot be reached, and this page is not kept on this device.</p>
<p>If you work offline on this device, these pages open without a signal:</p>
<ul>
<li><a href="/caseload">Your caseload</a> (caseworkers)</li>
<li><a href="/team">Overdue and due soon</a> (supervisors)</li>
</ul>
<p>Anything you saved on this device is kept and will be sent when the signal returns.</p>
<p><a href="">Try again</a></p>
</main>
</body>
</html>
`;
