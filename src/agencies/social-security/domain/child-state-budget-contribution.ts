/**
 * HI contribution counted for a child under 6, funded by the state budget.
 *
 * Rule: 4.5% × base salary per month, from the date of birth until the child reaches
 * 72 months (see hi-card-validity.ts for that date).
 *  - Decree 146/2018/ND-CP art. 7.1.đ (rate 4.5% of base salary) and art. 10.1.b
 *    (state budget pays for children under 6), in force 2018-12-01;
 *  - Decree 188/2025/ND-CP replaced it from 2025-08-15; the rate is kept at 4.5%,
 *    recorded as its own version row so the basis of each month is traceable.
 * The base salary (= reference level from 2025-07-01) comes from kernel/rules/base-salary.ts.
 *
 * Resolution date: both tables are resolved on the FIRST day of the month. Base-salary
 * changes fall on the 1st of July, so this is exact for them; for August 2025 the rate
 * row is the Decree 146/2018 one (same 4.5% value).
 *
 * Rounding: the rate is held as integer basis points (4.5% = 450 bp) and the amount is
 * baseSalary × 450 / 10,000 rounded half-up to the whole dong (Math.round on a positive
 * number). No legal rounding rule is encoded: for every base salary in the table the
 * product is already a whole number of dong, so rounding never changes the result today.
 *
 * Worked example: month '2024-07' → base salary 2,340,000 (Decree 73/2024/ND-CP)
 * × 4.5% = 105,300 VND.
 */
import { isIsoDate, type IsoDate } from '../../../kernel/dates.ts';
import { baseSalaryAt } from '../../../kernel/rules/base-salary.ts';
import { EffectiveTable } from '../../../kernel/rules/effective-dated.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';

/** Rate in basis points of the base salary. */
export const CHILD_HI_RATE = new EffectiveTable<number>([
  {
    version: 'child-hi-rate-decree-146-2018',
    effectiveFrom: '2018-12-01' as IsoDate,
    value: 450,
    legalBasis: 'Decree 146/2018/ND-CP art. 7.1.đ, art. 10.1.b',
  },
  {
    version: 'child-hi-rate-decree-188-2025',
    effectiveFrom: '2025-08-15' as IsoDate,
    value: 450,
    legalBasis: 'Decree 188/2025/ND-CP',
  },
]);

export interface ChildHiContribution {
  /** Integer VND for the month. */
  amount: number;
  /** As a fraction, e.g. 0.045. */
  rate: number;
  baseSalary: number;
  /** `<rate version>+<base-salary version>`. */
  version: string;
  legalBasis: string;
}

/** `rules`: the book the base salary is read from (default: the built-in tables; the reports pass social security's). */
export function monthlyChildHiContribution(month: string, rules: RuleBook = BUILT_IN_RULES): ChildHiContribution {
  const day1 = `${month}-01`;
  if (!/^\d{4}-\d{2}$/.test(month) || !isIsoDate(day1)) throw new RangeError(`not a month YYYY-MM: ${month}`);
  const rate = CHILD_HI_RATE.at(day1);
  const base = baseSalaryAt(day1, rules.baseSalary);
  return {
    amount: Math.round((base.value * rate.value) / 10_000),
    rate: rate.value / 10_000,
    baseSalary: base.value,
    version: `${rate.version}+${base.version}`,
    legalBasis: `${rate.legalBasis}; base salary: ${base.legalBasis}`,
  };
}
