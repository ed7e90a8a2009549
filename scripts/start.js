/**
 * `npm start` (after `npm run build`): serves the built app on the embedded database, seeding the
 * synthetic demo data on first start, and prints the demo sign-ins. Start-up problems (a database
 * that cannot be reached, a corrupt data directory, a port in use) are printed as one plain
 * message instead of a stack trace.
 */
import { existsSync } from 'node:fs';

const port = process.env.PORT ?? '3000';
process.env.PORT = port;
// The demo command seeds demo accounts into an empty database; a deployment runs `node build`.
process.env.DEMO_SEED ??= '1';
// adapter-node takes requests as https unless told the origin; the local demo is plain http, and
// SvelteKit's CSRF check compares a form's Origin header with it.
process.env.ORIGIN ??= `http://localhost:${port}`;

function stop(message) {
	console.error(`\nVictim Care Hub could not start: ${message}\n`);
	process.exit(1);
}

process.on('uncaughtException', (error) => {
	if (error && error.code === 'EADDRINUSE')
		stop(`port ${port} is already in use. Set PORT to another port.`);
	stop(error instanceof Error ? error.message : String(error));
});

if (!existsSync(new URL('../build/index.js', import.meta.url))) {
	stop(
		'the app has not been built. Run `npm run build` first (or use `npm start`, which builds it).'
	);
}

try {
	await import('../build/index.js');
} catch (error) {
	stop(error instanceof Error ? error.message : String(error));
}

const where = process.env.DATABASE_URL
	? 'PostgreSQL (DATABASE_URL)'
	: `the embedded database in ${process.env.DATA_DIR ?? 'data'}/`;
console.log(`
Victim Care Hub is running at http://localhost:${port} on ${where}.

Demo sign-ins (password for all: demo-password):
  caseworker@demo.test    caseworker, home: Your caseload
  caseworker2@demo.test   caseworker
  supervisor@demo.test    supervisor, home: Team overview
  victim@demo.test        victim, home: Your court dates

All demo data is synthetic. Press Ctrl+C to stop.
`);
