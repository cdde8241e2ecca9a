import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, firstDayOf, isIsoMonth, isoMonth, lastDayOf, monthRange, monthsBetween, viDate } from './voluntary-months.ts';
import { isoDate } from '../dates.ts';

test('month arithmetic across year ends', () => {
  assert.equal(addMonths(isoMonth('2025-11'), 3), '2026-02');
  assert.equal(addMonths(isoMonth('2025-01'), -1), '2024-12');
  assert.equal(addMonths(isoMonth('2025-07'), 0), '2025-07');
  assert.equal(monthsBetween(isoMonth('2025-06'), isoMonth('2025-08')), 2);
  assert.equal(monthsBetween(isoMonth('2026-01'), isoMonth('2025-12')), -1);
  assert.deepEqual(monthRange(isoMonth('2025-12'), 3), ['2025-12', '2026-01', '2026-02']);
  assert.deepEqual(monthRange(isoMonth('2025-12'), 0), []);
});

test('first and last days of a month (leap years)', () => {
  assert.equal(firstDayOf(isoMonth('2025-07')), '2025-07-01');
  assert.equal(lastDayOf(isoMonth('2024-02')), '2024-02-29');
  assert.equal(lastDayOf(isoMonth('2025-02')), '2025-02-28');
  assert.equal(lastDayOf(isoMonth('2025-12')), '2025-12-31');
  assert.equal(viDate(isoDate('2025-07-01')), '01/07/2025');
});

test('bad months are refused', () => {
  for (const bad of ['2025-13', '2025-00', '2025-7', '25-07', '2025-07-01']) {
    assert.equal(isIsoMonth(bad), false, bad);
    assert.throws(() => isoMonth(bad), RangeError);
  }
  assert.throws(() => addMonths(isoMonth('2025-01'), 1.5), RangeError);
  assert.throws(() => monthRange(isoMonth('2025-01'), -1), RangeError);
});
