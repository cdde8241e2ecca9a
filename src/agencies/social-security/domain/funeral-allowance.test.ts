import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import { isoDate } from '../../../kernel/dates.ts';
import type { DeathCause } from './death-benefit-law.ts';
import { funeralAllowance, funeralEligibility, stopMonthlyPayments } from './funeral-allowance.ts';
import { monthAt, monthIndex, type SiPeriod } from './si-history.ts';

/** `n` months of `scheme` ending with `end` (inclusive). */
const span = (end: string, n: number, scheme: SiPeriod['scheme'] = 'compulsory', monthlySalary = 5_000_000): SiPeriod =>
  ({ from: monthAt(monthIndex(end) - n + 1), to: end, scheme, monthlySalary });
const rec = (over: Partial<SiRecord>): SiRecord =>
  ({ pin: '001070000001', siCode: '0112345678', periods: [], pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: false, ...over });
const pension = (kind: 'pension' | 'monthly-allowance' | 'occupational-allowance' = 'pension') => ({ monthlyAmount: 6_000_000, since: '2015-01-01', kind });

const DOB = '1970-05-01';
const DOD = '2024-08-15'; // month of death 2024-08

// [source, title, record, date of birth, cause, expected case or reason]
const CASES: readonly [string, string, SiRecord | null, string, DeathCause, string][] = [
  ['DOMAIN §3 case 1; 2014 art. 66.1', 'pensioner aged 54', rec({ pension: pension() }), DOB, 'other', 'case-1-pensioner'],
  ['DOMAIN §3 case 1', 'monthly SI allowance counts as case 1', rec({ pension: pension('monthly-allowance') }), DOB, 'other', 'case-1-pensioner'],
  ['DOMAIN §3 case 1', 'monthly occupational allowance counts as case 1', rec({ pension: pension('occupational-allowance') }), DOB, 'other', 'case-1-pensioner'],
  ['DOMAIN §3 case 6 (boundary)', 'pensioner aged 79 (80th birthday the next day) → case 1', rec({ pension: pension() }), '1944-08-16', 'other', 'case-1-pensioner'],
  ['DOMAIN §3 case 6 (boundary)', 'pensioner aged 80 on the day of death → case 6', rec({ pension: pension() }), '1944-08-15', 'other', 'case-6-pensioner-80-plus'],
  ['DOMAIN §3 case 2 (boundary)', 'reserved with 11 months compulsory → not eligible', rec({ reserved: true, periods: [span('2023-12', 11)] }), DOB, 'other', 'reserved-under-12-months'],
  ['DOMAIN §3 case 2 (boundary)', 'reserved with 12 months compulsory', rec({ reserved: true, periods: [span('2023-12', 12)] }), DOB, 'other', 'case-2-reserved-compulsory-12'],
  ['DOMAIN §3 case 3 (boundary)', 'voluntary 59 months → not eligible', rec({ periods: [span('2024-08', 59, 'voluntary')] }), DOB, 'other', 'voluntary-too-short'],
  ['DOMAIN §3 case 3 (boundary)', 'voluntary 60 months', rec({ periods: [span('2024-08', 60, 'voluntary')] }), DOB, 'other', 'case-3-voluntary-60'],
  ['DOMAIN §3 case 3; Decree 134/2015 art. 8', 'reserved voluntary participant with 60 months', rec({ reserved: true, periods: [span('2023-08', 60, 'voluntary')] }), DOB, 'other', 'case-3-voluntary-60'],
  ['DOMAIN §3 case 4 (boundary)', '11 compulsory + 48 voluntary = 59 → not eligible', rec({ periods: [span('2019-12', 11), span('2024-08', 48, 'voluntary')] }), DOB, 'other', 'voluntary-too-short'],
  ['DOMAIN §3 case 4 (boundary)', '11 compulsory + 49 voluntary = 60', rec({ periods: [span('2019-12', 11), span('2024-08', 49, 'voluntary')] }), DOB, 'other', 'case-4-voluntary-mixed'],
  ['DOMAIN §3 case 4; Decree 134/2015 art. 8', '12 compulsory + 1 voluntary', rec({ periods: [span('2019-12', 12), span('2024-08', 1, 'voluntary')] }), DOB, 'other', 'case-4-voluntary-mixed'],
  ['DOMAIN §3 case 5', 'awaiting pension age (checked before case 2)', rec({ reserved: true, awaitingPensionAge: true, periods: [span('2022-12', 240)] }), DOB, 'other', 'case-5-awaiting-pension-age'],
  ['2014 art. 66.1.a (statutory)', 'contributing compulsory in the month of death, 3 months only', rec({ periods: [span('2024-08', 3)] }), DOB, 'other', 'contributing-compulsory'],
  ['2014 art. 66.1.a (statutory)', 'compulsory ended the month before, not reserved → not eligible', rec({ periods: [span('2024-07', 3)] }), DOB, 'other', 'not-participating'],
  ['2014 art. 66.1.b (statutory)', 'occupational accident, not otherwise covered', rec({ periods: [span('2024-06', 3)] }), DOB, 'occupational-accident', 'occupational'],
  ['2014 art. 66.1.b (statutory)', 'occupational disease', rec({ reserved: true, periods: [span('2024-06', 5)] }), DOB, 'occupational-disease', 'occupational'],
  ['2014 art. 66 (interpretation)', 'lump sum taken → not eligible', rec({ lumpSumTaken: true, periods: [span('2020-12', 100)] }), DOB, 'other', 'lump-sum-taken'],
  ['2014 art. 66 (interpretation)', 'no VSS record, even if occupational → not eligible', null, DOB, 'occupational-accident', 'no-si-record'],
  ['DOMAIN §3 case 3 (interpretation)', 'voluntary who stopped without reserving → not a participant', rec({ periods: [span('2023-12', 70, 'voluntary')] }), DOB, 'other', 'not-participating'],
];

for (const [source, title, record, dob, cause, expected] of CASES) {
  test(`funeral eligibility [${source}]: ${title} → ${expected}`, () => {
    const e = funeralEligibility({ record, dateOfBirth: isoDate(dob), dateOfDeath: isoDate(DOD), cause });
    assert.equal(e.eligible ? e.case : e.reason, expected);
  });
}

// Amount = 10 × base salary in force on the date of death (2014 art. 66.2; 2024 art. 85, 141), each row naming the decree
// that set the base salary it uses (kernel/rules/base-salary.ts), on both sides of every change from 2019-07-01.
for (const [dod, amount, version, decree] of [
  ['2019-06-30', 13_900_000, 'law-si-2014+base-salary-2018-07', 'Decree 72/2018/ND-CP'],
  ['2019-07-01', 14_900_000, 'law-si-2014+base-salary-2019-07', 'Decree 38/2019/ND-CP'],
  ['2023-06-30', 14_900_000, 'law-si-2014+base-salary-2019-07', 'Decree 38/2019/ND-CP'],
  ['2023-07-01', 18_000_000, 'law-si-2014+base-salary-2023-07', 'Decree 24/2023/ND-CP'],
  ['2024-06-30', 18_000_000, 'law-si-2014+base-salary-2023-07', 'Decree 24/2023/ND-CP'],
  ['2024-07-01', 23_400_000, 'law-si-2014+base-salary-2024-07', 'Decree 73/2024/ND-CP'],
  ['2025-06-30', 23_400_000, 'law-si-2014+base-salary-2024-07', 'Decree 73/2024/ND-CP'],
  ['2025-07-01', 23_400_000, 'law-si-2024+base-salary-2024-07', 'Decree 73/2024/ND-CP'], // reference level = base salary
  ['2026-06-30', 23_400_000, 'law-si-2024+base-salary-2024-07', 'Decree 73/2024/ND-CP'],
  ['2026-07-01', 25_300_000, 'law-si-2024+base-salary-2026-07', 'Decree 161/2026/ND-CP'],
] as const) {
  test(`funeral allowance for a death on ${dod} = ${amount} (${version}) [${dod >= '2025-07-01' ? '2024 art. 85, 141' : '2014 art. 66.2'}; ${decree}]`, () => {
    const d = funeralAllowance({ record: rec({ pension: pension() }), dateOfBirth: isoDate(DOB), dateOfDeath: isoDate(dod), cause: 'other' });
    assert.equal(d.kind, 'funeral-allowance');
    assert.equal(d.amount, amount);
    assert.equal(d.ruleVersion, version);
    assert.ok(Number.isInteger(d.amount));
    assert.match(d.legalBasis, dod >= '2025-07-01' ? /^Law on SI 2024 \(Law 41\/2024\/QH15\) art\. 85, 141; base salary: Decree/ : /^Law on SI 2014 art\. 66, 80; Decree 134\/2015\/ND-CP art\. 8; base salary: Decree/);
    assert.ok(d.legalBasis.endsWith(`base salary: ${decree}`), d.legalBasis);
  });
}

test('funeral explanation names the facts and the rule in English and Vietnamese', () => {
  const d = funeralAllowance({ record: rec({ pension: pension() }), dateOfBirth: isoDate(DOB), dateOfDeath: isoDate('2024-07-01'), cause: 'other' });
  assert.match(d.explanation.en, /10 × base salary 2,340,000 VND .*2024-07-01.*Decree 73\/2024\/ND-CP.* = 23,400,000 VND\. Eligible as case-1-pensioner/);
  assert.match(d.explanation.vi, /10 × mức lương cơ sở 2\.340\.000 đồng .*Nghị định 73\/2024\/NĐ-CP.* = 23\.400\.000 đồng/);
});

test('not eligible: amount null, reason and legal basis given', () => {
  const d = funeralAllowance({ record: null, dateOfBirth: isoDate(DOB), dateOfDeath: isoDate(DOD), cause: 'other' });
  assert.equal(d.kind, 'not-eligible');
  assert.equal(d.amount, null);
  assert.equal(d.ruleVersion, 'law-si-2014');
  assert.match(d.explanation.vi, /^Không đủ điều kiện/);
});

test('no base salary before 2018-07-01; death before birth → RangeError', () => {
  assert.throws(() => funeralAllowance({ record: rec({ pension: pension() }), dateOfBirth: isoDate(DOB), dateOfDeath: isoDate('2018-06-30'), cause: 'other' }), RangeError);
  assert.throws(() => funeralEligibility({ record: null, dateOfBirth: isoDate('2024-01-02'), dateOfDeath: isoDate('2024-01-01'), cause: 'other' }), RangeError);
});

// Stop of monthly payments from the month after the death (DOMAIN §3; 2014 art. 68); HI card to the end of the month of death (assumption).
for (const [dod, kind, fromMonth, hiCardEndsOn] of [
  ['2024-02-10', 'pension', '2024-03', '2024-02-29'],
  ['2024-12-31', 'pension', '2025-01', '2024-12-31'],
  ['2025-07-01', 'monthly-allowance', '2025-08', '2025-07-31'],
] as const) {
  test(`stop monthly ${kind} for a death on ${dod}: from ${fromMonth}, HI card until ${hiCardEndsOn}`, () => {
    const s = stopMonthlyPayments(rec({ pension: pension(kind) }), isoDate(dod));
    assert.ok(s);
    assert.equal(s.fromMonth, fromMonth);
    assert.equal(s.hiCardEndsOn, hiCardEndsOn);
    assert.equal(s.pensionKind, kind);
    assert.equal(s.ruleVersion, dod >= '2025-07-01' ? 'law-si-2024' : 'law-si-2014');
  });
}

test('no monthly benefit → no stop decision', () => {
  assert.equal(stopMonthlyPayments(rec({ periods: [span('2024-08', 3)] }), isoDate(DOD)), null);
  assert.equal(stopMonthlyPayments(null, isoDate(DOD)), null);
});
