import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../../../kernel/dates.ts';
import { basisVi, DEATH_BENEFIT_LAW, deathBenefitLawAt, num, vnd } from './death-benefit-law.ts';

for (const [date, version] of [
  ['2016-01-01', 'law-si-2014'], // Law 58/2014/QH13 in force
  ['2025-06-30', 'law-si-2014'],
  ['2025-07-01', 'law-si-2024'], // Law 41/2024/QH15 in force
  ['2026-07-01', 'law-si-2024'],
] as const) {
  test(`death on ${date} → ${version} (resolved by the date of death)`, () => {
    assert.equal(deathBenefitLawAt(isoDate(date)).version, version);
  });
}

test('before the 2014 law took effect (2016-01-01) → RangeError', () => {
  assert.throws(() => deathBenefitLawAt(isoDate('2015-12-31')), RangeError);
});

test('both versions carry the figures of DOMAIN.md §3–4 and their own legal basis', () => {
  for (const v of DEATH_BENEFIT_LAW.versions) {
    assert.equal(v.value.funeral.multiplier, 10); // 2014 art. 66 / 2024 art. 85
    assert.equal(v.value.survivorMonthly.ratePercent, 50); // 2014 art. 68 / 2024 art. 87
    assert.equal(v.value.survivorMonthly.noCaretakerRatePercent, 70);
    assert.equal(v.value.survivorMonthly.maxRelatives, 4);
    assert.equal(v.value.lumpSum.monthsPerYearBefore2014, 1.5); // 2014 art. 70 / 2024 art. 89
    assert.equal(v.value.lumpSum.pensionFullMonths, 48);
  }
  assert.match(deathBenefitLawAt(isoDate('2025-07-01')).value.funeral.legalBasis, /Law 41\/2024\/QH15\) art\. 85, 141/);
  assert.match(deathBenefitLawAt(isoDate('2025-06-30')).value.funeral.legalBasis, /^Law on SI 2014 art\. 66, 80; Decree 134\/2015\/ND-CP art\. 8$/);
});

test('money and numbers in English and Vietnamese', () => {
  assert.deepEqual(vnd(23_400_000), { en: '23,400,000 VND', vi: '23.400.000 đồng' });
  assert.deepEqual(vnd(745_000), { en: '745,000 VND', vi: '745.000 đồng' });
  assert.deepEqual(num(47.5), { en: '47.5', vi: '47,5' });
  assert.equal(basisVi('Law on SI 2014 art. 66, 80; Decree 134/2015/ND-CP art. 8'), 'Luật BHXH 2014 Điều 66, 80; Nghị định 134/2015/NĐ-CP Điều 8');
  assert.equal(basisVi('Law on SI 2024 (Law 41/2024/QH15) art. 85, 141'), 'Luật BHXH 2024 (Luật 41/2024/QH15) Điều 85, 141');
});
