import type { ObligationRule } from './code-rules';
import type { Obligation } from './obligations';
import { fromDayNumber, instantMs, InvalidArgumentError, londonDay } from './working-days';

/**
 * How well the Code was kept: for obligations due in a period (and due by `at`), how many were
 * met on time, met late, are still overdue, or were waived. The on-time rate is met on time over
 * all due (waived ones excluded: the victim opted out), as the domain brief defines compliance.
 */
export type ComplianceCounts = {
	/** Obligations due in the period and by `at`, not waived. */
	due: number;
	metOnTime: number;
	metLate: number;
	overdue: number;
	waived: number;
	/** metOnTime / due; null when nothing was due. */
	onTimeRate: number | null;
};

export type ComplianceReport = {
	period: { from: string; to: string };
	total: ComplianceCounts;
	byRule: Partial<Record<ObligationRule, ComplianceCounts>>;
	byCaseworker: Record<string, ComplianceCounts>;
	/** One entry per week (Monday, London date) that had something due, oldest first. */
	byWeek: ({ weekStart: string } & ComplianceCounts)[];
};

/** An obligation with the caseworker answerable for it (usually: assigned when it fell due). */
export type AttributedObligation = { obligation: Obligation; caseworkerId: string };

const empty = (): ComplianceCounts => ({
	due: 0,
	metOnTime: 0,
	metLate: 0,
	overdue: 0,
	waived: 0,
	onTimeRate: null
});

function count(counts: ComplianceCounts, o: Obligation) {
	if (o.status === 'waived') {
		counts.waived++;
		return;
	}
	counts.due++;
	if (o.status === 'met-on-time') counts.metOnTime++;
	else if (o.status === 'met-late') counts.metLate++;
	else counts.overdue++;
}

const finish = (c: ComplianceCounts): ComplianceCounts => ({
	...c,
	onTimeRate: c.due === 0 ? null : c.metOnTime / c.due
});

/**
 * Compliance over `[period.from, period.to)` as things stood at `at`. Pass obligations computed
 * with `obligationsFor(..., at)` for the same `at`, so their statuses are those of that moment.
 */
export function compliance(
	items: readonly AttributedObligation[],
	period: { from: string; to: string },
	at: string
): ComplianceReport {
	const fromMs = instantMs(period.from, 'period.from');
	const toMs = instantMs(period.to, 'period.to');
	const atMs = instantMs(at, 'at');
	if (toMs <= fromMs) throw new InvalidArgumentError('period.to must be after period.from');

	const total = empty();
	const byRule: Partial<Record<ObligationRule, ComplianceCounts>> = {};
	const byCaseworker: Record<string, ComplianceCounts> = {};
	const byWeek = new Map<number, ComplianceCounts>();

	for (const { obligation: o, caseworkerId } of items) {
		const dueMs = Date.parse(o.dueAt);
		if (dueMs < fromMs || dueMs >= toMs || dueMs > atMs) continue;
		count(total, o);
		count((byRule[o.rule] ??= empty()), o);
		count((byCaseworker[caseworkerId] ??= empty()), o);
		const day = londonDay(dueMs);
		const monday = day - ((day + 3) % 7); // 1970-01-05 (day 4) was a Monday
		let week = byWeek.get(monday);
		if (!week) byWeek.set(monday, (week = empty()));
		count(week, o);
	}

	return {
		period: { from: period.from, to: period.to },
		total: finish(total),
		byRule: Object.fromEntries(Object.entries(byRule).map(([k, v]) => [k, finish(v)])),
		byCaseworker: Object.fromEntries(Object.entries(byCaseworker).map(([k, v]) => [k, finish(v)])),
		byWeek: [...byWeek.entries()]
			.sort(([a], [b]) => a - b)
			.map(([monday, c]) => ({ weekStart: fromDayNumber(monday), ...finish(c) }))
	};
}

/**
 * The caseworker assigned at a moment, from a case's assignment history: the one answerable for
 * an obligation is the one holding the case when it fell due.
 */
export function assigneeAt(
	assignments: readonly { caseworkerId: string; assignedAt: string }[],
	at: string
): string | null {
	const t = Date.parse(at);
	let current: string | null = null;
	let currentMs = -Infinity;
	for (const a of assignments) {
		const ms = Date.parse(a.assignedAt);
		if (ms <= t && ms >= currentMs) {
			current = a.caseworkerId;
			currentMs = ms;
		}
	}
	return current;
}
