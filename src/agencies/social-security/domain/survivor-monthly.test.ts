import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import { isoDate } from '../../../kernel/dates.ts';
import { deathBenefitLawAt, type DeathCause } from './death-benefit-law.ts';
import { monthAt, monthIndex, type SiPeriod } from './si-history.ts';
import { assessSurvivorMonthly, relativeEligibility, survivorMonthlyGround, type Relative } from './survivor-monthly.ts';

const span = (end: string, n: number, scheme: SiPeriod['scheme'] = 'compulsory'): SiPeriod =>
  ({ from: monthAt(monthIndex(end) - n + 1), to: end, scheme, monthlySalary: 6_000_000 });
const rec = (over: Partial<SiRecord>): SiRecord =>
  ({ pin: '001070000001', siCode: '0112345678', periods: [], pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: false, ...over });
const LAW_2014 = deathBenefitLawAt(isoDate('2024-08-15')).value;
const LAW_2024 = deathBenefitLawAt(isoDate('2025-08-15')).value;

// Deceased (Law on SI 2014 art. 67.1; 2024 art. 86.1; DOMAIN §4).
const GROUNDS: readonly [string, SiRecord | null, DeathCause, string | null][] = [
  ['180 months compulsory, no lump sum', rec({ periods: [span('2024-08', 180)] }), 'other', 'compulsory-15-years'],
  ['179 months compulsory (boundary)', rec({ periods: [span('2024-08', 179)] }), 'other', null],
  ['180 months compulsory but lump sum taken', rec({ lumpSumTaken: true, periods: [span('2020-08', 180)] }), 'other', null],
  ['180 months of voluntary SI only do not count', rec({ periods: [span('2024-08', 180, 'voluntary')] }), 'other', null],
  ['pensioner with 180 months compulsory', rec({ pension: { monthlyAmount: 5_000_000, since: '2020-01-01' }, periods: [span('2019-12', 180)] }), 'other', 'pensioner-15-years'],
  ['pensioner with 179 months compulsory (DOMAIN: ≥ 15 years)', rec({ pension: { monthlyAmount: 5_000_000, since: '2020-01-01', kind: 'pension' }, periods: [span('2019-12', 179)] }), 'other', null],
  ['occupational allowance, 61% incapacity', rec({ pension: { monthlyAmount: 2_000_000, since: '2020-01-01', kind: 'occupational-allowance', incapacityPercent: 61 }, periods: [span('2019-12', 24)] }), 'other', 'occupational-allowance-61'],
  ['occupational allowance, 60% incapacity (boundary)', rec({ pension: { monthlyAmount: 2_000_000, since: '2020-01-01', kind: 'occupational-allowance', incapacityPercent: 60 }, periods: [span('2019-12', 24)] }), 'other', null],
  ['died of an occupational disease with 12 months', rec({ periods: [span('2024-08', 12)] }), 'occupational-disease', 'occupational-death'],
  ['no VSS record', null, 'occupational-accident', null],
];
for (const [title, record, cause, expected] of GROUNDS) {
  test(`survivor monthly ground [2014 art. 67.1; 2024 art. 86.1]: ${title} → ${expected}`, () => {
    assert.equal(survivorMonthlyGround(record, cause, LAW_2014), expected);
    assert.equal(survivorMonthlyGround(record, cause, LAW_2024), expected);
  });
}

const R = (over: Partial<Relative>): Relative => ({ pin: '001200000001', relationship: 'child', ageYears: 10, incapacityPercent: 0, hasDirectCaretaker: true, ...over });
// Relatives (2014 art. 67.2–3, 68.1; 2024 art. 86.2, 87; DOMAIN §4). Base salary 2,340,000 for the income test.
const RELATIVES: readonly [string, Relative, number | string][] = [
  ['child aged 17', R({ ageYears: 17 }), 50],
  ['child aged 18 (boundary)', R({ ageYears: 18 }), 'child-18-or-over'],
  ['child aged 18 with 81% incapacity', R({ ageYears: 18, incapacityPercent: 81 }), 50],
  ['child aged 30 with 80% incapacity (boundary)', R({ ageYears: 30, incapacityPercent: 80 }), 'child-18-or-over'],
  ['child in utero', R({ ageYears: 0, inUtero: true }), 50],
  ['child with no direct caretaker', R({ ageYears: 4, hasDirectCaretaker: false }), 70],
  ['spouse of retirement age', R({ relationship: 'spouse', ageYears: 62, reachedRetirementAge: true }), 50],
  ['spouse under retirement age', R({ relationship: 'spouse', ageYears: 50 }), 'not-retirement-age-nor-81-percent'],
  ['spouse with 81% incapacity', R({ relationship: 'spouse', ageYears: 45, incapacityPercent: 81 }), 50],
  ['father, income = base salary (2014 art. 67.3)', R({ relationship: 'father', ageYears: 70, reachedRetirementAge: true, monthlyIncome: 2_340_000 }), 'income-at-or-above-base-salary'],
  ['father, income just below the base salary', R({ relationship: 'father', ageYears: 70, reachedRetirementAge: true, monthlyIncome: 2_339_999 }), 50],
  ['mother-in-law with no caretaker', R({ relationship: 'mother-in-law', ageYears: 66, reachedRetirementAge: true, hasDirectCaretaker: false }), 70],
  ['dependant under retirement age', R({ relationship: 'dependant', ageYears: 40 }), 'not-retirement-age-nor-81-percent'],
];
for (const [title, relative, expected] of RELATIVES) {
  test(`relative [2014 art. 67.2, 68.1]: ${title} → ${expected}`, () => {
    const e = relativeEligibility(relative, 2_340_000, LAW_2014);
    assert.equal(e.eligible ? e.ratePercent : e.reason, expected);
  });
}

const WORKER = rec({ periods: [span('2024-08', 200)] });
const kids = (n: number) => Array.from({ length: n }, (_, i) => R({ pin: `00120000000${i + 1}`, ageYears: 5 + i }));

test('4 relatives: all paid, 4 × 50% × 2,340,000 (2014 art. 68.2: at most 4)', () => {
  const a = assessSurvivorMonthly({ record: WORKER, cause: 'other', dateOfDeath: isoDate('2024-08-15'), relatives: kids(4) }, LAW_2014);
  assert.deepEqual(a.perRelative.map((p) => p.status), ['paid', 'paid', 'paid', 'paid']);
  assert.equal(a.monthlyAmount, 4 * 1_170_000);
  assert.equal(a.fromMonth, '2024-09');
});

// Law on SI 2014 art. 68.2 and 2024 art. 87 (at most 4 relatives paid); DOMAIN §4. Which 4: the documented choice in
// survivor-monthly.ts (highest rate first, then the order declared), which maximises the family's total.
test('5 relatives: the 70% one is paid first, the last 50% one in input order is over the limit (2014 art. 68.2: at most 4)', () => {
  const five = [...kids(4), R({ pin: '001200000009', ageYears: 2, hasDirectCaretaker: false })];
  const a = assessSurvivorMonthly({ record: WORKER, cause: 'other', dateOfDeath: isoDate('2024-08-15'), relatives: five }, LAW_2014);
  assert.deepEqual(a.perRelative.map((p) => [p.pin, p.status, p.monthlyAmount, p.reason]), [
    ['001200000001', 'paid', 1_170_000, null],
    ['001200000002', 'paid', 1_170_000, null],
    ['001200000003', 'paid', 1_170_000, null],
    ['001200000004', 'not-paid', null, 'over-limit'],
    ['001200000009', 'paid', 1_638_000, null],
  ]);
  assert.equal(a.monthlyAmount, 1_638_000 + 3 * 1_170_000);
});

// Paid from the month after the death, at the base salary of that month (documented choice).
for (const [dod, fromMonth, perChild, baseVersion] of [
  ['2023-05-31', '2023-06', 745_000, 'base-salary-2019-07'],
  ['2023-06-30', '2023-07', 900_000, 'base-salary-2023-07'],
  ['2023-07-01', '2023-08', 900_000, 'base-salary-2023-07'],
  ['2024-05-31', '2024-06', 900_000, 'base-salary-2023-07'],
  ['2024-06-30', '2024-07', 1_170_000, 'base-salary-2024-07'],
  ['2024-07-01', '2024-08', 1_170_000, 'base-salary-2024-07'],
  ['2026-05-31', '2026-06', 1_170_000, 'base-salary-2024-07'],
  ['2026-06-30', '2026-07', 1_265_000, 'base-salary-2026-07'],
  ['2026-07-01', '2026-08', 1_265_000, 'base-salary-2026-07'],
] as const) {
  test(`death ${dod} → paid from ${fromMonth}, 50% = ${perChild} (${baseVersion}; 2014 art. 68 / 2024 art. 87)`, () => {
    const law = deathBenefitLawAt(isoDate(dod)).value;
    const a = assessSurvivorMonthly({ record: WORKER, cause: 'other', dateOfDeath: isoDate(dod), relatives: kids(1) }, law);
    assert.equal(a.fromMonth, fromMonth);
    assert.equal(a.monthlyAmount, perChild);
    assert.equal(a.baseSalary.version, baseVersion);
  });
}

test('70% of 1,490,000 = 1,043,000 (whole dong)', () => {
  const a = assessSurvivorMonthly({ record: WORKER, cause: 'other', dateOfDeath: isoDate('2023-05-31'), relatives: [R({ hasDirectCaretaker: false })] }, LAW_2014);
  assert.equal(a.monthlyAmount, 1_043_000);
});

test('deceased opens no monthly allowance → eligible relatives are not paid (monthly-not-open)', () => {
  const a = assessSurvivorMonthly({ record: rec({ periods: [span('2024-08', 100)] }), cause: 'other', dateOfDeath: isoDate('2024-08-15'), relatives: kids(2) }, LAW_2014);
  assert.equal(a.ground, null);
  assert.equal(a.monthlyAmount, 0);
  assert.deepEqual(a.perRelative.map((p) => p.reason), ['monthly-not-open', 'monthly-not-open']);
});
