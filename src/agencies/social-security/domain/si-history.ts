/**
 * Helpers over the contribution periods of a social-insurance record (`SiRecord.periods`), as the
 * death benefits need them (funeral allowance: Law on SI 2014 art. 66, 80, Decree 134/2015/ND-CP
 * art. 8; survivor benefits: Law on SI 2014 art. 67, 70, Law on SI 2024 art. 86, 89).
 *
 * Counting (documented choices):
 *  - a period counts every month from `from` to `to`, both inclusive: '2014-01'..'2014-12' = 12 months;
 *  - overlapping periods never double count: each calendar month counts once. A month covered by a
 *    compulsory and a voluntary period counts as compulsory (voluntary SI is for people not covered
 *    by compulsory SI); a month covered by several periods of the same scheme takes the highest
 *    salary among them. Both choices make the result independent of the order of the periods;
 *  - "before 2014" means months up to 2013-12; "from 2014" means 2014-01 onwards (Law on SI 2014
 *    art. 70 splits the lump sum at 1 January 2014).
 *
 * Average insured salary: the simple average of `monthlySalary` over every counted month (compulsory
 * salaries and voluntary incomes together), rounded half up to the whole dong. Past salaries are NOT
 * revalued by the yearly salary-adjustment coefficients (the MOLISA circular on adjustment
 * coefficients); that can be made configurable later.
 *
 * Worked example: periods 2013-07..2014-06 compulsory at 6,000,000 and 2014-01..2014-12 voluntary at
 * 3,000,000 → 18 months (12 compulsory 2013-07..2014-06, 6 voluntary 2014-07..2014-12), 6 before
 * 2014 and 12 from 2014, average (12 × 6,000,000 + 6 × 3,000,000) / 18 = 5,000,000.
 */
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import { monthOf, type IsoDate, type IsoMonth } from '../../../kernel/dates.ts';

export type SiPeriod = SiRecord['periods'][number];
export type SiScheme = SiPeriod['scheme'];

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0: year × 12 + month − 1. Throws RangeError on anything but `YYYY-MM`. */
export function monthIndex(month: string): number {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a month YYYY-MM: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** Inverse of `monthIndex`. */
export function monthAt(index: number): IsoMonth {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}` as IsoMonth;
}

/** The calendar month after the one containing `date`: 2024-06-30 → '2024-07'. */
export function monthAfter(date: IsoDate): IsoMonth {
  return monthAt(monthIndex(monthOf(date)) + 1);
}

/** First month counted "from 2014" (Law on SI 2014 art. 70). */
export const FIRST_MONTH_OF_2014 = monthIndex('2014-01');

export interface ContributedMonth {
  month: IsoMonth;
  scheme: SiScheme;
  /** Insured salary (compulsory) or declared income (voluntary), VND. */
  salary: number;
}

/** Every counted month, ascending, once each (see the overlap rule above). */
export function contributedMonths(periods: readonly SiPeriod[]): ContributedMonth[] {
  const byMonth = new Map<number, { scheme: SiScheme; salary: number }>();
  for (const p of periods) {
    const from = monthIndex(p.from);
    const to = monthIndex(p.to);
    if (from > to) throw new RangeError(`period ends before it starts: ${p.from}..${p.to}`);
    for (let i = from; i <= to; i++) {
      const prev = byMonth.get(i);
      const wins =
        !prev ||
        (p.scheme === 'compulsory' && prev.scheme === 'voluntary') ||
        (p.scheme === prev.scheme && p.monthlySalary > prev.salary);
      if (wins) byMonth.set(i, { scheme: p.scheme, salary: p.monthlySalary });
    }
  }
  return [...byMonth.entries()].sort(([a], [b]) => a - b).map(([i, v]) => ({ month: monthAt(i), ...v }));
}

export interface SiHistorySummary {
  compulsoryMonths: number;
  voluntaryMonths: number;
  /** compulsory + voluntary. */
  totalMonths: number;
  /** Months up to 2013-12 (either scheme). */
  monthsBefore2014: number;
  /** Months from 2014-01 (either scheme). */
  monthsFrom2014: number;
  /** Whole VND, half up; null when there is no month at all. */
  averageInsuredSalary: number | null;
  /** Σ declared income over the voluntary months, VND (the base of "the amount paid"). */
  voluntaryIncomeTotal: number;
  firstMonth: IsoMonth | null;
  lastMonth: IsoMonth | null;
}

export function summarizeSiHistory(periods: readonly SiPeriod[]): SiHistorySummary {
  const months = contributedMonths(periods);
  let compulsory = 0;
  let before2014 = 0;
  let salaryTotal = 0;
  let voluntaryIncomeTotal = 0;
  for (const m of months) {
    if (m.scheme === 'compulsory') compulsory++;
    else voluntaryIncomeTotal += m.salary;
    if (monthIndex(m.month) < FIRST_MONTH_OF_2014) before2014++;
    salaryTotal += m.salary;
  }
  const total = months.length;
  return {
    compulsoryMonths: compulsory,
    voluntaryMonths: total - compulsory,
    totalMonths: total,
    monthsBefore2014: before2014,
    monthsFrom2014: total - before2014,
    averageInsuredSalary: total === 0 ? null : Math.round(salaryTotal / total),
    voluntaryIncomeTotal,
    firstMonth: months[0]?.month ?? null,
    lastMonth: months[total - 1]?.month ?? null,
  };
}

export function compulsoryMonths(periods: readonly SiPeriod[]): number {
  return summarizeSiHistory(periods).compulsoryMonths;
}

export function voluntaryMonths(periods: readonly SiPeriod[]): number {
  return summarizeSiHistory(periods).voluntaryMonths;
}

export function monthsBeforeAndFrom2014(periods: readonly SiPeriod[]): { before2014: number; from2014: number } {
  const s = summarizeSiHistory(periods);
  return { before2014: s.monthsBefore2014, from2014: s.monthsFrom2014 };
}

/** Simple average over all counted months, whole VND half up; null with no months. Not revalued. */
export function averageInsuredSalary(periods: readonly SiPeriod[]): number | null {
  return summarizeSiHistory(periods).averageInsuredSalary;
}

/** Whether a period of `scheme` covers `month` (e.g. the month of death). */
export function isContributingIn(periods: readonly SiPeriod[], month: string, scheme?: SiScheme): boolean {
  const i = monthIndex(month);
  return periods.some((p) => (scheme === undefined || p.scheme === scheme) && monthIndex(p.from) <= i && i <= monthIndex(p.to));
}

/** Whether a compulsory period covers `month`. */
export function isContributingCompulsoryIn(periods: readonly SiPeriod[], month: string): boolean {
  return isContributingIn(periods, month, 'compulsory');
}
