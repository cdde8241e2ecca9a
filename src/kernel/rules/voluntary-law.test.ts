import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../dates.ts';
import { voluntaryLawAt } from './voluntary-law.ts';

for (const [date, version, basis] of [
  ['2016-01-01', 'si-law-2014', 'Law on Social Insurance 2014 (Law 58/2014/QH13) art. 87'],
  ['2025-06-30', 'si-law-2014', 'Law on Social Insurance 2014 (Law 58/2014/QH13) art. 87'],
  ['2025-07-01', 'si-law-2024', 'Law on Social Insurance 2024 (Law 41/2024/QH15) arts. 31, 36'],
] as const) {
  test(`law in force on ${date}: ${version}, 22% and 20 × base salary (DOMAIN.md §5; ${basis})`, () => {
    const v = voluntaryLawAt(isoDate(date));
    assert.equal(v.version, version);
    assert.equal(v.legalBasis, basis);
    assert.deepEqual(v.value, { contributionBp: 2_200, ceilingMultiple: 20 });
  });
}

test('before the Law on SI 2014 took effect there is no rule', () => {
  assert.throws(() => voluntaryLawAt(isoDate('2015-12-31')), RangeError);
});
