import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../dates.ts';
import { BASE_SALARY, baseSalaryAt } from './base-salary.ts';

for (const [date, value, basis] of [
  ['2018-07-01', 1_390_000, 'Decree 72/2018/ND-CP'],
  ['2019-06-30', 1_390_000, 'Decree 72/2018/ND-CP'],
  ['2019-07-01', 1_490_000, 'Decree 38/2019/ND-CP'],
  ['2023-06-30', 1_490_000, 'Decree 38/2019/ND-CP'],
  ['2023-07-01', 1_800_000, 'Decree 24/2023/ND-CP'],
  ['2024-06-30', 1_800_000, 'Decree 24/2023/ND-CP'],
  ['2024-07-01', 2_340_000, 'Decree 73/2024/ND-CP'],
  ['2025-07-01', 2_340_000, 'Decree 73/2024/ND-CP'], // reference level = base salary (Law on SI 2024)
  ['2026-06-30', 2_340_000, 'Decree 73/2024/ND-CP'],
  ['2026-07-01', 2_530_000, 'Decree 161/2026/ND-CP'],
] as const) {
  test(`base salary on ${date} = ${value} (${basis})`, () => {
    const v = baseSalaryAt(isoDate(date));
    assert.equal(v.value, value);
    assert.equal(v.legalBasis, basis);
    assert.ok(Number.isInteger(v.value));
  });
}

test('before 2018-07-01 there is no recorded value', () => {
  assert.throws(() => baseSalaryAt(isoDate('2018-06-30')), RangeError);
});

test('table has five versions', () => {
  assert.equal(BASE_SALARY.versions.length, 5);
});
