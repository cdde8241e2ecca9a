import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoDate, type IsoDate } from '../dates.ts';
import { baseSalaryAt } from './base-salary.ts';
import { BUILT_IN_RULES, isRuleTableName, RULE_TABLE_NAMES, withAddedVersions, type AddedRuleVersion } from './rule-book.ts';
import { checkVoluntaryIncome, voluntaryIncomeBounds } from './voluntary-income.ts';

const add = (version: string, effectiveFrom: string, value: unknown, table: AddedRuleVersion['table'] = 'base-salary'): AddedRuleVersion => ({ table, version, effectiveFrom: effectiveFrom as IsoDate, value, legalBasis: `test ${version}` });

test('the built-in book is the tables the rules used before the book existed', () => {
  assert.deepEqual(RULE_TABLE_NAMES, ['base-salary', 'rural-poverty-line', 'support-rates', 'si-fund-rate']);
  assert.equal(BUILT_IN_RULES.siFundRate.at(isoDate('2027-01-01')).version, 'si-fund-rate-2026-sample');
  assert.equal(baseSalaryAt(isoDate('2024-07-01'), BUILT_IN_RULES.baseSalary).value, 2_340_000);
  assert.ok(Object.isFrozen(BUILT_IN_RULES));
  assert.ok(isRuleTableName('support-rates') && !isRuleTableName('toString') && !isRuleTableName('baseSalary'));
});

// Where an added version lands, and what each date then resolves to (Decree 161/2026: 2,530,000 from 2026-07-01 built in).
const cases: { why: string; added: AddedRuleVersion[]; at: [string, string, number][]; superseded: [string, string][] }[] = [
  {
    why: 'after the last version: it holds from its date on',
    added: [add('bs-2027-07', '2027-07-01', 2_800_000)],
    at: [['2027-06-30', 'base-salary-2026-07', 2_530_000], ['2027-07-01', 'bs-2027-07', 2_800_000], ['2099-01-01', 'bs-2027-07', 2_800_000]],
    superseded: [],
  },
  {
    why: 'between two versions: it holds until the next one',
    added: [add('bs-2025-10', '2025-10-01', 2_400_000)],
    at: [['2025-09-30', 'base-salary-2024-07', 2_340_000], ['2025-10-01', 'bs-2025-10', 2_400_000], ['2026-06-30', 'bs-2025-10', 2_400_000], ['2026-07-01', 'base-salary-2026-07', 2_530_000]],
    superseded: [],
  },
  {
    why: 'on the date of a built-in version: it supersedes it',
    added: [add('bs-2026-07-corrected', '2026-07-01', 2_600_000)],
    at: [['2026-06-30', 'base-salary-2024-07', 2_340_000], ['2026-07-01', 'bs-2026-07-corrected', 2_600_000]],
    superseded: [['base-salary-2026-07', 'bs-2026-07-corrected']],
  },
  {
    why: 'twice on one date: the one added last',
    added: [add('bs-a', '2027-01-01', 2_700_000), add('bs-b', '2027-01-01', 2_750_000)],
    at: [['2027-01-01', 'bs-b', 2_750_000]],
    superseded: [['bs-a', 'bs-b']],
  },
];
for (const c of cases) {
  test(`an added base salary ${c.why}`, () => {
    const merged = withAddedVersions(BUILT_IN_RULES, c.added);
    for (const [on, version, value] of c.at) {
      const v = merged.book.baseSalary.at(isoDate(on));
      assert.deepEqual([v.version, v.value], [version, value], on);
    }
    assert.deepEqual([...merged.superseded], c.superseded);
    // The other tables and the built-in book are untouched.
    assert.deepEqual(merged.book.ruralPovertyLine.versions, BUILT_IN_RULES.ruralPovertyLine.versions);
    assert.equal(BUILT_IN_RULES.baseSalary.at(isoDate('2027-07-01')).version, 'base-salary-2026-07');
  });
}

test('an added SI fund rate lands in its own table; the others are untouched', () => {
  const merged = withAddedVersions(BUILT_IN_RULES, [add('si-fund-rate-2027-vss', '2028-03-01', { year: 2027, monthlyRatePpm: 3_600 }, 'si-fund-rate')]);
  assert.deepEqual(merged.book.siFundRate.at(isoDate('2028-02-29')).value, { year: 2026, monthlyRatePpm: 3_800 });
  assert.deepEqual(merged.book.siFundRate.at(isoDate('2028-03-01')).value, { year: 2027, monthlyRatePpm: 3_600 });
  assert.deepEqual(merged.book.baseSalary.versions, BUILT_IN_RULES.baseSalary.versions);
  assert.equal(BUILT_IN_RULES.siFundRate.versions.length, 7);
});

test('a version id used twice, or an unknown table, cannot build a book', () => {
  assert.throws(() => withAddedVersions(BUILT_IN_RULES, [add('base-salary-2024-07', '2027-01-01', 1)]), /duplicate rule version id/);
  assert.throws(() => withAddedVersions(BUILT_IN_RULES, [add('x-1', '2027-01-01', 1), add('x-1', '2028-01-01', 2, 'rural-poverty-line')]), /duplicate/);
  assert.throws(() => withAddedVersions(BUILT_IN_RULES, [add('x-2', '2027-01-01', 1, 'nope' as AddedRuleVersion['table'])]), /unknown rule table/);
});

test('the voluntary income bounds follow the book they are given (ceiling 20 × base salary, floor the poverty line)', () => {
  const { book } = withAddedVersions(BUILT_IN_RULES, [add('bs-2027-07', '2027-07-01', 2_800_000), add('rpl-2027-07', '2027-07-01', 2_500_000, 'rural-poverty-line')]);
  const b = voluntaryIncomeBounds('2027-07' as Parameters<typeof voluntaryIncomeBounds>[0], book);
  assert.deepEqual([b.floor, b.ceiling, b.ruleVersion], [2_500_000, 56_000_000, 'si-law-2024+rpl-2027-07+bs-2027-07']);
  assert.equal(voluntaryIncomeBounds('2027-07' as Parameters<typeof voluntaryIncomeBounds>[0]).ceiling, 50_600_000, 'built-in: 20 × 2,530,000');
  assert.equal(checkVoluntaryIncome(52_000_000, '2027-07' as Parameters<typeof checkVoluntaryIncome>[1], book).ok, true);
  assert.equal(checkVoluntaryIncome(2_300_000, '2027-07' as Parameters<typeof checkVoluntaryIncome>[1], book).ok, false);
});
