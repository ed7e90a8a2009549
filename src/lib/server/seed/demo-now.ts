/**
 * The demo data is generated around the start of the current UTC day, so that seeding twice on
 * the same day with the same seed gives identical data while dates still look current.
 */
export function demoNow(clock: Date): Date {
	const d = new Date(clock);
	d.setUTCHours(0, 0, 0, 0);
	return d;
}
