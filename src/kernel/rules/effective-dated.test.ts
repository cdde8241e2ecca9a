import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate, type IsoDate } from '../dates.ts';
import { EffectiveTable, type RuleVersion } from './effective-dated.ts';

const row = (version: string, from: string, value: number): RuleVersion<number> => ({
  version,
  effectiveFrom: from as IsoDate,
  value,
  legalBasis: `test ${version}`,
});

const table = new EffectiveTable([row('a', '2020-01-01', 1), row('b', '2021-01-01', 2), row('c', '2022-07-01', 3)]);

for (const [date, version] of [
  ['2020-01-01', 'a'], // first day inclusive
  ['2020-12-31', 'a'],
  ['2021-01-01', 'b'],
  ['2022-06-30', 'b'],
  ['2022-07-01', 'c'],
  ['2099-12-31', 'c'],
] as const) {
  test(`at(${date}) → ${version}`, () => {
    assert.equal(table.at(isoDate(date)).version, version);
  });
}

test('before the first version: clear RangeError', () => {
  assert.throws(() => table.at(isoDate('2019-12-31')), { name: 'RangeError', message: /no rule version in force on 2019-12-31.*2020-01-01/ });
});

test('bad date: RangeError', () => {
  assert.throws(() => table.at('2021-02-30' as IsoDate), RangeError);
});

test('constructor validation', () => {
  assert.throws(() => new EffectiveTable([]), RangeError);
  assert.throws(() => new EffectiveTable([row('b', '2021-01-01', 2), row('a', '2020-01-01', 1)]), /ascending/);
  assert.throws(() => new EffectiveTable([row('a', '2020-01-01', 1), row('b', '2020-01-01', 2)]), /ascending/);
  assert.throws(() => new EffectiveTable([row('a', '2020-01-01', 1), row('a', '2021-01-01', 2)]), /duplicate/);
  assert.throws(() => new EffectiveTable([row('a', '2020-13-01', 1)]), /effectiveFrom/);
});

test('versions is a frozen copy', () => {
  const rows = [row('a', '2020-01-01', 1)];
  const t = new EffectiveTable(rows);
  rows.push(row('b', '2021-01-01', 2));
  assert.equal(t.versions.length, 1);
  assert.ok(Object.isFrozen(t.versions));
  assert.ok(Object.isFrozen(t.versions[0]));
});
