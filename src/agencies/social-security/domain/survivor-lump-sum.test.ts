import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import { isoDate } from '../../../kernel/dates.ts';
import { deathBenefitLawAt } from './death-benefit-law.ts';
import { monthAt, monthIndex, type SiPeriod } from './si-history.ts';
import { assessSurvivorLumpSum, contributionYears, pensionLumpSumMonths } from './survivor-lump-sum.ts';

const span = (end: string, n: number, scheme: SiPeriod['scheme'] = 'compulsory', monthlySalary = 6_000_000): SiPeriod =>
  ({ from: monthAt(monthIndex(end) - n + 1), to: end, scheme, monthlySalary });
const rec = (over: Partial<SiRecord>): SiRecord =>
  ({ pin: '001070000001', siCode: '0112345678', periods: [], pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: false, ...over });
const LAW = deathBenefitLawAt(isoDate('2024-08-15')).value;

// Part-years (DOMAIN §4; 2024 art. 5.6) and the pre/post-2014 split (2014 art. 70; odd pre-2014 months carried forward).
for (const [before, from, yb, yf, carried, title] of [
  [0, 123, 0, 10.5, 0, '10 y 3 m from 2014 → 10.5 years'],
  [0, 127, 0, 11, 0, '10 y 7 m from 2014 → 11 years'],
  [0, 126, 0, 10.5, 0, '6 odd months → half a year (boundary)'],
  [0, 120, 0, 10, 0, 'whole years unchanged'],
  [0, 5, 0, 0.5, 0, '5 months → half a year'],
  [65, 38, 5, 4, 5, '5 y 5 m before + 3 y 2 m from → 5 before, (3 y 7 m →) 4 from'],
  [61, 0, 5, 0.5, 1, 'odd month before 2014 carried into the from-2014 part'],
  [60, 0, 5, 0, 0, 'whole years before 2014 only'],
] as const) {
  test(`contribution years: ${title}`, () => {
    assert.deepEqual(contributionYears(before, from), { yearsBefore2014: yb, yearsFrom2014: yf, carriedMonths: carried });
  });
}

// Pensioner (2014 art. 70.2; 2024 art. 89; DOMAIN §4): month k of pension counted from the month of `since`, inclusive.
for (const [death, k, months] of [
  ['2024-01-20', 1, 48],
  ['2024-02-29', 2, 48], // boundary: within the first 2 months
  ['2024-03-01', 3, 47.5], // boundary: 0.5 less
  ['2024-04-30', 4, 47],
  ['2031-07-15', 91, 3.5],
  ['2031-08-15', 92, 3], // reaches the minimum
  ['2040-01-15', 193, 3], // never below 3 months
] as const) {
  test(`pension since 2024-01-01, death ${death}: month ${k} of pension → ${months} months [2014 art. 70.2]`, () => {
    assert.deepEqual(pensionLumpSumMonths(isoDate('2024-01-01'), isoDate(death), LAW), { monthOfPension: k, months });
  });
}

const pensioner = rec({ pension: { monthlyAmount: 5_000_001, since: '2024-06-01', kind: 'pension' }, periods: [span('2024-05', 240)] });
const CASES: readonly [string, SiRecord | null, string, string, number | null, number | string][] = [
  // [source, record, date of death, method or reason, months, amount]
  ['2014 art. 70.2: pension for 2 months → 48 months', pensioner, '2024-07-20', 'pension-months', 48, 240_000_048],
  ['2014 art. 70.2: pension for 3 months → 47.5 months, half up', pensioner, '2024-08-03', 'pension-months', 47.5, 237_500_048],
  ['2014 art. 70.1 + part-years: 10 y 3 m from 2014 → 21 months', rec({ periods: [span('2024-03', 123)] }), '2024-03-15', 'contribution-years', 21, 126_000_000],
  ['2014 art. 70.1 + part-years: 10 y 7 m from 2014 → 22 months', rec({ periods: [span('2024-07', 127)] }), '2024-07-10', 'contribution-years', 22, 132_000_000],
  [
    '2014 art. 70.1: pre/post-2014 split, 5 y 5 m at 4,000,000 + 3 y 2 m at 6,000,000 → 15.5 months × 4,737,864',
    rec({ reserved: true, periods: [span('2013-12', 65, 'compulsory', 4_000_000), span('2017-02', 38)] }), '2024-08-15', 'contribution-years', 15.5, 73_436_892,
  ],
  ['2014 art. 70.1: minimum 3 months (5 months → 1 month → 3)', rec({ periods: [span('2024-08', 5)] }), '2024-08-15', 'contribution-years', 3, 18_000_000],
  ['2014 art. 70.1: 18 months → 1.5 years → 3 months (at the minimum)', rec({ periods: [span('2024-08', 18)] }), '2024-08-15', 'contribution-years', 3, 18_000_000],
  ['2014 art. 70.1: 19 months → 2 years → 4 months (above the minimum)', rec({ periods: [span('2024-08', 19)] }), '2024-08-15', 'contribution-years', 4, 24_000_000],
  ['DOMAIN §4: voluntary 5 months → amount paid 22% × 7,500,000', rec({ periods: [span('2024-08', 5, 'voluntary', 1_500_000)] }), '2024-08-15', 'voluntary-under-one-year', null, 1_650_000],
  ['DOMAIN §4: voluntary 11 months → capped at 2 months of income', rec({ periods: [span('2024-08', 11, 'voluntary', 1_500_000)] }), '2024-08-15', 'voluntary-under-one-year', null, 3_000_000],
  ['DOMAIN §4: voluntary 12 months → 1 year × 2 → minimum 3 months', rec({ periods: [span('2024-08', 12, 'voluntary', 1_500_000)] }), '2024-08-15', 'contribution-years', 3, 4_500_000],
  ['DOMAIN §4: voluntary 30 months (no funeral case) → 2.5 years × 2', rec({ periods: [span('2024-08', 30, 'voluntary', 1_500_000)] }), '2024-08-15', 'contribution-years', 5, 7_500_000],
  ['2014 art. 70.1: 3 compulsory + 5 voluntary (under a year, mixed) → minimum 3 months', rec({ periods: [span('2020-12', 3, 'compulsory', 3_000_000), span('2024-08', 5, 'voluntary', 3_000_000)] }), '2024-08-15', 'contribution-years', 3, 9_000_000],
  ['interpretation: monthly-allowance recipient → contribution method (9 y before 2014 × 1.5 + 6 y × 2)', rec({ pension: { monthlyAmount: 3_000_000, since: '2020-01-01', kind: 'monthly-allowance' }, periods: [span('2019-12', 180)] }), '2024-08-15', 'contribution-years', 25.5, 153_000_000],
  ['2014 art. 69 via art. 66.1: reserved with 11 months → not eligible', rec({ reserved: true, periods: [span('2023-12', 11)] }), '2024-08-15', 'reserved-under-12-months', null, 'not eligible'],
  ['2014 art. 69: lump-sum SI taken → not eligible', rec({ lumpSumTaken: true, periods: [span('2020-12', 100)] }), '2024-08-15', 'lump-sum-taken', null, 'not eligible'],
  ['no VSS record → not eligible', null, '2024-08-15', 'no-si-record', null, 'not eligible'],
];
for (const [source, record, death, expected, months, amount] of CASES) {
  test(`lump sum [${source}] → ${expected} ${amount}`, () => {
    const a = assessSurvivorLumpSum({ record, dateOfBirth: isoDate('1965-03-01'), dateOfDeath: isoDate(death), cause: 'other' }, LAW);
    if (!a.eligible) {
      assert.equal(a.reason, expected);
      return;
    }
    assert.equal(a.method, expected);
    assert.equal(a.months, months);
    assert.equal(a.amount, amount);
    assert.ok(Number.isInteger(a.amount));
    assert.ok(a.detail.en.length > 0 && a.detail.vi.length > 0);
  });
}

test('pension lump sum: death before the pension began → RangeError', () => {
  assert.throws(() => pensionLumpSumMonths(isoDate('2024-06-01'), isoDate('2024-05-31'), LAW), RangeError);
});
