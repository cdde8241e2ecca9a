/**
 * The SI fund's monthly investment rate applied to a voluntary-SI lump sum, and the two formulas that use it
 * (DOMAIN.md §5). The rates themselves are an effective-dated table of the rule book (kernel/rules/si-fund-rates.ts,
 * `si-fund-rate`), which social security's IT operator extends each year through the API.
 *
 * DOMAIN.md §5: "Advance payments are discounted, missing-period payments compounded, at the monthly
 * investment rate of the SI fund that VSS publishes for the previous year *(formula unconfirmed)*".
 * So the FORMULAS below are unconfirmed, and the built-in DATA are sample values (si-fund-rates.ts):
 *
 *  - Rate used: the one published for the year BEFORE the year of the payment date (DOMAIN.md §5), among the
 *    versions in force on the payment date.
 *  - A year whose rate is not yet recorded (VSS publishes it during the following year, and the operator enters it
 *    from the next day on): the rate of the LATEST year recorded before it is used, and the decision's legal basis
 *    says so (`FundRate.fallback`, `basis`). The repo records no rule for a rate not yet published (DOMAIN.md §5 names
 *    only the previous year's); this is an operational choice *(unconfirmed)*, made so that a valid registration is
 *    never refused because the table lags. Only when no rate at all is recorded for the previous year or earlier (a
 *    payment before 2021 with the built-in table) is there a RangeError.
 *  - Advance payment of n months (i = 0 for the first month of the period):
 *        amount = Σ_{i=0}^{n-1} m_i / (1 + r)^i
 *  - Missing period (months already past on the payment date):
 *        amount = Σ_i m_i × (1 + r)^{k_i},  k_i = whole months from missing month i to the payment month
 *        (the month just before the payment month has k = 1).
 *  where m_i is the month's net amount (22% × income − state support), r the monthly rate.
 *  Rounding: the sum is computed unrounded and rounded ONCE, half up, to the whole dong.
 *
 * Worked example: 12 months of 264,000 paid in advance in 2025 (sample rate of 2024: 4,000 ppm = 0.4%/month)
 *   → 264,000 × Σ_{i=0}^{11} 1.004^-i = 3,099,495.35… → 3,099,495 VND (instead of 3,168,000).
 */
import { parts, type IsoDate } from '../../../kernel/dates.ts';
import type { EffectiveTable } from '../../../kernel/rules/effective-dated.ts';
import { SI_FUND_RATES, type SiFundRate } from '../../../kernel/rules/si-fund-rates.ts';

export interface FundRate {
  /** The year the rate was published for. */
  readonly year: number;
  /** Monthly rate in parts per million (4,000 ppm = 0.4% a month). */
  readonly monthlyRatePpm: number;
  /** Version id recorded with each decision. */
  readonly version: string;
  /** The version's legal basis (the built-in ones say they are sample values). */
  readonly source: string;
  /** The year whose rate the law asks for: the year before the payment's (DOMAIN.md §5). */
  readonly neededYear: number;
  /** True when that year's rate is not recorded and the latest earlier one is used instead. */
  readonly fallback: boolean;
  /** What the decision's legal basis says about the rate (and, on a fallback, that it is one). */
  readonly basis: string;
}

/**
 * The rate for a lump sum paid on `paymentDate`: the one published for the previous year, else the latest year before
 * it that `table` holds (said in `basis`). Only versions in force on `paymentDate` count; of several for one year, the
 * latest in force (a correction). RangeError when there is none for the previous year or earlier.
 */
export function fundRateForPaymentOn(paymentDate: IsoDate, table: EffectiveTable<SiFundRate> = SI_FUND_RATES): FundRate {
  const neededYear = parts(paymentDate).year - 1;
  let best: (typeof table.versions)[number] | undefined;
  for (const v of table.versions) {
    if (v.effectiveFrom > paymentDate) break;
    if (v.value.year <= neededYear && (!best || v.value.year >= best.value.year)) best = v;
  }
  if (!best) throw new RangeError(`no SI fund investment rate recorded for ${neededYear} or earlier (needed for a payment on ${paymentDate})`);
  const { year, monthlyRatePpm } = best.value;
  const fallback = year < neededYear;
  const rate = `SI fund monthly investment rate of ${year}, ${monthlyRatePpm.toLocaleString('en-US')} ppm (${best.version}: ${best.legalBasis})`;
  const basis = fallback
    ? `${rate} — the rate of ${neededYear}, which DOMAIN.md §5 asks for (the previous year's), is not yet recorded, so the latest recorded rate is used (fallback, unconfirmed)`
    : rate;
  return { year, monthlyRatePpm, version: best.version, source: best.legalBasis, neededYear, fallback, basis };
}

function ratio(ppm: number): number {
  if (!Number.isSafeInteger(ppm) || ppm < 0) throw new RangeError(`rate must be whole ppm ≥ 0: ${ppm}`);
  return 1 + ppm / 1_000_000;
}

/** Present-value factor of the i-th month of an advance period: 1 / (1 + r)^i. */
export function discountFactor(ratePpm: number, i: number): number {
  return 1 / ratio(ratePpm) ** i;
}

/** Compounding factor of a month paid k months late: (1 + r)^k. */
export function compoundFactor(ratePpm: number, k: number): number {
  return ratio(ratePpm) ** k;
}

/** Σ m_i / (1 + r)^i, rounded half up once to the whole dong. */
export function discountedTotal(netAmounts: readonly number[], ratePpm: number): number {
  return Math.round(netAmounts.reduce((sum, m, i) => sum + m * discountFactor(ratePpm, i), 0));
}

/** Σ m_i × (1 + r)^{k_i}, rounded half up once to the whole dong. */
export function compoundedTotal(items: readonly { net: number; monthsLate: number }[], ratePpm: number): number {
  return Math.round(items.reduce((sum, x) => sum + x.net * compoundFactor(ratePpm, x.monthsLate), 0));
}
