/**
 * State support for voluntary social insurance contributions.
 *
 * Per month: support = rate × (22% × rural poverty line) — a share of the contribution on the poverty
 * line, NOT of the income the participant chose (DOMAIN.md §5). Rates, in force by date:
 *  - before 2018-01-01: none — Law on SI 2014 art. 87.1 makes support apply from 2018-01-01;
 *  - 2018-01-01 … 2025-06-30, Decree 134/2015/ND-CP art. 14: poor 30%, near-poor 25%, others 10%.
 *    That decree knows only these three groups, so 'ethnic-minority' and 'island-commune' get the
 *    "others" rate (10%) — an interpretation: they are "others" under Decree 134;
 *  - from 2025-07-01, Decree 159/2025/ND-CP: poor and island communes / special zones 50%, near-poor 40%,
 *    ethnic minorities 30%, others 20%.
 * A participant may belong to several groups; only the highest applicable rate applies (never a sum).
 * Everybody is at least 'other', so an empty list of groups means 'other'.
 *
 * Resolution date: each month is resolved on its OWN first day — rate, poverty line and contribution
 * rate alike. A payment covering 2025-06 and 2025-07 therefore gets the Decree 134 rate for June and the
 * Decree 159 rate for July; a prepaid period crossing 2027-01-01 gets the 2,200,000 poverty line for its
 * 2027 months. (Alternative reading, not adopted: every month of a lump sum at the rates in force on
 * the payment date.) The amounts are fixed when paid; later changes do not reopen them (DOMAIN.md §5).
 *
 * Cap: at most 120 months of support in a lifetime (Decree 134/2015 art. 14; kept by Decree 159/2025 —
 * DOMAIN.md §5). The caller gives the months of support already received; in a payment, the EARLIEST
 * months are supported first until the cap is reached. A month with a 0% rate (before 2018) is not a month
 * of support and does not count towards the cap.
 *
 * Rounding: rate bp × contribution bp × poverty line / 10^8, once, half up to the whole dong.
 *
 * Worked example: 'other', month 2025-08 → 20% × 22% × 1,500,000 = 66,000 VND;
 *                 'poor' + 'ethnic-minority', 2025-08 → only the higher 50% → 165,000 VND;
 *                 118 months already supported, 6 months paid → the first 2 supported.
 */
import type { IsoDate, IsoMonth } from '../../../kernel/dates.ts';
import type { RuleVersion } from '../../../kernel/rules/effective-dated.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';
import { ruralPovertyLineAt } from '../../../kernel/rules/rural-poverty-line.ts';
import { isSupportGroup, SUPPORT_GROUPS, type SupportGroup, type SupportRates } from '../../../kernel/rules/support-rates.ts';
import { divideRoundHalfUp } from '../../../kernel/rules/voluntary-money.ts';
import { firstDayOf, monthsBetween } from '../../../kernel/rules/voluntary-months.ts';
import { voluntaryLawAt } from '../../../kernel/rules/voluntary-law.ts';

export { isSupportGroup, SUPPORT_GROUPS, SUPPORT_RATES, type SupportGroup, type SupportRates } from '../../../kernel/rules/support-rates.ts';

/** Lifetime maximum of months of state support. */
export const MAX_SUPPORTED_MONTHS = 120;

export interface AppliedRate {
  /** The group whose rate applied (the highest; ties go to the earlier group in SUPPORT_GROUPS). */
  readonly group: SupportGroup;
  readonly rateBp: number;
  readonly version: RuleVersion<SupportRates>;
}

/** The highest rate among `groups` (plus 'other', which everybody is) in force on `on`, in `rules` (default: built-in). */
export function highestSupportRate(groups: readonly SupportGroup[], on: IsoDate, rules: RuleBook = BUILT_IN_RULES): AppliedRate {
  for (const g of groups) if (!isSupportGroup(g)) throw new RangeError(`unknown support group: ${String(g)}`);
  const version = rules.supportRates.at(on);
  const applicable = SUPPORT_GROUPS.filter((g) => g === 'other' || groups.includes(g));
  let best = applicable[0]!;
  // Strictly greater: among equal rates the earlier group wins ('poor' over 'island-commune' at 50%).
  for (const g of applicable) if (version.value[g] > version.value[best]) best = g;
  return { group: best, rateBp: version.value[best], version };
}

export interface MonthSupport {
  readonly month: IsoMonth;
  /** True when the month is a month of support (rate > 0 and within the 120-month cap). */
  readonly supported: boolean;
  readonly group: SupportGroup;
  readonly rateBp: number;
  readonly povertyLine: number;
  /** Integer VND; 0 when not supported. */
  readonly amount: number;
  /** `<support rates>+<rural poverty line>+<law>` version ids. */
  readonly ruleVersion: string;
  readonly legalBasis: string;
}

/** Support for one month, ignoring the cap (resolved on the month's first day), from `rules` (default: built-in). */
export function monthlySupport(month: IsoMonth, groups: readonly SupportGroup[], rules: RuleBook = BUILT_IN_RULES): MonthSupport {
  const on = firstDayOf(month);
  const rate = highestSupportRate(groups, on, rules);
  const line = ruralPovertyLineAt(on, rules.ruralPovertyLine);
  const law = voluntaryLawAt(on);
  return {
    month,
    supported: rate.rateBp > 0,
    group: rate.group,
    rateBp: rate.rateBp,
    povertyLine: line.value,
    amount: divideRoundHalfUp(rate.rateBp * law.value.contributionBp * line.value, 100_000_000),
    ruleVersion: `${rate.version.version}+${line.version}+${law.version}`,
    legalBasis: `support: ${rate.version.legalBasis}; rural poverty line: ${line.legalBasis}`,
  };
}

export interface SupportInput {
  /** The months being paid, strictly ascending. */
  readonly months: readonly IsoMonth[];
  readonly groups: readonly SupportGroup[];
  /** Months of support already received before this payment (history), a whole number ≥ 0. */
  readonly monthsAlreadySupported: number;
}

export interface SupportDecision {
  readonly perMonth: readonly MonthSupport[];
  /** Months supported in this payment. */
  readonly supportedMonths: number;
  readonly total: number;
  /** Months of support left after this payment. */
  readonly remainingAfter: number;
}

/** Support for each month of a payment, applying the 120-month cap to the earliest months first; tables from `rules`. */
export function supportForPayment(input: SupportInput, rules: RuleBook = BUILT_IN_RULES): SupportDecision {
  const { months, groups, monthsAlreadySupported } = input;
  if (!Number.isSafeInteger(monthsAlreadySupported) || monthsAlreadySupported < 0) {
    throw new RangeError(`months already supported must be a whole number ≥ 0: ${monthsAlreadySupported}`);
  }
  months.forEach((m, i) => {
    if (i > 0 && monthsBetween(months[i - 1]!, m) <= 0) throw new RangeError(`months not strictly ascending at ${m}`);
  });
  let left = Math.max(0, MAX_SUPPORTED_MONTHS - monthsAlreadySupported);
  const perMonth = months.map((m) => {
    const s = monthlySupport(m, groups, rules);
    if (!s.supported) return s;
    if (left === 0) return { ...s, supported: false, amount: 0 };
    left -= 1;
    return s;
  });
  const supported = perMonth.filter((s) => s.supported);
  return {
    perMonth,
    supportedMonths: supported.length,
    total: supported.reduce((sum, s) => sum + s.amount, 0),
    remainingAfter: left,
  };
}
