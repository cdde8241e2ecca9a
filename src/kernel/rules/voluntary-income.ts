/**
 * Bounds of the monthly income on which a voluntary participant pays social insurance.
 *
 * Source: Law on Social Insurance 2014 art. 87 (until 2025-06-30) and Law on Social Insurance 2024
 * art. 31 (from 2025-07-01) — DOMAIN.md §5: the income the participant chooses lies
 *  - at or above the floor   = the rural poverty line (kernel/rules/rural-poverty-line.ts), and
 *  - at or below the ceiling = 20 × base salary, called the reference level from 2025-07-01
 *                              (kernel/rules/base-salary.ts).
 * Both ends are inclusive.
 *
 * Resolution date: every table is resolved on the FIRST DAY of the period's start month and the bounds
 * hold for the whole period paid (DOMAIN.md §5: "a change of poverty line … or base salary inside a
 * prepaid period changes nothing already paid"). The Law of 2024 says "at the time of payment"; for a
 * period paid at its start the two agree.
 *
 * Worked examples (DOMAIN.md §5):
 *  - start 2024-06 → floor 1,500,000, ceiling 20 × 1,800,000 = 36,000,000
 *  - start 2024-07 → ceiling 20 × 2,340,000 = 46,800,000
 *  - start 2027-01 → floor 2,200,000; an income of 1,500,000 gives 'income-below-floor'.
 */
import type { FieldError } from '../errors.ts';
import { baseSalaryAt } from './base-salary.ts';
import { BUILT_IN_RULES, type RuleBook } from './rule-book.ts';
import { ruralPovertyLineAt } from './rural-poverty-line.ts';
import type { IsoDate, IsoMonth } from '../dates.ts';
import { formatVnd } from './voluntary-money.ts';
import { firstDayOf, viDate } from './voluntary-months.ts';
import { voluntaryLawAt } from './voluntary-law.ts';

export const INCOME_PROBLEM_CODES = ['income-below-floor', 'income-above-ceiling'] as const;
export type IncomeProblemCode = (typeof INCOME_PROBLEM_CODES)[number];

export interface IncomeBounds {
  readonly startMonth: IsoMonth;
  /** The date every table was resolved on: the first day of the start month. */
  readonly resolvedOn: IsoDate;
  readonly floor: number;
  readonly ceiling: number;
  /** `<law>+<rural poverty line>+<base salary>` version ids. */
  readonly ruleVersion: string;
  readonly legalBasis: string;
}

/** A field-level problem on `monthlyIncome`, shaped as a kernel FieldError plus the bounds. */
export interface IncomeProblem extends FieldError {
  readonly path: 'monthlyIncome';
  readonly code: IncomeProblemCode;
  readonly floor: number;
  readonly ceiling: number;
}

export type IncomeCheck =
  | { readonly ok: true; readonly bounds: IncomeBounds }
  | { readonly ok: false; readonly bounds: IncomeBounds; readonly problem: IncomeProblem };

/** Floor and ceiling in force on the first day of `startMonth`, from `rules` (default: the built-in tables). */
export function voluntaryIncomeBounds(startMonth: IsoMonth, rules: RuleBook = BUILT_IN_RULES): IncomeBounds {
  const on = firstDayOf(startMonth);
  const law = voluntaryLawAt(on);
  const line = ruralPovertyLineAt(on, rules.ruralPovertyLine);
  const base = baseSalaryAt(on, rules.baseSalary);
  return {
    startMonth,
    resolvedOn: on,
    floor: line.value,
    ceiling: law.value.ceilingMultiple * base.value,
    ruleVersion: `${law.version}+${line.version}+${base.version}`,
    legalBasis: `${law.legalBasis}; rural poverty line: ${line.legalBasis}; base salary: ${base.legalBasis}`,
  };
}

/**
 * Whether `monthlyIncome` (integer VND) may be chosen for a period starting in `startMonth`.
 * A non-integer or non-positive income is a programming error (the request schema rejects it): RangeError.
 */
export function checkVoluntaryIncome(monthlyIncome: number, startMonth: IsoMonth, rules: RuleBook = BUILT_IN_RULES): IncomeCheck {
  if (!Number.isSafeInteger(monthlyIncome) || monthlyIncome <= 0) {
    throw new RangeError(`monthly income must be a positive whole number of VND: ${monthlyIncome}`);
  }
  const bounds = voluntaryIncomeBounds(startMonth, rules);
  const { floor, ceiling, resolvedOn } = bounds;
  const en = (n: number) => `${formatVnd(n, 'en')} VND`;
  const vi = (n: number) => `${formatVnd(n, 'vi')} đồng`;
  if (monthlyIncome < floor) {
    return {
      ok: false,
      bounds,
      problem: {
        path: 'monthlyIncome',
        code: 'income-below-floor',
        reason: `The monthly income must be at least ${en(floor)}, the rural poverty line on ${resolvedOn}.`,
        reasonVi: `Thu nhập tháng phải từ ${vi(floor)} trở lên (chuẩn nghèo khu vực nông thôn tại ngày ${viDate(resolvedOn)}).`,
        floor,
        ceiling,
      },
    };
  }
  if (monthlyIncome > ceiling) {
    return {
      ok: false,
      bounds,
      problem: {
        path: 'monthlyIncome',
        code: 'income-above-ceiling',
        reason: `The monthly income may not exceed ${en(ceiling)}, 20 times the base salary (reference level) on ${resolvedOn}.`,
        reasonVi: `Thu nhập tháng không được vượt quá ${vi(ceiling)} (20 lần mức lương cơ sở/mức tham chiếu tại ngày ${viDate(resolvedOn)}).`,
        floor,
        ceiling,
      },
    };
  }
  return { ok: true, bounds };
}
