import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Platform } from '../../src/app/build-platform.ts';
import type { CitizenRecord, HouseholdRecord } from '../../src/contracts/imports/population.ts';
import type { SiRecord } from '../../src/contracts/imports/si-records.ts';
import { makePin } from '../../src/kernel/identifiers/pin.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

/**
 * Every eligibility case and amount of the death benefits (DOMAIN.md §3–4, as implemented in
 * src/agencies/social-security/domain/), each decided by VSS for a dossier submitted through the public HTTP API.
 * The unit tests next to the rules hold the boundaries; this file proves that each case reaches the citizen
 * through the hub and VSS with its amount, its case, its legal basis and its explanation in both languages.
 *
 * One platform and one register for the whole table (fast); each row has its own family (distinct PINs, its own
 * household, its own SI record), so the rows are independent of each other and of their order.
 * One engine (PGlite): what differs between engines is covered by death-flow.test.ts; this file is about the rules.
 *
 * The clock: Mon 20 Jul 2026, 09:00 (+07:00). Deaths from 2026-04-21 are within the 90-day filing limit (Law on SI
 * 2014 art. 112), so the table can hold deaths on both sides of the base-salary change of 2026-07-01 (2,340,000 →
 * 2,530,000, Decree 161/2026/ND-CP). Every death is after 2025-07-01, so the Law on SI 2024 (Law 41/2024/QH15)
 * governs (death-benefit-law.ts): funeral allowance art. 85, monthly survivor allowance art. 86–87, lump sum
 * art. 89, amounts on the reference level = the base salary (art. 141).
 */
const START = '2026-07-20T09:00:00+07:00';
const DOD = '2026-07-10'; // the usual date of death: month 2026-07, base salary 2,530,000; paid monthly from 2026-08
const FINAL = new Set(['completed', 'partially-completed', 'rejected']);

type Sex = 'male' | 'female';
type Relationship = 'child' | 'spouse' | 'father' | 'mother' | 'father-in-law' | 'mother-in-law' | 'dependant';
type Survivor = 'monthly' | 'lump-sum' | 'none';
/** [benefit, kind, eligibilityCase, amount, monthlyAmount, fromMonth, hiCardEndsOn] */
type Brief = [string, string, string | null, number | null, number | null, string | null, string | null];
type Period = SiRecord['periods'][number];

interface Row {
  title: string;
  deceased: { sex: Sex; born: string; dateOfDeath?: string; cause?: 'illness' | 'occupational-accident' | 'occupational-disease' };
  /** The deceased's VSS record (without pin and SI code), or null: VSS holds none. */
  record: Omit<SiRecord, 'pin' | 'siCode'> | null;
  requests: { funeralAllowance: boolean; survivorBenefit: Survivor };
  relatives?: { relationship: Relationship; sex: Sex; born: string; caretaker: boolean }[];
  expect: Brief[];
  /** The rule versions of the decisions that carry money, in order (base-salary rows). */
  ruleVersions?: string[];
  /** The survivor-monthly split: [relationship, status, ratePercent, monthlyAmount, reason], in the input order. */
  perRelative?: [string, string, number | null, number | null, string | null][];
  /** Something the explanation must say (English). */
  explains?: RegExp;
}

const compulsory = (from: string, to: string, monthlySalary: number): Period => ({ from, to, scheme: 'compulsory', monthlySalary });
const voluntary = (from: string, to: string, monthlySalary: number): Period => ({ from, to, scheme: 'voluntary', monthlySalary });
const record = (periods: Period[], over: Partial<Omit<SiRecord, 'pin' | 'siCode'>> = {}): Omit<SiRecord, 'pin' | 'siCode'> =>
  ({ periods, pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: false, ...over });
const pension = (monthlyAmount: number, since: string, kind: 'pension' | 'monthly-allowance' | 'occupational-allowance' = 'pension', incapacityPercent?: number) =>
  ({ monthlyAmount, since, kind, ...(incapacityPercent === undefined ? {} : { incapacityPercent }) });

const FUNERAL_ONLY = { funeralAllowance: true, survivorBenefit: 'none' } as const;
const STOP_JULY: Brief = ['stop-monthly-payments', 'stop-monthly-payments', 'pension', null, null, '2026-08', '2026-07-31'];
const funeral = (eligibilityCase: string, amount = 25_300_000): Brief => ['funeral-allowance', 'funeral-allowance', eligibilityCase, amount, null, null, null];
const monthly = (ground: string, monthlyAmount: number, fromMonth = '2026-08'): Brief => ['survivor-benefit', 'survivor-monthly', ground, null, monthlyAmount, fromMonth, null];
const lumpSum = (method: string, amount: number): Brief => ['survivor-benefit', 'survivor-lump-sum', method, amount, null, null, null];
const notEligible = (benefit: 'funeral-allowance' | 'survivor-benefit', reason: string): Brief => [benefit, 'not-eligible', reason, null, null, null, null];
const child = (born: string, caretaker = true) => ({ relationship: 'child' as const, sex: 'male' as const, born, caretaker });

// Amounts for a death in July 2026: funeral 10 × 2,530,000 = 25,300,000; monthly 50% = 1,265,000, 70% = 1,771,000.
const ROWS: Row[] = [
  // ── Funeral allowance: DOMAIN §3 cases 1–6 and the statutory cases (funeral-allowance.ts). ──
  {
    // DOMAIN §3 case 1; Law on SI 2024 art. 85 (2014 art. 66.1): receiving a monthly pension. Stop of the pension
    // from the month after the death, HI card to the end of the month of death (2024 art. 87; DOMAIN §3).
    title: 'case 1: a pensioner aged 70 — funeral allowance and the stop of the pension',
    deceased: { sex: 'male', born: '1956-03-01' },
    record: record([compulsory('1980-01', '2016-03', 3_000_000)], { pension: pension(6_000_000, '2016-04-01') }),
    requests: FUNERAL_ONLY,
    expect: [funeral('case-1-pensioner'), STOP_JULY],
  },
  {
    // DOMAIN §3 case 1 ("monthly pension or monthly SI allowance"); 2024 art. 85; stop: 2024 art. 87.
    title: 'case 1: a monthly SI allowance counts as a pension; the allowance is stopped',
    deceased: { sex: 'female', born: '1968-09-09' },
    record: record([compulsory('2000-01', '2019-12', 4_000_000)], { pension: pension(3_000_000, '2020-01-01', 'monthly-allowance') }),
    requests: FUNERAL_ONLY,
    expect: [funeral('case-1-pensioner'), ['stop-monthly-payments', 'stop-monthly-payments', 'monthly-allowance', null, null, '2026-08', '2026-07-31']],
  },
  {
    // DOMAIN §3 case 6 (boundary: 80 on the day of death); 2024 art. 85.
    title: 'case 6: a pensioner whose 80th birthday is the day of death',
    deceased: { sex: 'male', born: '1946-07-10' },
    record: record([compulsory('1970-01', '2006-07', 2_000_000)], { pension: pension(5_000_000, '2006-08-01') }),
    requests: FUNERAL_ONLY,
    expect: [funeral('case-6-pensioner-80-plus'), STOP_JULY],
  },
  {
    // DOMAIN §3 case 2; 2014 art. 66.1, Decree 134/2015/ND-CP art. 8; 2024 art. 85: contributions reserved, ≥ 12 months compulsory.
    title: 'case 2: contributions reserved with 24 months of compulsory SI',
    deceased: { sex: 'male', born: '1976-04-04' },
    record: record([compulsory('2019-01', '2020-12', 5_000_000)], { reserved: true }),
    requests: FUNERAL_ONLY,
    expect: [funeral('case-2-reserved-compulsory-12')],
  },
  {
    // DOMAIN §3 case 3 (boundary: exactly 60 months); 2014 art. 80; Decree 134/2015/ND-CP art. 8; 2024 art. 85.
    title: 'case 3: a voluntary participant with 60 months of voluntary SI',
    deceased: { sex: 'female', born: '1975-05-05' },
    record: record([voluntary('2021-08', '2026-07', 2_000_000)]),
    requests: FUNERAL_ONLY,
    expect: [funeral('case-3-voluntary-60')],
  },
  {
    // DOMAIN §3 case 4; Decree 134/2015/ND-CP art. 8; 2024 art. 85: voluntary participant with ≥ 12 months compulsory.
    title: 'case 4: a voluntary participant with 12 months of compulsory SI and 10 voluntary',
    deceased: { sex: 'male', born: '1980-06-06' },
    record: record([compulsory('2015-01', '2015-12', 4_000_000), voluntary('2025-10', '2026-07', 2_000_000)]),
    requests: FUNERAL_ONLY,
    expect: [funeral('case-4-voluntary-mixed')],
  },
  {
    // DOMAIN §3 case 5; 2024 art. 85: waiting to reach the pension age (checked before case 2).
    title: 'case 5: waiting for the pension age, with 20 years reserved',
    deceased: { sex: 'male', born: '1966-02-02' },
    record: record([compulsory('1990-01', '2009-12', 5_000_000)], { reserved: true, awaitingPensionAge: true }),
    requests: FUNERAL_ONLY,
    expect: [funeral('case-5-awaiting-pension-age')],
  },
  {
    // Statutory: Law on SI 2014 art. 66.1.a; 2024 art. 85: contributing to compulsory SI in the month of death (3 months only).
    title: 'contributing to compulsory SI in the month of death',
    deceased: { sex: 'male', born: '1990-07-07' },
    record: record([compulsory('2026-05', '2026-07', 7_000_000)]),
    requests: FUNERAL_ONLY,
    expect: [funeral('contributing-compulsory')],
  },
  {
    // Statutory: Law on SI 2014 art. 66.1.b, 67.1; 2024 art. 85, 86: died of an occupational accident, otherwise not covered
    // (contributions ended before the month of death). The death also opens the monthly survivor allowance.
    title: 'an occupational accident: funeral allowance and the monthly survivor allowance',
    deceased: { sex: 'male', born: '1995-08-08', cause: 'occupational-accident' },
    record: record([compulsory('2026-01', '2026-03', 6_000_000)]),
    requests: { funeralAllowance: true, survivorBenefit: 'monthly' },
    relatives: [child('2021-01-01')],
    expect: [funeral('occupational'), monthly('occupational-death', 1_265_000)],
  },
  {
    // DOMAIN §3 case 3 and 4 (boundary: 59 months, under 12 compulsory); 2024 art. 85.
    title: 'not eligible: a voluntary participant with 59 months',
    deceased: { sex: 'female', born: '1985-10-10' },
    record: record([voluntary('2021-09', '2026-07', 2_000_000)]),
    requests: FUNERAL_ONLY,
    expect: [notEligible('funeral-allowance', 'voluntary-too-short')],
    explains: /voluntary participant with under 60 months/,
  },
  {
    // Law on SI 2024 art. 85, 86, 89 (interpretation, funeral-allowance.ts): no VSS record, no benefit.
    title: 'not eligible: VSS holds no record of the deceased',
    deceased: { sex: 'male', born: '1970-11-11' },
    record: null,
    requests: { funeralAllowance: true, survivorBenefit: 'monthly' },
    relatives: [child('2014-03-03')],
    expect: [notEligible('funeral-allowance', 'no-si-record'), notEligible('survivor-benefit', 'no-si-record')],
    explains: /no social-insurance record/,
  },

  // ── Monthly survivor allowance: DOMAIN §4 (survivor-monthly.ts). ──
  {
    // DOMAIN §4; Law on SI 2014 art. 67.1–2, 68.2; 2024 art. 86, 87: ≥ 15 years of compulsory SI; a child under 18 with
    // a caretaker: 50% of the reference level of the first month paid (2026-08: 2,530,000).
    title: 'survivor monthly at 50%: a worker with 18 years of SI, a child of 10',
    deceased: { sex: 'male', born: '1978-01-01' },
    record: record([compulsory('2008-01', '2026-07', 8_000_000)]),
    requests: { funeralAllowance: false, survivorBenefit: 'monthly' },
    relatives: [child('2016-02-01')],
    expect: [monthly('compulsory-15-years', 1_265_000)],
    perRelative: [['child', 'paid', 50, 1_265_000, null]],
  },
  {
    // DOMAIN §4; Law on SI 2014 art. 68.2; 2024 art. 87: no direct caretaker → 70%.
    title: 'survivor monthly at 70%: a child with no direct caretaker',
    deceased: { sex: 'female', born: '1979-02-02' },
    record: record([compulsory('2008-01', '2026-07', 8_000_000)]),
    requests: { funeralAllowance: false, survivorBenefit: 'monthly' },
    relatives: [child('2018-03-03', false)],
    expect: [monthly('compulsory-15-years', 1_771_000)],
    perRelative: [['child', 'paid', 70, 1_771_000, null]],
  },
  {
    // DOMAIN §4; Law on SI 2014 art. 68.2 ("không quá 04 thân nhân"); 2024 art. 87: at most 4 relatives are paid. The
    // 70% relative is paid first, then the 50% ones in the order declared (documented choice, survivor-monthly.ts).
    title: 'survivor monthly for 5 children: at most 4 are paid, the 70% one first',
    deceased: { sex: 'male', born: '1975-03-03' },
    record: record([compulsory('2009-01', '2026-07', 9_000_000)]),
    requests: { funeralAllowance: false, survivorBenefit: 'monthly' },
    relatives: [child('2010-01-01'), child('2012-01-01'), child('2014-01-01'), child('2016-01-01'), child('2023-01-01', false)],
    expect: [monthly('compulsory-15-years', 1_771_000 + 3 * 1_265_000)],
    perRelative: [
      ['child', 'paid', 50, 1_265_000, null],
      ['child', 'paid', 50, 1_265_000, null],
      ['child', 'paid', 50, 1_265_000, null],
      ['child', 'not-paid', 50, null, 'over-limit'],
      ['child', 'paid', 70, 1_771_000, null],
    ],
  },
  {
    // Law on SI 2014 art. 69 (kept for the 2024 law, interpretation in survivor-benefit.ts): a child under 6 may not be
    // moved to a lump sum, so a lump-sum request is decided monthly.
    title: 'a lump sum asked with a child of 4: decided monthly',
    deceased: { sex: 'male', born: '1977-04-04' },
    record: record([compulsory('2009-01', '2026-07', 9_000_000)]),
    requests: { funeralAllowance: false, survivorBenefit: 'lump-sum' },
    relatives: [child('2022-05-05')],
    expect: [monthly('compulsory-15-years', 1_265_000)],
    explains: /may not be moved to a lump sum/,
  },
  {
    // DOMAIN §4; Law on SI 2014 art. 67.1.c; 2024 art. 86: receiving a monthly occupational allowance with ≥ 61%
    // incapacity. Funeral case 1 (a monthly allowance); the allowance is stopped.
    title: 'an occupational allowance at 61% incapacity opens the monthly survivor allowance',
    deceased: { sex: 'male', born: '1972-05-05' },
    record: record([compulsory('2015-01', '2019-12', 5_000_000)], { pension: pension(2_000_000, '2020-01-01', 'occupational-allowance', 61) }),
    requests: { funeralAllowance: true, survivorBenefit: 'monthly' },
    relatives: [child('2011-06-06')],
    expect: [
      funeral('case-1-pensioner'),
      ['stop-monthly-payments', 'stop-monthly-payments', 'occupational-allowance', null, null, '2026-08', '2026-07-31'],
      monthly('occupational-allowance-61', 1_265_000),
    ],
  },

  // ── Lump-sum survivor allowance: DOMAIN §4 (survivor-lump-sum.ts). ──
  {
    // DOMAIN §4; Law on SI 2014 art. 70.1; 2024 art. 89, part-years art. 5.6: 123 months all from 2014 = 10 y 3 m →
    // 10.5 years × 2 = 21 months × 6,000,000.
    title: 'lump sum by contribution years, all from 2014: 10 y 3 m → 21 months',
    deceased: { sex: 'male', born: '1985-07-07' },
    record: record([compulsory('2016-05', '2026-07', 6_000_000)]),
    requests: { funeralAllowance: false, survivorBenefit: 'lump-sum' },
    relatives: [{ relationship: 'spouse', sex: 'female', born: '1987-08-08', caretaker: true }],
    expect: [lumpSum('contribution-years', 126_000_000)],
  },
  {
    // DOMAIN §4; Law on SI 2014 art. 70.1: 1.5 months a year before 2014, 2 from 2014; odd months before 2014 carried
    // forward. 5 y 5 m at 4,000,000 + 3 y 2 m at 6,000,000 → 5 × 1.5 + (3 y 7 m → 4) × 2 = 15.5 months × 4,737,864.
    title: 'lump sum by contribution years, before and from 2014: 15.5 months',
    deceased: { sex: 'male', born: '1983-09-09' },
    record: record([compulsory('2008-08', '2013-12', 4_000_000), compulsory('2014-01', '2017-02', 6_000_000)], { reserved: true }),
    requests: { funeralAllowance: false, survivorBenefit: 'lump-sum' },
    relatives: [{ relationship: 'child', sex: 'female', born: '2001-10-10', caretaker: true }],
    expect: [lumpSum('contribution-years', 73_436_892)],
    explains: /65 before 2014, 38 from 2014; 5 odd months before 2014 carried forward/,
  },
  {
    // DOMAIN §4; Law on SI 2014 art. 70.1 (minimum 3 months); 2024 art. 89: 5 months → half a year × 2 = 1 month → 3.
    // Funeral: contributing to compulsory SI in the month of death (2014 art. 66.1.a).
    title: 'lump sum at the 3-month minimum, with the funeral allowance',
    deceased: { sex: 'female', born: '1998-11-11' },
    record: record([compulsory('2026-03', '2026-07', 6_000_000)]),
    requests: { funeralAllowance: true, survivorBenefit: 'lump-sum' },
    relatives: [{ relationship: 'mother', sex: 'female', born: '1975-12-12', caretaker: true }],
    expect: [funeral('contributing-compulsory'), lumpSum('contribution-years', 18_000_000)],
  },
  {
    // DOMAIN §4: voluntary SI only, under a year → the amount paid (22% × declared incomes, 2014 art. 87), at most
    // 2 months of average income: 22% × 5 × 1,500,000 = 1,650,000. No funeral allowance: under 60 voluntary months.
    title: 'lump sum for under a year of voluntary SI; no funeral allowance',
    deceased: { sex: 'female', born: '1992-01-02' },
    record: record([voluntary('2026-03', '2026-07', 1_500_000)]),
    requests: { funeralAllowance: true, survivorBenefit: 'lump-sum' },
    relatives: [{ relationship: 'spouse', sex: 'male', born: '1990-02-03', caretaker: true }],
    expect: [notEligible('funeral-allowance', 'voluntary-too-short'), lumpSum('voluntary-under-one-year', 1_650_000)],
  },
  {
    // DOMAIN §4; Law on SI 2014 art. 70.2; 2024 art. 89: death in the first 2 months of pension → 48 months of pension
    // (since 2026-06-01, death in 2026-07: month 2).
    title: 'pensioner lump sum, death in month 2 of pension: 48 months',
    deceased: { sex: 'male', born: '1964-03-04' },
    record: record([compulsory('1990-01', '2026-05', 7_000_000)], { pension: pension(5_000_000, '2026-06-01') }),
    requests: { funeralAllowance: false, survivorBenefit: 'lump-sum' },
    relatives: [{ relationship: 'child', sex: 'male', born: '1995-04-05', caretaker: true }],
    expect: [STOP_JULY, lumpSum('pension-months', 240_000_000)],
    explains: /death in month 2 of pension .*: 48 months/,
  },
  {
    // DOMAIN §4; Law on SI 2014 art. 70.2; 2024 art. 89: month 3 of pension → 0.5 month less = 47.5 months, half up:
    // 47.5 × 5,000,001 = 237,500,047.5 → 237,500,048.
    title: 'pensioner lump sum, death in month 3 of pension: 47.5 months',
    deceased: { sex: 'male', born: '1964-05-06' },
    record: record([compulsory('1990-01', '2026-04', 7_000_000)], { pension: pension(5_000_001, '2026-05-01') }),
    requests: { funeralAllowance: false, survivorBenefit: 'lump-sum' },
    relatives: [{ relationship: 'child', sex: 'female', born: '1996-06-07', caretaker: true }],
    expect: [STOP_JULY, lumpSum('pension-months', 237_500_048)],
    explains: /death in month 3 of pension .*: 47\.5 months/,
  },
  {
    // DOMAIN §4; Law on SI 2014 art. 70.2; 2024 art. 89: month 94 of pension → 48 − 0.5 × 92 = 2 → at least 3 months.
    title: 'pensioner lump sum at the 3-month minimum (month 94 of pension)',
    deceased: { sex: 'female', born: '1963-07-08' },
    record: record([compulsory('1985-01', '2018-09', 5_000_000)], { pension: pension(4_000_000, '2018-10-01') }),
    requests: { funeralAllowance: false, survivorBenefit: 'lump-sum' },
    relatives: [{ relationship: 'child', sex: 'male', born: '1990-08-09', caretaker: true }],
    expect: [STOP_JULY, lumpSum('pension-months', 12_000_000)],
    explains: /death in month 94 of pension .*: 3 months/,
  },

  // ── Either side of a base-salary change (kernel/rules/base-salary.ts): 2,340,000 until 2026-06-30 (Decree 73/2024/ND-CP),
  //    2,530,000 from 2026-07-01 (Decree 161/2026/ND-CP). ──
  {
    // Funeral: 10 × the base salary ON THE DATE OF DEATH (2024 art. 85, 141) = 23,400,000. Monthly: paid from 2026-07 at
    // that month's base salary, 50% × 2,530,000 (2024 art. 87; documented choice in survivor-monthly.ts).
    title: 'a death on 2026-06-30: funeral at 2,340,000, monthly from July at 2,530,000',
    deceased: { sex: 'male', born: '1976-08-08', dateOfDeath: '2026-06-30' },
    record: record([compulsory('2009-07', '2026-06', 8_000_000)]),
    requests: { funeralAllowance: true, survivorBenefit: 'monthly' },
    relatives: [child('2018-09-09')],
    expect: [funeral('contributing-compulsory', 23_400_000), monthly('compulsory-15-years', 1_265_000, '2026-07')],
    ruleVersions: ['law-si-2024+base-salary-2024-07', 'law-si-2024+base-salary-2026-07'],
  },
  {
    // The next day: 10 × 2,530,000 = 25,300,000 (Decree 161/2026/ND-CP); monthly from 2026-08.
    title: 'a death on 2026-07-01: funeral at 2,530,000, monthly from August',
    deceased: { sex: 'male', born: '1976-10-10', dateOfDeath: '2026-07-01' },
    record: record([compulsory('2009-07', '2026-07', 8_000_000)]),
    requests: { funeralAllowance: true, survivorBenefit: 'monthly' },
    relatives: [child('2018-11-11')],
    expect: [funeral('contributing-compulsory', 25_300_000), monthly('compulsory-15-years', 1_265_000, '2026-08')],
    ruleVersions: ['law-si-2024+base-salary-2026-07', 'law-si-2024+base-salary-2026-07'],
  },
];

/** The legal basis each kind of entry cites for a death under the Law on SI 2024 (death-benefit-law.ts). */
const BASIS: Record<string, RegExp> = {
  'funeral-allowance': /^Law on SI 2024 \(Law 41\/2024\/QH15\) art\. 85, 141; base salary: Decree \d+\/\d{4}\/ND-CP$/,
  'not-eligible funeral-allowance': /^Law on SI 2024 \(Law 41\/2024\/QH15\) art\. 85, 141$/,
  'stop-monthly-payments': /^Law on SI 2024 \(Law 41\/2024\/QH15\) art\. 87 /,
  'survivor-monthly': /^Law on SI 2024 \(Law 41\/2024\/QH15\) art\. 86, 87, 141; base salary: Decree \d+\/\d{4}\/ND-CP$/,
  'survivor-lump-sum': /^Law on SI 2024 \(Law 41\/2024\/QH15\) art\. 89/,
  'not-eligible survivor-benefit': /^Law on SI 2024 \(Law 41\/2024\/QH15\) art\. 89$/,
};

const grouped = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const vnd = (n: number) => ({ en: `${grouped(n, ',')} VND`, vi: `${grouped(n, '.')} đồng` });

// The register: one household per row, headed by the row's declarant; PINs 035 G YY 9RRRRK (row R, person K).
interface Family { deceased: string; declarant: string; relatives: string[] }
const households: HouseholdRecord[] = [];
const citizens: CitizenRecord[] = [];
const siRecords: SiRecord[] = [];
const families: Family[] = ROWS.map((row, i) => {
  const household = `HH-35-95${String(i).padStart(2, '0')}`;
  const person = (k: number, sex: Sex, born: string, fullName: string) => {
    const pin = makePin('035', sex, Number(born.slice(0, 4)), 900_000 + i * 10 + k);
    citizens.push({ type: 'citizen', pin, fullName, sex, dateOfBirth: born, householdId: household, ethnicity: 'Kinh', status: 'alive' });
    return pin;
  };
  const deceased = person(0, row.deceased.sex, row.deceased.born, `Người Mất Số ${i}`);
  const declarant = person(1, 'female', '1982-12-01', `Người Khai Số ${i}`);
  const relatives = (row.relatives ?? []).map((r, k) => person(2 + k, r.sex, r.born, `Thân Nhân Số ${i} ${k}`));
  households.push({ type: 'household', id: household, address: { provinceCode: '35', districtCode: '347', communeCode: '13366', line: `Thôn ${i}, xã Thanh Phong` }, headPin: declarant });
  if (row.record) siRecords.push({ pin: deceased, siCode: `36${String(i).padStart(8, '0')}`, ...row.record });
  return { deceased, declarant, relatives };
});

describe('death group: every eligibility case and amount of DOMAIN §3–4, decided through the HTTP API (pglite)', () => {
  let t: TestPlatform;
  let p: Platform;
  const tokens = new Map<string, string>();
  before(async () => {
    t = await startTestPlatform('pglite', START, {}, { households, citizens, siRecords });
    p = t.p;
  });
  after(() => t.close());

  const token = async (pin: string) => {
    if (!tokens.has(pin)) tokens.set(pin, await t.token({ kind: 'citizen', pin } satisfies Principal));
    return tokens.get(pin)!;
  };
  const get = async (id: string, pin: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${await token(pin)}` } })).json();

  test('the rows are independent: no person is in two rows', () => {
    const pins = families.flatMap((f) => [f.deceased, f.declarant, ...f.relatives]);
    assert.equal(new Set(pins).size, pins.length);
    assert.equal(new Set(ROWS.map((r) => r.title)).size, ROWS.length);
  });

  ROWS.forEach((row, i) => {
    test(row.title, async () => {
      const f = families[i]!;
      const declaration = {
        declarant: { pin: f.declarant, relationship: 'relative' },
        deceased: { pin: f.deceased, dateOfDeath: row.deceased.dateOfDeath ?? DOD, placeOfDeath: 'Tại nhà', cause: row.deceased.cause ?? 'illness' },
        requests: { residenceDeregistration: false, ...row.requests },
        relatives: (row.relatives ?? []).map((r, k) => ({ pin: f.relatives[k]!, relationship: r.relationship, hasDirectCaretaker: r.caretaker, incapacityPercent: 0 })),
        payee: { pin: f.declarant, bankAccount: { bankBin: '970436', accountNumber: `77${String(i).padStart(6, '0')}` } },
      };
      const res = await p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${await token(f.declarant)}` }, payload: { group: 'death', declaration } });
      assert.equal(res.statusCode, 202, res.body);
      const d = await eventually(async () => {
        const x = await get(res.json().id, f.declarant);
        return FINAL.has(x.status) ? x : undefined;
      }, `dossier of row ${i}`);
      assert.equal(d.status, 'completed', JSON.stringify(d.procedures.map((x: { code: string; status: string; reasons: unknown }) => [x.code, x.status, x.reasons])));
      const benefits = d.procedures.find((x: { code: string }) => x.code === 'death-benefits');
      const decisions: {
        benefit: string; kind: string; eligibilityCase: string | null; amount: number | null; monthlyAmount: number | null; fromMonth: string | null; hiCardEndsOn: string | null;
        ruleVersion: string; legalBasis: string; explanation: { en: string; vi: string }; perRelative: { relationship: string; status: string; ratePercent: number | null; monthlyAmount: number | null; reason: string | null }[] | null;
      }[] = benefits.result.decisions;

      assert.deepEqual(decisions.map((x) => [x.benefit, x.kind, x.eligibilityCase, x.amount, x.monthlyAmount, x.fromMonth, x.hiCardEndsOn]), row.expect);
      for (const x of decisions) {
        const basis = BASIS[x.kind === 'not-eligible' ? `not-eligible ${x.benefit}` : x.kind]!;
        assert.match(x.legalBasis, basis, `${x.kind}: legal basis`);
        assert.ok(x.explanation.en.length > 0 && x.explanation.vi.length > 0, `${x.kind}: explained in both languages`);
        // The explanation states the very amount decided, in each language's own format.
        const money = x.amount ?? x.monthlyAmount;
        if (money !== null) {
          assert.ok(x.explanation.en.includes(vnd(money).en), `${x.kind}: ${vnd(money).en} in ${x.explanation.en}`);
          assert.ok(x.explanation.vi.includes(vnd(money).vi), `${x.kind}: ${vnd(money).vi} in ${x.explanation.vi}`);
        }
        if (x.kind === 'not-eligible') {
          assert.match(x.explanation.en, /^No /);
          assert.match(x.explanation.vi, /^Không /);
        }
      }
      if (row.ruleVersions) assert.deepEqual(decisions.filter((x) => x.amount !== null || x.monthlyAmount !== null).map((x) => x.ruleVersion), row.ruleVersions);
      if (row.perRelative) {
        const split = decisions.find((x) => x.kind === 'survivor-monthly')!.perRelative!;
        assert.deepEqual(split.map((r) => [r.relationship, r.status, r.ratePercent, r.monthlyAmount, r.reason]), row.perRelative);
      }
      if (row.explains) assert.ok(decisions.some((x) => row.explains!.test(x.explanation.en)), `an explanation matches ${row.explains}`);
      // Money is paid only when some decision carries it; the account is shown by its last digits only.
      const paid = decisions.some((x) => x.amount !== null || x.monthlyAmount !== null);
      assert.equal(benefits.result.payee?.pin ?? null, paid ? f.declarant : null);
    });
  });
});
