import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../../../kernel/dates.ts';
import {
  averageInsuredSalary, compulsoryMonths, contributedMonths, isContributingCompulsoryIn, monthAfter, monthIndex,
  monthsBeforeAndFrom2014, summarizeSiHistory, voluntaryMonths, type SiPeriod,
} from './si-history.ts';

const C = (from: string, to: string, monthlySalary = 5_000_000): SiPeriod => ({ from, to, scheme: 'compulsory', monthlySalary });
const V = (from: string, to: string, monthlySalary = 1_500_000): SiPeriod => ({ from, to, scheme: 'voluntary', monthlySalary });

// Source of every case: si-history.ts counting rules (inclusive months, no double count), which feed
// Law on SI 2014 art. 66, 70 / Law on SI 2024 art. 89 via DOMAIN.md §3–4.
for (const [title, periods, c, v, before, from2014, avg] of [
  ['one year counts 12 months, inclusive', [C('2014-01', '2014-12')], 12, 0, 0, 12, 5_000_000],
  ['from = to counts one month', [C('2020-05', '2020-05')], 1, 0, 0, 1, 5_000_000],
  ['no periods: 0 months, no average', [], 0, 0, 0, 0, null],
  ['overlap of two compulsory periods counts once, highest salary', [C('2014-01', '2014-12', 4_000_000), C('2014-07', '2015-06', 6_000_000)], 18, 0, 0, 18, Math.round((6 * 4_000_000 + 12 * 6_000_000) / 18)],
  ['compulsory wins over voluntary on overlap (worked example)', [C('2013-07', '2014-06', 6_000_000), V('2014-01', '2014-12', 3_000_000)], 12, 6, 6, 12, 5_000_000],
  ['split at 2014-01: 2013-11..2014-02 → 2 before, 2 from', [C('2013-11', '2014-02')], 4, 0, 2, 2, 5_000_000],
  ['average rounds half up to the dong (1,000,000.5 → 1,000,001)', [C('2020-01', '2020-01', 1_000_001), C('2020-02', '2020-02', 1_000_000)], 2, 0, 0, 2, 1_000_001],
  ['voluntary only', [V('2019-01', '2023-12')], 0, 60, 0, 60, 1_500_000],
] as const) {
  test(`si-history: ${title}`, () => {
    const s = summarizeSiHistory(periods);
    assert.equal(s.compulsoryMonths, c);
    assert.equal(s.voluntaryMonths, v);
    assert.equal(s.totalMonths, c + v);
    assert.equal(s.monthsBefore2014, before);
    assert.equal(s.monthsFrom2014, from2014);
    assert.equal(s.averageInsuredSalary, avg);
    assert.equal(compulsoryMonths(periods), c);
    assert.equal(voluntaryMonths(periods), v);
    assert.deepEqual(monthsBeforeAndFrom2014(periods), { before2014: before, from2014 });
    assert.equal(averageInsuredSalary(periods), avg);
    // order independence (documented overlap rule)
    assert.deepEqual(summarizeSiHistory([...periods].reverse()), s);
  });
}

test('si-history: contributed months are ascending and carry their scheme', () => {
  const m = contributedMonths([V('2014-01', '2014-02', 2_000_000), C('2013-12', '2014-01', 7_000_000)]);
  assert.deepEqual(m, [
    { month: '2013-12', scheme: 'compulsory', salary: 7_000_000 },
    { month: '2014-01', scheme: 'compulsory', salary: 7_000_000 },
    { month: '2014-02', scheme: 'voluntary', salary: 2_000_000 },
  ]);
  assert.equal(summarizeSiHistory([V('2014-01', '2014-02', 2_000_000)]).voluntaryIncomeTotal, 4_000_000);
});

for (const [month, expected] of [
  ['2019-12', false],
  ['2020-01', true], // first month, inclusive
  ['2020-06', true], // last month, inclusive
  ['2020-07', false],
  ['2021-03', false], // covered by a voluntary period only
] as const) {
  test(`si-history: contributing compulsory in ${month} → ${expected} (funeral: "currently contributing", Law on SI 2014 art. 66)`, () => {
    assert.equal(isContributingCompulsoryIn([C('2020-01', '2020-06'), V('2021-01', '2021-12')], month), expected);
  });
}

for (const [date, month] of [['2024-06-30', '2024-07'], ['2024-12-31', '2025-01'], ['2024-02-29', '2024-03']] as const) {
  test(`si-history: month after ${date} = ${month} (Law on SI 2014 art. 68: paid from the month after the death)`, () => {
    assert.equal(monthAfter(isoDate(date)), month);
  });
}

test('si-history: bad input → RangeError', () => {
  assert.throws(() => summarizeSiHistory([C('2020-05', '2020-04')]), RangeError);
  assert.throws(() => monthIndex('2020-13'), RangeError);
  assert.throws(() => monthIndex('2020-1'), RangeError);
});
