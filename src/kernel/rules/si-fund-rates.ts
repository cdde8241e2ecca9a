/**
 * Monthly investment rate of the social insurance fund ("lãi suất đầu tư quỹ BHXH"), as VSS publishes it for each
 * year: the rate at which voluntary-SI lump sums are discounted (paid in advance) or compounded (missing period).
 *
 * Source of the rule that uses it — DOMAIN.md §5: "Advance payments are discounted, missing-period payments
 * compounded, at the monthly investment rate of the SI fund that VSS publishes for the previous year *(formula
 * unconfirmed)*". How the rate is chosen and applied: agencies/social-security/domain/voluntary-interest-rates.ts.
 *
 * An effective-dated table of the rule book (rule-book.ts, public name `si-fund-rate`), so social security's national
 * IT operator adds each year's published rate through the API with no release (docs/back-office.md "Rule tables",
 * docs/voluntary-si.md "The SI fund's rate table"). A version's value says WHICH YEAR the rate was published for, and
 * its `effectiveFrom` is the first day a payment may use it:
 *  - built in: the rate of year Y from (Y + 1)-01-01, the first day a payment needs it;
 *  - added by the operator: from tomorrow at the earliest, like every table (rules/domain/new-version.ts) — VSS
 *    publishes a year's rate during the next year, so a payment made before it was entered was computed with the
 *    latest rate then recorded (the fallback, stated in that payment's legal basis) and keeps it.
 * The year cannot be read from `effectiveFrom` (a rate entered late, a correction), so it is part of the value.
 *
 * SAMPLE VALUES *(unconfirmed)*: the built-in rates are placeholders of a plausible size (about 0.4% a month), NOT
 * VSS's published figures; each version's id ends in `-sample` and its legal basis says so. Replace them — add the
 * published rate of each year through the API (a version for the same year supersedes the sample from its date on).
 *
 * Example: SI_FUND_RATES.at(isoDate('2025-07-20')).value → { year: 2024, monthlyRatePpm: 4_000 } (0.4% a month).
 */
import type { IsoDate } from '../dates.ts';
import { EffectiveTable } from './effective-dated.ts';

export interface SiFundRate {
  /** The year the rate was published for. */
  readonly year: number;
  /** Monthly rate in parts per million (4,000 ppm = 0.4% a month). */
  readonly monthlyRatePpm: number;
}

/** The bounds an added version is checked against (a guard against a misplaced digit, not a legal bound). */
export const SI_FUND_RATE_MAX_PPM = 20_000; // 2% a month
export const SI_FUND_RATE_FIRST_YEAR = 2000;

export const SI_FUND_RATE_SAMPLE_BASIS =
  'SAMPLE value (unconfirmed), not the rate VSS published; DOMAIN.md §5: the SI fund monthly investment rate VSS publishes for the previous year';

const sample = (year: number, monthlyRatePpm: number) => ({
  version: `si-fund-rate-${year}-sample`,
  effectiveFrom: `${year + 1}-01-01` as IsoDate,
  value: Object.freeze({ year, monthlyRatePpm }),
  legalBasis: SI_FUND_RATE_SAMPLE_BASIS,
});

/** Built-in rates, by the year they were published for. Sample values *(unconfirmed)*. */
export const SI_FUND_RATES = new EffectiveTable<SiFundRate>([
  sample(2020, 5_000),
  sample(2021, 4_800),
  sample(2022, 4_500),
  sample(2023, 4_200),
  sample(2024, 4_000),
  sample(2025, 3_900),
  sample(2026, 3_800),
]);
