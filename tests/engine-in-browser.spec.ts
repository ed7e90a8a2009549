import { build } from 'esbuild';
import { expect, test } from '@playwright/test';
import {
	CASE_EVENT_KINDS,
	compliance,
	deadlineFor,
	obligationsFor,
	RULE_IDS,
	type CaseRecord,
	type Victim
} from '../src/lib/domain/index';

/**
 * The Code engine must give the same answers offline in the browser as on the server. The domain
 * module is bundled as the app bundles it and run in Chromium set to another time zone (New York),
 * and its answers compared with Node's for the same inputs.
 */

type Input = { record: CaseRecord; victim: Pick<Victim, 'enhancedRights'> };

/** Deterministic synthetic cases spread over 2019–2032: holidays, both clock changes, fallback years. */
function fixtures(count: number): Input[] {
	let seed = 20261121;
	const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
	const between = (a: number, b: number) => a + Math.floor(next() * (b - a));
	const iso = (ms: number) => new Date(ms).toISOString();
	const id = (n: number) => `0190c000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
	let n = 0;
	const kinds = CASE_EVENT_KINDS;
	const out: Input[] = [];
	for (let i = 0; i < count; i++) {
		const reported = between(Date.UTC(2019, 0, 1), Date.UTC(2032, 0, 1));
		const caseId = id(n++);
		const events = Array.from({ length: between(0, 5) }, () => ({
			id: id(n++),
			kind: kinds[between(0, kinds.length)]!,
			receivedAt: iso(reported + between(0, 200) * 86_400_000 + between(0, 86_400_000)),
			custodyMonths: between(0, 40)
		}));
		const hearingChanges = Array.from({ length: between(0, 5) }, () => ({
			id: id(n++),
			changes: [{ field: 'startsAt' as const, from: null, to: iso(reported) }],
			receivedAt: iso(reported + between(0, 200) * 86_400_000 + between(0, 86_400_000))
		}));
		const keys = [
			`R3_INITIAL_INFO:${caseId}`,
			...events.map((e) => `R6_INVESTIGATION_UPDATE:${e.id}`),
			...hearingChanges.map((h) => `R8_HEARING:${h.id}`)
		];
		const contacts = Array.from({ length: between(0, 8) }, () => ({
			id: id(n++),
			occurredAt: iso(reported + between(0, 220) * 86_400_000 + between(0, 86_400_000)),
			outcome: next() < 0.8 ? ('reached' as const) : ('no-answer' as const),
			informedObligations: keys.filter(() => next() < 0.4)
		}));
		out.push({
			record: {
				case: {
					id: caseId,
					reportedAt: iso(reported),
					crimeType: next() < 0.5 ? 'gbh-with-intent' : 'theft'
				},
				events,
				hearingChanges,
				contacts,
				referrals:
					next() < 0.5
						? [
								{
									id: id(n++),
									madeAt: iso(reported + between(1, 96) * 3_600_000),
									consent: 'given',
									consentRecordedAt: iso(reported)
								}
							]
						: [],
				waivers:
					next() < 0.2
						? [
								{
									id: id(n++),
									obligationKey: null,
									rule: 'HUB_REGULAR_UPDATE',
									reason: 'Opted out',
									agreedBy: 'Victim',
									recordedAt: iso(reported + 86_400_000)
								}
							]
						: []
			},
			victim: {
				enhancedRights:
					next() < 0.4
						? [
								{
									group: 'most-serious-crime',
									reason: 'GBH',
									appliesFrom: iso(reported + between(-2, 30) * 86_400_000),
									endedAt: null,
									endReason: null,
									recordedBy: null,
									endedBy: null
								}
							]
						: []
			}
		});
	}
	return out;
}

test.use({ timezoneId: 'America/New_York', locale: 'en-US' });

test('the Code engine gives the same answers in Chromium as on the server', async ({ page }) => {
	const bundled = await build({
		entryPoints: ['src/lib/domain/index.ts'],
		bundle: true,
		format: 'iife',
		globalName: 'VictimsCode',
		platform: 'browser',
		target: 'es2022',
		write: false
	});
	const inputs = fixtures(150);
	const moments = ['2021-03-28T00:30:00Z', '2026-12-29T12:00:00Z', '2033-01-01T00:00:00Z'];
	const triggers = [
		'2026-12-24T16:00:00Z',
		'2026-06-16T23:30:00Z',
		'2026-03-29T00:59:59Z',
		'2022-06-01T10:00:00Z',
		'2031-12-24T10:00:00Z'
	];

	const onServer = {
		obligations: moments.map((at) => inputs.map((i) => obligationsFor(i.record, i.victim, at))),
		deadlines: RULE_IDS.flatMap((rule) =>
			triggers.flatMap((t) => [false, true].map((enhanced) => deadlineFor(rule, t, { enhanced })))
		),
		compliance: compliance(
			inputs.flatMap((i) =>
				obligationsFor(i.record, i.victim, moments[1]!).map((obligation) => ({
					obligation,
					caseworkerId: 'cw'
				}))
			),
			{ from: '2019-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
			moments[1]!
		)
	};

	await page.goto('about:blank');
	await page.addScriptTag({ content: bundled.outputFiles[0]!.text });
	const inBrowser = await page.evaluate(
		({ inputs, moments, triggers }) => {
			const code = (window as unknown as { VictimsCode: typeof import('../src/lib/domain/index') })
				.VictimsCode;
			return {
				timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
				obligations: moments.map((at) =>
					inputs.map((i) => code.obligationsFor(i.record, i.victim, at))
				),
				deadlines: code.RULE_IDS.flatMap((rule) =>
					triggers.flatMap((t) =>
						[false, true].map((enhanced) => code.deadlineFor(rule, t, { enhanced }))
					)
				),
				compliance: code.compliance(
					inputs.flatMap((i) =>
						code
							.obligationsFor(i.record, i.victim, moments[1]!)
							.map((obligation) => ({ obligation, caseworkerId: 'cw' }))
					),
					{ from: '2019-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
					moments[1]!
				)
			};
		},
		{ inputs, moments, triggers }
	);

	expect(inBrowser.timeZone).toBe('America/New_York');
	const obligationCount = onServer.obligations.flat(2).length;
	expect(obligationCount).toBeGreaterThan(1000);
	expect(inBrowser.obligations).toEqual(onServer.obligations);
	expect(inBrowser.deadlines).toEqual(onServer.deadlines);
	expect(inBrowser.compliance).toEqual(onServer.compliance);
});
