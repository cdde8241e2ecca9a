import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiRecord } from '../../../../contracts/imports/si-records.ts';
import { isoDate, type IsoDate, type IsoMonth } from '../../../../kernel/dates.ts';
import { BUILT_IN_RULES, withAddedVersions, type RuleTableName } from '../../../../kernel/rules/rule-book.ts';
import { monthlyChildHiContribution } from '../../domain/child-state-budget-contribution.ts';
import { funeralAllowance } from '../../domain/funeral-allowance.ts';
import { monthlySupport } from '../../domain/voluntary-support.ts';
import { checkNewVersion, type NewVersionInput } from './new-version.ts';

const TODAY = isoDate('2026-07-10');
const BOOK = withAddedVersions(BUILT_IN_RULES, [{ table: 'base-salary', version: 'bs-2027-01', effectiveFrom: '2027-01-01' as IsoDate, value: 2_700_000, legalBasis: 'test' }]);
const input = (over: Partial<NewVersionInput> = {}): NewVersionInput => ({ version: 'base-salary-2027-07', effectiveFrom: '2027-07-01', value: 2_800_000, legalBasis: 'Decree 999/2027/ND-CP', reason: 'new decree', ...over });
const RATES = { poor: 6_000, 'near-poor': 5_000, 'ethnic-minority': 4_000, 'island-commune': 6_000, other: 2_500 };

// [why, table, input, 'ok' | [status, [path, code][]]] — "past" is relative to TODAY (2026-07-10).
const CASES: [string, RuleTableName, NewVersionInput, 'ok' | ['VALIDATION_FAILED' | 'CONFLICT', [string, string][]]][] = [
  ['tomorrow is the earliest day', 'base-salary', input({ effectiveFrom: '2026-07-11' }), 'ok'],
  ['today is refused: decisions may already have used today’s value', 'base-salary', input({ effectiveFrom: '2026-07-10' }), ['VALIDATION_FAILED', [['effectiveFrom', 'past-date']]]],
  ['a past date is refused', 'base-salary', input({ effectiveFrom: '2025-01-01' }), ['VALIDATION_FAILED', [['effectiveFrom', 'past-date']]]],
  ['between future versions is allowed (before bs-2027-01)', 'base-salary', input({ effectiveFrom: '2026-10-01' }), 'ok'],
  ['not a real date', 'base-salary', input({ effectiveFrom: '2027-02-30' }), ['VALIDATION_FAILED', [['effectiveFrom', 'bad-date']]]],
  ['a base salary below 100,000 VND (a misplaced digit)', 'base-salary', input({ value: 28_000 }), ['VALIDATION_FAILED', [['value', 'bad-value']]]],
  ['a base salary that is not whole dong', 'base-salary', input({ value: 2_800_000.5 }), ['VALIDATION_FAILED', [['value', 'bad-value']]]],
  ['support rates given to the base salary', 'base-salary', input({ value: RATES }), ['VALIDATION_FAILED', [['value', 'bad-value']]]],
  ['a poverty line as text', 'rural-poverty-line', input({ version: 'rpl-2027-07', value: '2500000' }), ['VALIDATION_FAILED', [['value', 'bad-value']]]],
  ['support rates, all five groups', 'support-rates', input({ version: 'support-2027', value: RATES }), 'ok'],
  ['support rates as a number', 'support-rates', input({ version: 'support-2027', value: 5_000 }), ['VALIDATION_FAILED', [['value', 'bad-value']]]],
  [
    'support rates: a group missing, one over 100%, one unknown',
    'support-rates',
    input({ version: 'support-2027', value: { poor: 10_001, 'near-poor': 5_000, 'ethnic-minority': 4_000, other: 2_000, migrant: 1_000 } }),
    ['VALIDATION_FAILED', [['value.poor', 'bad-value'], ['value.island-commune', 'required'], ['value.migrant', 'unknown-group']]],
  ],
  ['an SI fund rate: the year published for and ppm a month', 'si-fund-rate', input({ version: 'si-fund-rate-2026-vss', value: { year: 2026, monthlyRatePpm: 3_750 } }), 'ok'],
  ['an SI fund rate for the year it takes effect in (published for a year begun)', 'si-fund-rate', input({ version: 'si-fund-rate-2027-vss', value: { year: 2027, monthlyRatePpm: 3_750 } }), 'ok'],
  ['an SI fund rate for a year after the one it takes effect in', 'si-fund-rate', input({ version: 'si-fund-rate-2028-vss', value: { year: 2028, monthlyRatePpm: 3_750 } }), ['VALIDATION_FAILED', [['value.year', 'bad-year']]]],
  ['an SI fund rate as a bare number', 'si-fund-rate', input({ version: 'si-fund-rate-2026-vss', value: 3_750 }), ['VALIDATION_FAILED', [['value', 'bad-value']]]],
  [
    'an SI fund rate: a percentage typed for ppm, a year missing, an unknown field',
    'si-fund-rate',
    input({ version: 'si-fund-rate-2026-vss', value: { monthlyRatePpm: 0.375, percent: 0.375 } }),
    ['VALIDATION_FAILED', [['value.year', 'required'], ['value.monthlyRatePpm', 'bad-value'], ['value.percent', 'unknown-field']]],
  ],
  ['an SI fund rate over 2% a month (a misplaced digit)', 'si-fund-rate', input({ version: 'si-fund-rate-2026-vss', value: { year: 2026, monthlyRatePpm: 37_500 } }), ['VALIDATION_FAILED', [['value.monthlyRatePpm', 'bad-value']]]],
  ['an SI fund rate with a built-in id', 'si-fund-rate', input({ version: 'si-fund-rate-2026-sample', value: { year: 2026, monthlyRatePpm: 3_750 } }), ['CONFLICT', [['version', 'duplicate-version']]]],
  ['a version id with capitals and spaces', 'base-salary', input({ version: 'Base Salary' }), ['VALIDATION_FAILED', [['version', 'bad-version-id']]]],
  ['a blank legal basis and reason', 'base-salary', input({ legalBasis: '   ', reason: ' ' }), ['VALIDATION_FAILED', [['legalBasis', 'required'], ['reason', 'required']]]],
  ['a built-in version id', 'base-salary', input({ version: 'base-salary-2024-07' }), ['CONFLICT', [['version', 'duplicate-version']]]],
  ['an added version id, even of another table', 'rural-poverty-line', input({ version: 'bs-2027-01' }), ['CONFLICT', [['version', 'duplicate-version']]]],
  ['bad input is told before a duplicate id', 'base-salary', input({ version: 'bs-2027-01', effectiveFrom: '2020-01-01' }), ['VALIDATION_FAILED', [['effectiveFrom', 'past-date']]]],
];
for (const [why, table, given, expected] of CASES) {
  test(`new version of ${table}: ${why}`, () => {
    const r = checkNewVersion(table, given, BOOK, TODAY);
    if (expected === 'ok') {
      assert.equal(r.ok, true, JSON.stringify(r));
      return;
    }
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error, expected[0]);
    assert.deepEqual(r.fields.map((f) => [f.path, f.code]), expected[1]);
    for (const f of r.fields) assert.ok(f.reason.length > 10 && f.reasonVi.length > 10 && f.reason !== f.reasonVi, `${f.code}: reason in English and Vietnamese`);
  });
}

test('on the date of a version not yet in force: it supersedes it; `before` is what was to be in force', () => {
  const r = checkNewVersion('base-salary', input({ effectiveFrom: '2027-01-01' }), BOOK, TODAY);
  assert.ok(r.ok);
  assert.deepEqual([r.supersedes, r.before?.version], ['bs-2027-01', 'bs-2027-01']);
  const later = checkNewVersion('base-salary', input(), BOOK, TODAY);
  assert.ok(later.ok);
  assert.deepEqual([later.supersedes, later.before?.version, later.added.legalBasis], [null, 'bs-2027-01', 'Decree 999/2027/ND-CP']);
});

// The decisions read the book they are given: Law on SI 2014 art. 66 (10 × base salary), Decree 146/2018 (4.5%), Decree 159/2025.
test('the rules decide with the book they are given, and record its version ids', () => {
  const { book } = withAddedVersions(BUILT_IN_RULES, [
    { table: 'base-salary', version: 'bs-2027-07', effectiveFrom: '2027-07-01' as IsoDate, value: 2_800_000, legalBasis: 'Decree 999/2027/ND-CP' },
    { table: 'support-rates', version: 'support-2027-07', effectiveFrom: '2027-07-01' as IsoDate, value: RATES, legalBasis: 'Decree 998/2027/ND-CP' },
  ]);
  const pensioner: SiRecord = { pin: '001070000001', siCode: '0112345678', periods: [], pension: { monthlyAmount: 6_000_000, since: '2015-01-01', kind: 'pension' }, reserved: false, awaitingPensionAge: false, lumpSumTaken: false };
  const died = (on: string) => funeralAllowance({ record: pensioner, dateOfBirth: isoDate('1950-01-01'), dateOfDeath: isoDate(on), cause: 'other' }, book);
  const before = died('2027-06-30');
  const after = died('2027-07-01');
  assert.deepEqual([before.amount, before.ruleVersion], [25_300_000, 'law-si-2024+base-salary-2026-07']);
  assert.deepEqual([after.amount, after.ruleVersion], [28_000_000, 'law-si-2024+bs-2027-07']);
  assert.match(after.legalBasis, /Decree 999\/2027\/ND-CP/);
  assert.equal(monthlyChildHiContribution('2027-07', book).amount, 126_000, '4.5% × 2,800,000');
  // 25% × 22% × 2,200,000 (2027 poverty line, built in) = 121,000.
  const s = monthlySupport('2027-07' as IsoMonth, ['other'], book);
  assert.deepEqual([s.rateBp, s.amount, s.ruleVersion], [2_500, 121_000, 'support-2027-07+rural-poverty-line-2027+si-law-2024']);
});
