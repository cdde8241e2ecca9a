import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../../../kernel/dates.ts';
import {
  compoundedTotal,
  compoundFactor,
  discountedTotal,
  discountFactor,
  fundRateForPaymentOn,
  SI_FUND_MONTHLY_RATES,
  type FundRate,
} from './voluntary-interest-rates.ts';

// DOMAIN.md §5: rate published for the previous year; values and formula unconfirmed (sample data).
test('the rate used is the one published for the year before the payment', () => {
  assert.equal(fundRateForPaymentOn(isoDate('2025-07-20')).year, 2024);
  assert.equal(fundRateForPaymentOn(isoDate('2025-01-01')).year, 2024);
  assert.equal(fundRateForPaymentOn(isoDate('2024-12-31')).year, 2023);
  assert.equal(fundRateForPaymentOn(isoDate('2025-07-20')).monthlyRatePpm, 4_000);
  assert.equal(fundRateForPaymentOn(isoDate('2025-07-20')).version, 'si-fund-rate-2024-sample');
});

test('a year with no published rate is refused, not replaced by an older rate', () => {
  assert.throws(() => fundRateForPaymentOn(isoDate('2027-03-01')), RangeError);
  assert.throws(() => fundRateForPaymentOn(isoDate('2020-03-01')), RangeError);
});

test('every sample row says it is unconfirmed', () => {
  for (const r of SI_FUND_MONTHLY_RATES.values()) {
    assert.match(r.source, /unconfirmed/);
    assert.match(r.version, /-sample$/);
    assert.ok(Number.isSafeInteger(r.monthlyRatePpm));
  }
});

test('a table can be passed in (data-driven)', () => {
  const published: ReadonlyMap<number, FundRate> = new Map([[2024, { year: 2024, monthlyRatePpm: 3_950, version: 'vss-2024', source: 'VSS notice' }]]);
  assert.equal(fundRateForPaymentOn(isoDate('2025-02-01'), published).monthlyRatePpm, 3_950);
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
