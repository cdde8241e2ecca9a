import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import { isoDate } from '../../../kernel/dates.ts';
import {
  checkFilingLimit, deathDecisions, FILING_LIMIT_DAYS, SETTLEMENT_LIMIT_DAYS, TIME_LIMITS_LEGAL_BASIS, type DeathDecisionInput,
} from './death-decisions.ts';
import type { Relative } from './survivor-monthly.ts';

const rec = (over: Partial<SiRecord>): SiRecord =>
  ({ pin: '001044000001', siCode: '0112345678', periods: [], pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: false, ...over });
const WIDOW: Relative = { pin: '001146000001', relationship: 'spouse', ageYears: 78, reachedRetirementAge: true, incapacityPercent: 0, hasDirectCaretaker: false };
const PENSIONER_85 = rec({ pension: { monthlyAmount: 8_000_000, since: '2004-01-01', kind: 'pension' }, periods: [{ from: '1974-01', to: '2003-12', scheme: 'compulsory', monthlySalary: 3_000_000 }] });
const WORKER = rec({ periods: [{ from: '2014-01', to: '2024-03', scheme: 'compulsory', monthlySalary: 6_000_000 }] }); // 10 y 3 m

const input = (over: Partial<DeathDecisionInput>): DeathDecisionInput => ({
  record: PENSIONER_85, dateOfBirth: isoDate('1939-01-10'), dateOfDeath: isoDate('2024-08-03'), cause: 'other',
  requests: { funeralAllowance: true, survivorBenefit: 'monthly' }, relatives: [WIDOW], ...over,
});
const summary = (over: Partial<DeathDecisionInput>) =>
  deathDecisions(input(over)).map((d) => [d.benefit, d.kind, d.eligibilityCase, d.amount, d.monthlyAmount, d.fromMonth, d.hiCardEndsOn]);

// [source, title, input, expected entries: benefit, kind, case, amount, monthlyAmount, fromMonth, hiCardEndsOn]
const CASES: readonly [string, string, Partial<DeathDecisionInput>, unknown[][]][] = [
  ['DOMAIN §3 case 6, §4; 2014 art. 66, 67, 68', 'pensioner aged 85: funeral, stop, monthly survivor', {}, [
    ['funeral-allowance', 'funeral-allowance', 'case-6-pensioner-80-plus', 23_400_000, null, null, null],
    ['stop-monthly-payments', 'stop-monthly-payments', 'pension', null, null, '2024-09', '2024-08-31'],
    ['survivor-benefit', 'survivor-monthly', 'pensioner-15-years', null, 1_638_000, '2024-09', null],
  ]],
  ['DOMAIN §3 (stop without request)', 'pensioner, nothing requested: only the stop', { requests: { funeralAllowance: false, survivorBenefit: 'none' } }, [
    ['stop-monthly-payments', 'stop-monthly-payments', 'pension', null, null, '2024-09', '2024-08-31'],
  ]],
  ['2014 art. 66, 69, 70', 'worker contributing, funeral + lump sum (10 y 3 m → 21 months)', { record: WORKER, dateOfBirth: isoDate('1980-01-01'), dateOfDeath: isoDate('2024-03-20'), requests: { funeralAllowance: true, survivorBenefit: 'lump-sum' } }, [
    ['funeral-allowance', 'funeral-allowance', 'contributing-compulsory', 18_000_000, null, null, null],
    ['survivor-benefit', 'survivor-lump-sum', 'contribution-years', 126_000_000, null, null, null],
  ]],
  ['2024 art. 85, 89 (death from 2025-07-01)', 'no VSS record: both requests not eligible', { record: null, dateOfDeath: isoDate('2025-07-15') }, [
    ['funeral-allowance', 'not-eligible', 'no-si-record', null, null, null, null],
    ['survivor-benefit', 'not-eligible', 'no-si-record', null, null, null, null],
  ]],
];
for (const [source, title, over, expected] of CASES) {
  test(`death decisions [${source}]: ${title}`, () => {
    assert.deepEqual(summary(over), expected);
  });
}

test('every entry has every field, null where it does not apply, and a bilingual explanation', () => {
  const keys = ['amount', 'benefit', 'eligibilityCase', 'explanation', 'fromMonth', 'hiCardEndsOn', 'kind', 'legalBasis', 'monthlyAmount', 'perRelative', 'ruleVersion'];
  for (const d of [...deathDecisions(input({})), ...deathDecisions(input({ record: null }))]) {
    assert.deepEqual(Object.keys(d).sort(), keys);
    assert.ok(d.explanation.en && d.explanation.vi && d.legalBasis && d.ruleVersion);
  }
  const [, , survivor] = deathDecisions(input({}));
  assert.equal(survivor?.perRelative?.[0]?.monthlyAmount, 1_638_000);
});

// Time limits — Law on SI 2014 art. 112 (DOMAIN §3).
for (const [death, filed, within, deadline, late] of [
  ['2024-01-01', '2024-01-01', true, '2024-03-31', 0], // same day
  ['2024-01-01', '2024-03-31', true, '2024-03-31', 0], // day 90 (leap year), last day
  ['2024-01-01', '2024-04-01', false, '2024-03-31', 1],
  ['2025-01-01', '2025-04-01', true, '2025-04-01', 0], // day 90, common year
  ['2025-01-01', '2025-05-01', false, '2025-04-01', 30],
] as const) {
  test(`filing [2014 art. 112]: death ${death}, filed ${filed} → ${within ? 'within' : `${late} days late`} (deadline ${deadline})`, () => {
    const c = checkFilingLimit(isoDate(death), isoDate(filed));
    assert.deepEqual([c.withinLimit, c.deadline, c.daysLate, c.legalBasis], [within, deadline, late, 'Law on SI 2014 art. 112']);
    assert.match(c.explanation.vi, /Luật BHXH 2014 Điều 112/);
  });
}

test('filing before the death → RangeError; limits are 90 and 15 days (2014 art. 112)', () => {
  assert.throws(() => checkFilingLimit(isoDate('2024-01-02'), isoDate('2024-01-01')), RangeError);
  assert.equal(FILING_LIMIT_DAYS, 90);
  assert.equal(SETTLEMENT_LIMIT_DAYS, 15);
  assert.equal(TIME_LIMITS_LEGAL_BASIS, 'Law on SI 2014 art. 112');
});
