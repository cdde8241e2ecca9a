import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoDate } from '../../../kernel/dates.ts';
import { hasReachedRetirementAge, retirementAgeMonthsIn, retirementDate, type Sex } from './retirement-age.ts';

// [source, sex, born, reaches the age on] — Labour Code 2019 art. 169.2; Decree 135/2020/ND-CP Appendix I.
const CASES: [string, Sex, string, string][] = [
  ['Labour Code 2012 art. 187: 60 until 2020', 'male', '1960-12-10', '2020-12-10'],
  ['2019 art. 169.2: 60 y 3 m in 2021', 'male', '1961-01-10', '2021-04-10'],
  ['App. I: born 09/1961 → 60 y 3 m, 12/2021', 'male', '1961-09-15', '2021-12-15'],
  ['App. I: born 10/1961 → 60 y 6 m, 04/2022', 'male', '1961-10-15', '2022-04-15'],
  ['61 y 9 m in 2027: born 01/1966 → 10/2027', 'male', '1966-01-01', '2027-10-01'],
  ['62 from 2028: born 04/1966 → 04/2028', 'male', '1966-04-01', '2028-04-01'],
  ['Labour Code 2012 art. 187: 55 until 2020', 'female', '1965-12-31', '2020-12-31'],
  ['2019 art. 169.2: 55 y 4 m in 2021', 'female', '1966-01-01', '2021-05-01'],
  ['App. I: born 08/1966 → 55 y 4 m, 12/2021', 'female', '1966-08-20', '2021-12-20'],
  ['App. I: born 09/1966 → 55 y 8 m, 05/2022', 'female', '1966-09-01', '2022-05-01'],
  ['60 from 2035: born 05/1975 → 05/2035', 'female', '1975-05-01', '2035-05-01'],
  ['29 February: the 28th', 'female', '1980-02-29', '2040-02-29'],
];
for (const [source, sex, born, on] of CASES) {
  test(`retirement age [${source}]: ${sex} born ${born} reaches it on ${on}`, () => {
    assert.equal(retirementDate(sex, isoDate(born)), on);
    assert.equal(hasReachedRetirementAge(sex, isoDate(born), isoDate(on)), true);
    const dayBefore = new Date(Date.parse(`${on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    assert.equal(hasReachedRetirementAge(sex, isoDate(born), isoDate(dayBefore)), false);
  });
}

test('the roadmap: +3 months a year for men to 62 in 2028, +4 for women to 60 in 2035', () => {
  assert.deepEqual([2020, 2021, 2022, 2027, 2028, 2040].map((y) => retirementAgeMonthsIn('male', y)), [720, 723, 726, 741, 744, 744]);
  assert.deepEqual([2020, 2021, 2022, 2034, 2035, 2040].map((y) => retirementAgeMonthsIn('female', y)), [660, 664, 668, 716, 720, 720]);
});
