import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../../../kernel/dates.ts';
import { hiCardValidityForChild, isUnderSix, reaches72Months } from './hi-card-validity.ts';

// Law on HI art. 16.3.d; Decree 146/2018/ND-CP art. 13.2.
for (const [dob, validTo, why] of [
  ['2025-01-15', '2031-09-30', 'born before 30 Sept → 30 Sept of the year of 72 months'],
  ['2024-09-30', '2030-09-30', 'born on 30 Sept (boundary, inclusive) → 30 Sept'],
  ['2024-10-01', '2030-10-31', 'born after 30 Sept → end of the month of 72 months'],
  ['2024-02-29', '2030-09-30', 'leap day: 72 months on 2030-02-28, before Sept → 30 Sept'],
  ['2023-12-31', '2029-12-31', 'born 31 Dec → end of Dec of the 6th year'],
  ['2020-02-29', '2026-09-30', 'leap day, February birth → 30 Sept'],
  ['2024-11-30', '2030-11-30', 'born after 30 Sept, end of Nov'],
] as const) {
  test(`born ${dob} → valid ${dob}..${validTo} (${why})`, () => {
    assert.deepEqual(hiCardValidityForChild(isoDate(dob)), {
      validFrom: dob,
      validTo,
      legalBasis: 'Law on Health Insurance art. 16.3.d; Decree 146/2018/ND-CP art. 13.2',
      version: 'child-hi-validity-2018',
    });
  });
}

test('72 months = 6th-birthday date, 29 Feb → 28 Feb (dates.ts anniversary)', () => {
  assert.equal(reaches72Months(isoDate('2020-02-29')), '2026-02-28');
  assert.equal(reaches72Months(isoDate('2024-10-01')), '2030-10-01');
});

for (const [dob, on, expected] of [
  ['2020-02-29', '2026-02-27', true],
  ['2020-02-29', '2026-02-28', false], // reaches 72 months that day
  ['2024-10-01', '2024-10-01', true], // birth date
  ['2024-10-01', '2024-09-30', false], // before birth
  ['2024-10-01', '2030-09-30', true],
  ['2024-10-01', '2030-10-01', false],
] as const) {
  test(`isUnderSix(${dob}, ${on}) → ${expected}`, () => {
    assert.equal(isUnderSix(isoDate(dob), isoDate(on)), expected);
  });
}

test('bad date → RangeError', () => {
  assert.throws(() => hiCardValidityForChild('2024-02-30' as never), RangeError);
});
