import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import { isoDate } from '../../../kernel/dates.ts';
import { monthAt, monthIndex, type SiPeriod } from './si-history.ts';
import { survivorBenefit, type SurvivorRequest } from './survivor-benefit.ts';
import type { Relative } from './survivor-monthly.ts';

const span = (end: string, n: number, scheme: SiPeriod['scheme'] = 'compulsory', monthlySalary = 6_000_000): SiPeriod =>
  ({ from: monthAt(monthIndex(end) - n + 1), to: end, scheme, monthlySalary });
const rec = (over: Partial<SiRecord>): SiRecord =>
  ({ pin: '001070000001', siCode: '0112345678', periods: [], pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: false, ...over });
const R = (over: Partial<Relative>): Relative => ({ pin: '001200000001', relationship: 'child', ageYears: 10, incapacityPercent: 0, hasDirectCaretaker: true, ...over });

const WORKER_20Y = rec({ periods: [span('2024-08', 240)] }); // 112 months before 2014, 128 from 2014
const CHILD_10 = R({ pin: '001214000001', ageYears: 10 });
const CHILD_5 = R({ pin: '001219000001', ageYears: 5 });
const CHILD_6 = R({ pin: '001218000001', ageYears: 6 });
const CHILD_25 = R({ pin: '001099000001', ageYears: 25 });
const WIDOW_62 = R({ pin: '001162000001', relationship: 'spouse', ageYears: 62, reachedRetirementAge: true, hasDirectCaretaker: false });
const PENSIONER = rec({ pension: { monthlyAmount: 8_000_000, since: '2024-06-01' }, periods: [span('2024-05', 300)] });

// [source, record, date of death, request, relatives, kind, case, amount, monthlyAmount, fromMonth, ruleVersion]
const CASES: readonly [string, SiRecord | null, string, SurvivorRequest, Relative[], string, string, number | null, number | null, string | null, string][] = [
  ['worked example; 2014 art. 67.1.a, 68', WORKER_20Y, '2024-08-10', 'monthly', [CHILD_10, WIDOW_62], 'survivor-monthly', 'compulsory-15-years', null, 2_808_000, '2024-09', 'law-si-2014+base-salary-2024-07'],
  ['2024 art. 86, 87 (death from 2025-07-01)', WORKER_20Y, '2025-07-10', 'monthly', [CHILD_10, WIDOW_62], 'survivor-monthly', 'compulsory-15-years', null, 2_808_000, '2025-08', 'law-si-2024+base-salary-2024-07'],
  ['2014 art. 69.3, 70.1: lump sum asked, 9 y × 1.5 + 11 y × 2 = 35.5 months', WORKER_20Y, '2024-08-10', 'lump-sum', [WIDOW_62], 'survivor-lump-sum', 'contribution-years', 213_000_000, null, null, 'law-si-2014'],
  ['2014 art. 69.3: lump sum asked but a child under 6 stays monthly', WORKER_20Y, '2024-08-10', 'lump-sum', [CHILD_5], 'survivor-monthly', 'compulsory-15-years', null, 1_170_000, '2024-09', 'law-si-2014+base-salary-2024-07'],
  ['2014 art. 69.3: child aged 6 may take the lump sum (boundary)', WORKER_20Y, '2024-08-10', 'lump-sum', [CHILD_6], 'survivor-lump-sum', 'contribution-years', 213_000_000, null, null, 'law-si-2014'],
  ['2014 art. 69.3: spouse with 81% incapacity stays monthly', WORKER_20Y, '2024-08-10', 'lump-sum', [R({ relationship: 'spouse', ageYears: 40, incapacityPercent: 81 })], 'survivor-monthly', 'compulsory-15-years', null, 1_170_000, '2024-09', 'law-si-2014+base-salary-2024-07'],
  ['2014 art. 69.1: monthly asked, deceased under 15 years → lump sum', rec({ periods: [span('2024-08', 123)] }), '2024-08-10', 'monthly', [CHILD_10], 'survivor-lump-sum', 'contribution-years', 126_000_000, null, null, 'law-si-2014'],
  ['2014 art. 69.2: monthly asked, no qualifying relative → lump sum', WORKER_20Y, '2024-08-10', 'monthly', [CHILD_25], 'survivor-lump-sum', 'contribution-years', 213_000_000, null, null, 'law-si-2014'],
  ['2014 art. 70.2: pensioner, lump sum in month 3 of pension = 47.5 × 8,000,000', PENSIONER, '2024-08-03', 'lump-sum', [WIDOW_62], 'survivor-lump-sum', 'pension-months', 380_000_000, null, null, 'law-si-2014'],
  ['2014 art. 67.1.b: pensioner with 25 years, monthly', PENSIONER, '2024-08-03', 'monthly', [WIDOW_62], 'survivor-monthly', 'pensioner-15-years', null, 1_638_000, '2024-09', 'law-si-2014+base-salary-2024-07'],
  ['2014 art. 67.1.c: occupational death with 12 months, monthly', rec({ periods: [span('2024-08', 12)] }), '2024-08-10', 'monthly', [CHILD_10], 'survivor-monthly', 'occupational-death', null, 1_170_000, '2024-09', 'law-si-2014+base-salary-2024-07'],
  ['2014 art. 69 via 66.1: reserved 11 months → not eligible', rec({ reserved: true, periods: [span('2023-12', 11)] }), '2024-08-10', 'monthly', [CHILD_10], 'not-eligible', 'reserved-under-12-months', null, null, null, 'law-si-2014'],
  ['no VSS record → not eligible', null, '2024-08-10', 'lump-sum', [CHILD_10], 'not-eligible', 'no-si-record', null, null, null, 'law-si-2014'],
];

for (const [source, record, death, request, relatives, kind, eligibilityCase, amount, monthlyAmount, fromMonth, ruleVersion] of CASES) {
  test(`survivor benefit [${source}] → ${kind}`, () => {
    const cause = source.includes('occupational') ? 'occupational-accident' : 'other';
    const d = survivorBenefit({ record, dateOfBirth: isoDate('1965-03-01'), dateOfDeath: isoDate(death), cause, relatives, request });
    assert.deepEqual(
      { kind: d.kind, eligibilityCase: d.eligibilityCase, amount: d.amount, monthlyAmount: d.monthlyAmount, fromMonth: d.fromMonth, ruleVersion: d.ruleVersion },
      { kind, eligibilityCase, amount, monthlyAmount, fromMonth, ruleVersion },
    );
    assert.ok(d.explanation.en.length > 40 && d.explanation.vi.length > 40);
    assert.equal(d.perRelative.length, kind === 'survivor-monthly' ? relatives.length : 0);
  });
}

test('monthly explanation states the facts and the rule (en, vi)', () => {
  const d = survivorBenefit({ record: WORKER_20Y, dateOfBirth: isoDate('1965-03-01'), dateOfDeath: isoDate('2024-08-10'), cause: 'other', relatives: [CHILD_10, WIDOW_62], request: 'monthly' });
  assert.match(d.explanation.en, /from 2024-09 .*15 years of compulsory SI.*001214000001 \(child\) 50% × 2,340,000 VND = 1,170,000 VND; 001162000001 \(spouse\) 70% × 2,340,000 VND = 1,638,000 VND\. Total 2,808,000 VND a month \(Law on SI 2014 art\. 67, 68\)/);
  assert.match(d.explanation.vi, /Trợ cấp tuất hằng tháng từ tháng 2024-09.*Tổng 2\.808\.000 đồng mỗi tháng \(Luật BHXH 2014 Điều 67, 68\)/);
  assert.equal(d.legalBasis, 'Law on SI 2014 art. 67, 68; base salary: Decree 73/2024/ND-CP');
});

test('lump-sum explanation gives months, average salary and the part-year basis', () => {
  // 240 months to 2025-08: 100 before 2014 (8 y + 4 carried) and 140 from → 8 × 1.5 + 12 × 2 = 36 months.
  const record = rec({ periods: [span('2025-08', 240)] });
  const d = survivorBenefit({ record, dateOfBirth: isoDate('1965-03-01'), dateOfDeath: isoDate('2025-08-10'), cause: 'other', relatives: [WIDOW_62], request: 'lump-sum' });
  assert.equal(d.ruleVersion, 'law-si-2024');
  assert.equal(d.amount, 216_000_000);
  assert.equal(d.legalBasis, 'Law on SI 2024 (Law 41/2024/QH15) art. 89; part-years: Law on SI 2024 (Law 41/2024/QH15) art. 5.6');
  assert.match(d.explanation.en, /6,000,000 VND/);
  assert.match(d.explanation.vi, /tháng lẻ: Luật BHXH 2024/);
});
