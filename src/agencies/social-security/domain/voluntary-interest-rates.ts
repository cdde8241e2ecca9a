/**
 * Monthly investment rate of the social insurance fund, published by VSS for each year, and the two
 * formulas that use it for lump-sum voluntary payments (DOMAIN.md §5).
 *
 * DOMAIN.md §5: "Advance payments are discounted, missing-period payments compounded, at the monthly
 * investment rate of the SI fund that VSS publishes for the previous year *(formula unconfirmed)*".
 * So both the DATA and the FORMULAS below are unconfirmed and kept here, on their own, as data:
 *
 *  - Rate used: the one published for the year BEFORE the year of the payment date (exact-year look-up;
 *    a year with no published rate throws RangeError rather than reusing an older rate).
 *  - Advance payment of n months (i = 0 for the first month of the period):
 *        amount = Σ_{i=0}^{n-1} m_i / (1 + r)^i
 *  - Missing period (months already past on the payment date):
 *        amount = Σ_i m_i × (1 + r)^{k_i},  k_i = whole months from missing month i to the payment month
 *        (the month just before the payment month has k = 1).
 *  where m_i is the month's net amount (22% × income − state support), r the monthly rate.
 *  Rounding: the sum is computed unrounded and rounded ONCE, half up, to the whole dong.
 *
 * Sample values *(unconfirmed)*: the rates below are placeholders of a plausible size (about 0.4% a
 * month), NOT VSS's published figures; replace them with the published ones before real use.
 *
 * Worked example: 12 months of 264,000 paid in advance in 2025 (rate of 2024: 4,000 ppm = 0.4%/month)
 *   → 264,000 × Σ_{i=0}^{11} 1.004^-i = 3,099,495.35… → 3,099,495 VND (instead of 3,168,000).
 */
import { parts, type IsoDate } from '../../../kernel/dates.ts';

export interface FundRate {
  /** The year the rate was published for. */
  readonly year: number;
  /** Monthly rate in parts per million (4,000 ppm = 0.4% a month). */
  readonly monthlyRatePpm: number;
  /** Version id recorded with each decision. */
  readonly version: string;
  readonly source: string;
}

const SAMPLE = 'sample value (unconfirmed) — not the VSS published rate; formula per DOMAIN.md §5 (unconfirmed)';

/** Published monthly investment rate of the SI fund, by year. Sample values *(unconfirmed)*. */
export const SI_FUND_MONTHLY_RATES: ReadonlyMap<number, FundRate> = new Map(
  (
    [
      [2020, 5_000],
      [2021, 4_800],
      [2022, 4_500],
      [2023, 4_200],
      [2024, 4_000],
      [2025, 3_900],
    ] as const
  ).map(([year, ppm]) => [year, Object.freeze({ year, monthlyRatePpm: ppm, version: `si-fund-rate-${year}-sample`, source: SAMPLE })]),
);

/** The rate for a payment made on `paymentDate`: the one published for the previous year. */
export function fundRateForPaymentOn(paymentDate: IsoDate, rates: ReadonlyMap<number, FundRate> = SI_FUND_MONTHLY_RATES): FundRate {
  const year = parts(paymentDate).year - 1;
  const rate = rates.get(year);
  if (!rate) throw new RangeError(`no SI fund investment rate recorded for ${year} (needed for a payment on ${paymentDate})`);
  return rate;
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
