import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../dates.ts';
import { RURAL_POVERTY_LINE, ruralPovertyLineAt } from './rural-poverty-line.ts';

for (const [date, value, version, source] of [
  ['2016-01-01', 700_000, 'rural-poverty-line-2016', 'Decision 59/2015/QD-TTg'],
  ['2021-12-31', 700_000, 'rural-poverty-line-2016', 'Decision 59/2015/QD-TTg, kept for 2021'],
  ['2022-01-01', 1_500_000, 'rural-poverty-line-2022', 'Decree 07/2021/ND-CP art. 3; DOMAIN.md §5'],
  ['2025-12-31', 1_500_000, 'rural-poverty-line-2022', 'Decree 07/2021/ND-CP art. 3'],
  ['2026-01-01', 1_500_000, 'rural-poverty-line-2026', 'DOMAIN.md §5: 1,500,000 until 2026-12-31'],
  ['2026-12-31', 1_500_000, 'rural-poverty-line-2026', 'DOMAIN.md §5: 1,500,000 until 2026-12-31'],
  ['2027-01-01', 2_200_000, 'rural-poverty-line-2027', 'DOMAIN.md §5: 2,200,000 from 2027'],
  ['2030-12-31', 2_200_000, 'rural-poverty-line-2027', 'DOMAIN.md §5: 2,200,000 from 2027'],
] as const) {
  test(`rural poverty line on ${date} = ${value} (${source})`, () => {
    const v = ruralPovertyLineAt(isoDate(date));
    assert.equal(v.value, value);
    assert.equal(v.version, version);
    assert.ok(Number.isInteger(v.value));
  });
}

test('each row cites its act; unconfirmed decree numbers say so', () => {
  assert.equal(ruralPovertyLineAt(isoDate('2022-01-01')).legalBasis, 'Decree 07/2021/ND-CP art. 3');
  assert.match(ruralPovertyLineAt(isoDate('2026-06-01')).legalBasis, /^Decree 07\/2021\/ND-CP art\. 3, kept until 2026-12-31 .*unconfirmed/);
  assert.match(ruralPovertyLineAt(isoDate('2027-01-01')).legalBasis, /2026–2030 \(number unconfirmed\)$/);
});

test('before 2016-01-01 there is no recorded value', () => {
  assert.throws(() => ruralPovertyLineAt(isoDate('2015-12-31')), RangeError);
});

test('table has four versions', () => {
  assert.equal(RURAL_POVERTY_LINE.versions.length, 4);
});
