import { addDays, anniversary, compareDates, type IsoDate } from '../../../kernel/dates.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';
import { monthlyChildHiContribution } from '../domain/child-state-budget-contribution.ts';

/**
 * The state budget's HI contribution for one child over a report's months (Decree 146/2018/ND-CP art. 7.1.đ and
 * art. 10.1.b; Decree 188/2025/ND-CP from 2025-08-15; DOMAIN.md §2): 4.5% × the base salary in force in each month,
 * from the date of birth until the child reaches 72 months (the 6th-birthday date), and no longer than the card.
 *
 * Which months count: a month counts whole when the child was covered on any day of it (the month of birth and the
 * month before the 6th birthday included). The official rule for part months was not found; this is the design's
 * choice, documented in docs/reports.md, and the only place to change it.
 */
export function coveredUntil(validFrom: IsoDate, validTo: IsoDate, endedOn: IsoDate | null): IsoDate {
  const before72Months = addDays(anniversary(validFrom, 6), -1);
  let end = compareDates(validTo, before72Months) < 0 ? validTo : before72Months;
  if (endedOn && compareDates(endedOn, end) < 0) end = endedOn;
  return end;
}

/** The months of `months` (YYYY-MM, in order) the span [from, until] touches. */
export function monthsCovered(from: IsoDate, until: IsoDate, months: readonly string[]): string[] {
  return months.filter((m) => m >= from.slice(0, 7) && m <= until.slice(0, 7) && compareDates(from, until) <= 0);
}

/** The amount for those months: the sum of each month's 4.5% × base salary (in `rules`, social security's book). */
export function budgetAmount(months: readonly string[], rules: RuleBook = BUILT_IN_RULES): number {
  return months.reduce((s, m) => s + monthlyChildHiContribution(m, rules).amount, 0);
}
