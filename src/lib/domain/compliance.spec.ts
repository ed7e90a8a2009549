import { describe, expect, it } from 'vitest';
import { assigneeAt, compliance, type Obligation, type ObligationStatus } from './index';

const ALEX = 'alex';
const PRIYA = 'priya';

/** A hand-built obligation: only what compliance reads matters here. */
function ob(
	rule: Obligation['rule'],
	dueAt: string,
	status: ObligationStatus,
	n: number
): Obligation {
	return {
		key: `${rule}:${n}`,
		rule,
		right: null,
		caseId: 'case',
		trigger: { kind: 'decision', id: String(n), at: dueAt },
		enhanced: false,
		dueAt,
		status,
		metBy: null,
		waivedBy: null,
		calendarFallback: false
	};
}

// Two weeks in November 2026 (Mondays 9th and 16th), looked at on Saturday 21st.
const AT = '2026-11-21T12:00:00Z';
const PERIOD = { from: '2026-11-09T00:00:00Z', to: '2026-11-23T00:00:00Z' };
const items = [
	{
		obligation: ob('R8_HEARING', '2026-11-10T23:59:59.999Z', 'met-on-time', 1),
		caseworkerId: ALEX
	},
	{ obligation: ob('R8_HEARING', '2026-11-11T23:59:59.999Z', 'met-late', 2), caseworkerId: ALEX },
	{ obligation: ob('R8_HEARING', '2026-11-17T23:59:59.999Z', 'overdue', 3), caseworkerId: PRIYA },
	{
		obligation: ob('R6_INVESTIGATION_UPDATE', '2026-11-18T23:59:59.999Z', 'met-on-time', 4),
		caseworkerId: PRIYA
	},
	{
		obligation: ob('R6_INVESTIGATION_UPDATE', '2026-11-19T23:59:59.999Z', 'waived', 5),
		caseworkerId: PRIYA
	},
	// Outside the period, and not yet due at AT: neither counts.
	{ obligation: ob('R8_HEARING', '2026-11-06T23:59:59.999Z', 'overdue', 6), caseworkerId: ALEX },
	{ obligation: ob('R3_INITIAL_INFO', '2026-11-22T23:59:59.999Z', 'open', 7), caseworkerId: ALEX }
];

describe('compliance', () => {
	const report = compliance(items, PERIOD, AT);

	it('counts what fell due in the period, by the moment asked about', () => {
		expect(report.total).toEqual({
			due: 4,
			metOnTime: 2,
			metLate: 1,
			overdue: 1,
			waived: 1,
			onTimeRate: 0.5
		});
	});

	it('splits by rule', () => {
		expect(report.byRule).toEqual({
			R8_HEARING: { due: 3, metOnTime: 1, metLate: 1, overdue: 1, waived: 0, onTimeRate: 1 / 3 },
			R6_INVESTIGATION_UPDATE: {
				due: 1,
				metOnTime: 1,
				metLate: 0,
				overdue: 0,
				waived: 1,
				onTimeRate: 1
			}
		});
	});

	it('splits by caseworker', () => {
		expect(report.byCaseworker[ALEX]).toMatchObject({
			due: 2,
			metOnTime: 1,
			metLate: 1,
			onTimeRate: 0.5
		});
		expect(report.byCaseworker[PRIYA]).toMatchObject({
			due: 2,
			metOnTime: 1,
			overdue: 1,
			waived: 1,
			onTimeRate: 0.5
		});
	});

	it('splits by week, weeks starting on Monday in London', () => {
		expect(report.byWeek.map((w) => [w.weekStart, w.due, w.onTimeRate])).toEqual([
			['2026-11-09', 2, 0.5],
			['2026-11-16', 2, 0.5]
		]);
	});

	it('has no rate when nothing was due', () => {
		expect(compliance([], PERIOD, AT).total.onTimeRate).toBeNull();
	});

	it('puts a deadline at 23:59:59.999 on a Sunday in London into that week, not the next', () => {
		const sunday = [
			{
				obligation: ob('R8_HEARING', '2026-11-15T23:59:59.999Z', 'met-on-time', 8),
				caseworkerId: ALEX
			}
		];
		expect(compliance(sunday, PERIOD, AT).byWeek[0]?.weekStart).toBe('2026-11-09');
	});

	it('refuses a period that ends before it starts', () => {
		expect(() => compliance(items, { from: PERIOD.to, to: PERIOD.from }, AT)).toThrow(
			/period.to must be after period.from/
		);
		expect(() => compliance(items, { from: 'last week', to: PERIOD.to }, AT)).toThrow(
			/^period.from must be/
		);
	});
});

describe('assigneeAt', () => {
	const history = [
		{ caseworkerId: ALEX, assignedAt: '2026-01-01T10:00:00.000Z' },
		{ caseworkerId: PRIYA, assignedAt: '2026-06-01T10:00:00.000Z' }
	];
	it('is whoever held the case at that moment', () => {
		expect(assigneeAt(history, '2026-03-01T00:00:00Z')).toBe(ALEX);
		expect(assigneeAt(history, '2026-06-01T10:00:00.000Z')).toBe(PRIYA);
		expect(assigneeAt(history, '2025-12-31T00:00:00Z')).toBeNull();
	});
});
