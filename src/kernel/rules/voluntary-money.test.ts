import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBasisPoints, divideRoundHalfUp, formatVnd } from './voluntary-money.ts';

// Rounding convention of the voluntary-* rules: half up to the whole dong (brief; no legal rule known).
for (const [amount, bp, expected, why] of [
  [1_500_000, 2_200, 330_000, 'DOMAIN.md §5: 22% of 1,500,000'],
  [1_500_001, 2_200, 330_000, '330,000.22 rounds down'],
  [1_500_002, 2_200, 330_000, '330,000.44 rounds down'],
  [1_500_003, 2_200, 330_001, '330,000.66 rounds up'],
  [46_800_000, 2_200, 10_296_000, '22% of the 2024-07 ceiling'],
  [330_000, 2_000, 66_000, 'Decree 159/2025: 20% of 22% × 1,500,000'],
  [25, 2_000, 5, 'exact'],
  [5, 1_000, 1, '0.5 rounds half up'],
] as const) {
  test(`applyBasisPoints(${amount}, ${bp}) = ${expected} (${why})`, () => {
    assert.equal(applyBasisPoints(amount, bp), expected);
  });
}

test('divideRoundHalfUp is exact and half up', () => {
  assert.equal(divideRoundHalfUp(5, 2), 3);
  assert.equal(divideRoundHalfUp(4, 3), 1);
  assert.equal(divideRoundHalfUp(0, 7), 0);
  assert.throws(() => divideRoundHalfUp(-1, 2), RangeError);
  assert.throws(() => divideRoundHalfUp(1.5, 2), RangeError);
});

test('formatVnd groups thousands per language', () => {
  assert.equal(formatVnd(1_500_000, 'en'), '1,500,000');
  assert.equal(formatVnd(46_800_000, 'vi'), '46.800.000');
  assert.equal(formatVnd(999, 'vi'), '999');
});
