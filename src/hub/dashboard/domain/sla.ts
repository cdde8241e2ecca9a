import { compareDates, vnDateOf, type IsoDate } from '../../../kernel/dates.ts';
import type { WorkingCalendar } from '../../../kernel/calendar/index.ts';

/**
 * One procedure's service-level facts, as the hub recorded them (hub.procedures, hub.supplements).
 * Instants are ISO 8601 UTC; the law counts in Vietnam's dates (Decree 63/2024/ND-CP: time limits in working days),
 * so every comparison is made on the Vietnamese calendar date of the instant.
 */
export interface ProcedureSpan {
  /** First dispatch to the agency: the agency's clock starts (receipt counts from the next working day). */
  readonly dispatchedAt: string;
  /** When the agency answered from its last dispatch (completed, rejected, or the payment notice); null if it has not. */
  readonly answeredAt: string | null;
  /** The agency's last day, as set at the last dispatch (a supplement answered restarts it: Decree 63/2024/ND-CP). */
  readonly agencyDeadline: IsoDate | null;
  /** Periods the file waited for the citizen's supplement (requested → answered); an open or expired one has no end. */
  readonly supplementWaits: readonly { readonly from: string; readonly to: string | null }[];
}

export interface SpanOutcome {
  /** Whether the agency answered, so that it can be judged on time or late. */
  readonly measured: boolean;
  readonly onTime: boolean | null;
  /** Working days the agency held the file: dispatch → answer, less the working days awaiting a supplement. */
  readonly workingDays: number | null;
}

/**
 * On time: the agency answered on or before its last day, in Vietnam's date (a time limit ends at the end of its
 * last day: Civil Code 2015 art. 148). The clock excludes time awaiting the citizen: a supplement (the limit runs
 * again from the complete file, Decree 63/2024/ND-CP) and a payment (the agency answers with the payment notice;
 * the time the citizen takes to pay is not the agency's).
 */
export function spanOutcome(s: ProcedureSpan, calendar: WorkingCalendar): SpanOutcome {
  if (!s.answeredAt) return { measured: false, onTime: null, workingDays: null };
  const answered = vnDateOf(new Date(s.answeredAt));
  const onTime = s.agencyDeadline === null ? null : compareDates(answered, s.agencyDeadline) <= 0;
  let days = calendar.workingDaysBetween(vnDateOf(new Date(s.dispatchedAt)), answered);
  for (const w of s.supplementWaits) {
    if (!w.to || w.to > s.answeredAt) continue; // still open or after the answer: not a wait the agency's clock skipped
    days -= calendar.workingDaysBetween(vnDateOf(new Date(w.from)), vnDateOf(new Date(w.to)));
  }
  return { measured: onTime !== null, onTime, workingDays: Math.max(0, days) };
}

/** Whether an open procedure at its agency is past its last day (today, in Vietnam). */
export function isOverdue(status: string, agencyDeadline: IsoDate | null, today: IsoDate): boolean {
  return status === 'dispatched' && agencyDeadline !== null && compareDates(agencyDeadline, today) < 0;
}

/** The p-th percentile by nearest rank (p in (0, 100]); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Figures {
  /** Procedures that ended (completed or rejected) in the period. */
  ended: number;
  onTime: number;
  late: number;
  /** Ended without an answer from the agency to judge (e.g. refused because a supplement was never provided). */
  notMeasured: number;
  /** onTime / (onTime + late), rounded to 4 places; null when nothing was measured. */
  onTimeRate: number | null;
  /** Open now: at the agency or awaiting the citizen (supplement, payment). */
  open: number;
  /** Open now at the agency and past its last day. */
  overdue: number;
  workingDays: { p50: number | null; p90: number | null; max: number | null };
}

/** Accumulates outcomes into figures. */
export class Tally {
  ended = 0;
  onTime = 0;
  late = 0;
  notMeasured = 0;
  open = 0;
  overdue = 0;
  readonly days: number[] = [];

  addEnded(o: SpanOutcome): void {
    this.ended++;
    if (!o.measured) this.notMeasured++;
    else if (o.onTime) this.onTime++;
    else this.late++;
    if (o.measured && o.workingDays !== null) this.days.push(o.workingDays);
  }

  addOpen(overdue: boolean): void {
    this.open++;
    if (overdue) this.overdue++;
  }

  figures(): Figures {
    const measured = this.onTime + this.late;
    return {
      ended: this.ended,
      onTime: this.onTime,
      late: this.late,
      notMeasured: this.notMeasured,
      onTimeRate: measured === 0 ? null : Math.round((this.onTime / measured) * 10_000) / 10_000,
      open: this.open,
      overdue: this.overdue,
      workingDays: { p50: percentile(this.days, 50), p90: percentile(this.days, 90), max: this.days.length ? Math.max(...this.days) : null },
    };
  }
}
