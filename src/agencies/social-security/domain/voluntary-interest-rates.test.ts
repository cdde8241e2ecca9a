import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../../../kernel/dates.ts';
import { EffectiveTable, type RuleVersion } from '../../../kernel/rules/effective-dated.ts';
import { SI_FUND_RATES, type SiFundRate } from '../../../kernel/rules/si-fund-rates.ts';
import {
  compoundedTotal,
  compoundFactor,
  discountedTotal,
  discountFactor,
  fundRateForPaymentOn,
} from './voluntary-interest-rates.ts';

// DOMAIN.md §5: rate published for the previous year; values and formula unconfirmed (sample data).
test('the rate used is the one published for the year before the payment', () => {
  assert.equal(fundRateForPaymentOn(isoDate('2025-07-20')).year, 2024);
  assert.equal(fundRateForPaymentOn(isoDate('2025-01-01')).year, 2024);
  assert.equal(fundRateForPaymentOn(isoDate('2024-12-31')).year, 2023);
  assert.equal(fundRateForPaymentOn(isoDate('2025-07-20')).monthlyRatePpm, 4_000);
  assert.equal(fundRateForPaymentOn(isoDate('2025-07-20')).version, 'si-fund-rate-2024-sample');
  assert.equal(fundRateForPaymentOn(isoDate('2025-07-20')).fallback, false);
  // The built-in table holds 2026 (sample): a payment in 2027 is computed, not refused.
  assert.deepEqual(pick(fundRateForPaymentOn(isoDate('2027-01-01'))), ['si-fund-rate-2026-sample', 2026, 3_800, false]);
});

test('every built-in row says it is a sample value, not VSS’s published rate', () => {
  for (const v of SI_FUND_RATES.versions) {
    assert.match(v.legalBasis, /SAMPLE value \(unconfirmed\), not the rate VSS published/);
    assert.match(v.version, /^si-fund-rate-\d{4}-sample$/);
    assert.equal(v.effectiveFrom, `${v.value.year + 1}-01-01`, 'usable from the first day of the next year');
    assert.ok(Number.isSafeInteger(v.value.monthlyRatePpm));
  }
  assert.deepEqual(SI_FUND_RATES.versions.map((v) => v.value.year), [2020, 2021, 2022, 2023, 2024, 2025, 2026]);
});

const v = (version: string, effectiveFrom: string, year: number, monthlyRatePpm: number): RuleVersion<SiFundRate> => ({ version, effectiveFrom: isoDate(effectiveFrom), value: { year, monthlyRatePpm }, legalBasis: `test ${version}` });
const pick = (r: ReturnType<typeof fundRateForPaymentOn>) => [r.version, r.year, r.monthlyRatePpm, r.fallback] as const;
// A table as an operator may leave it: 2024 and 2025 built in from the next 1 January; 2026's rate entered late, on
// 2027-03-15; 2025's corrected from 2026-06-01; a 2027 rate entered (by mistake or provisionally) from 2027-12-20.
const TABLE = new EffectiveTable<SiFundRate>([
  v('r-2024', '2025-01-01', 2024, 4_000),
  v('r-2025', '2026-01-01', 2025, 3_900),
  v('r-2025-corrected', '2026-06-01', 2025, 3_950),
  v('r-2026', '2027-03-15', 2026, 3_700),
  v('r-2027', '2027-12-20', 2027, 3_600),
]);
// [payment date, version used, year, ppm, fallback, why] — DOMAIN.md §5: the previous year's rate; when it is not yet
// recorded, the latest recorded year before it (operational choice, unconfirmed), said in the decision's basis.
const CASES: [string, string, number, number, boolean, string][] = [
  ['2025-07-20', 'r-2024', 2024, 4_000, false, 'the previous year’s rate'],
  ['2026-05-31', 'r-2025', 2025, 3_900, false, 'the previous year’s rate, before its correction takes effect'],
  ['2026-06-01', 'r-2025-corrected', 2025, 3_950, false, 'a correction for the same year replaces it from its date'],
  ['2027-01-10', 'r-2025-corrected', 2025, 3_950, true, '2026 not yet entered: the latest recorded (2025) is used'],
  ['2027-03-14', 'r-2025-corrected', 2025, 3_950, true, 'the day before the 2026 rate takes effect'],
  ['2027-03-15', 'r-2026', 2026, 3_700, false, 'the 2026 rate from the day it takes effect'],
  ['2027-12-31', 'r-2026', 2026, 3_700, false, 'a rate for the payment’s own year (2027) is not the previous year’s: not used'],
  ['2028-02-01', 'r-2027', 2027, 3_600, false, 'in 2028 the 2027 rate is the previous year’s'],
  ['2031-06-30', 'r-2027', 2027, 3_600, true, 'years later, still the latest recorded'],
];
for (const [on, version, year, ppm, fallback, why] of CASES) {
  test(`fund rate for a payment on ${on}: ${version} (${why})`, () => {
    const r = fundRateForPaymentOn(isoDate(on), TABLE);
    assert.deepEqual(pick(r), [version, year, ppm, fallback]);
    assert.equal(r.neededYear, Number(on.slice(0, 4)) - 1);
    assert.match(r.basis, new RegExp(`rate of ${year}, .* \\(${version}: test ${version}\\)`));
    if (fallback) assert.match(r.basis, new RegExp(`the rate of ${r.neededYear}, which DOMAIN\\.md §5 asks for .* is not yet recorded, so the latest recorded rate is used`));
    else assert.doesNotMatch(r.basis, /not yet recorded|fallback/);
  });
}

test('no rate for the previous year or any earlier one: RangeError (the registration is refused outside-rules)', () => {
  assert.throws(() => fundRateForPaymentOn(isoDate('2025-06-30'), new EffectiveTable([v('r-2025', '2025-06-01', 2025, 3_900)])), /no SI fund investment rate recorded for 2024 or earlier/);
  assert.throws(() => fundRateForPaymentOn(isoDate('2024-12-31'), TABLE), RangeError, 'before the first version is in force');
  assert.throws(() => fundRateForPaymentOn(isoDate('2020-03-01')), RangeError, 'built in: the first rate (2020) is used from 2021');
});

test('factors: 1/(1+r)^i and (1+r)^k', () => {
  assert.equal(discountFactor(4_000, 0), 1);
  assert.equal(compoundFactor(4_000, 0), 1);
  assert.ok(Math.abs(discountFactor(4_000, 1) - 1 / 1.004) < 1e-15);
  assert.ok(Math.abs(compoundFactor(4_000, 2) - 1.004 * 1.004) < 1e-15);
  assert.equal(discountFactor(0, 12), 1);
  assert.throws(() => discountFactor(-1, 1), RangeError);
});

// Values computed independently: 264,000 × Σ 1.004^-i (i = 0..11) = 3,099,495.35…;
// 264,000 × (1.004 + 1.004² + 1.004³) = 798,352.91…
for (const [name, actual, expected] of [
  ['advance, 12 months of 264,000 at 0.4%', () => discountedTotal(Array(12).fill(264_000), 4_000), 3_099_495],
  ['advance at 0% is the plain sum', () => discountedTotal(Array(12).fill(264_000), 0), 3_168_000],
  ['advance, 1 month: no discount on the first month', () => discountedTotal([264_000], 4_000), 264_000],
  [
    'missing, 3 months of 264,000 late 3, 2, 1 months at 0.4%',
    () => compoundedTotal([3, 2, 1].map((k) => ({ net: 264_000, monthsLate: k })), 4_000),
    798_353,
  ],
  ['missing at 0% is the plain sum', () => compoundedTotal([{ net: 264_000, monthsLate: 7 }], 0), 264_000],
] as const) {
  test(`${name} → ${expected} (formula per DOMAIN.md §5, unconfirmed)`, () => {
    assert.equal(actual(), expected);
  });
}
