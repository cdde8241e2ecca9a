import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthlyChildHiContribution } from './child-state-budget-contribution.ts';

// Decree 146/2018/ND-CP art. 7.1.đ / Decree 188/2025/ND-CP: 4.5% × base salary.
for (const [month, base, amount, rateVersion, baseVersion] of [
  ['2024-06', 1_800_000, 81_000, 'child-hi-rate-decree-146-2018', 'base-salary-2023-07'],
  ['2024-07', 2_340_000, 105_300, 'child-hi-rate-decree-146-2018', 'base-salary-2024-07'], // brief: 4.5% × 2,340,000
  ['2025-08', 2_340_000, 105_300, 'child-hi-rate-decree-146-2018', 'base-salary-2024-07'], // resolved on 1 Aug
  ['2025-09', 2_340_000, 105_300, 'child-hi-rate-decree-188-2025', 'base-salary-2024-07'],
  ['2026-07', 2_530_000, 113_850, 'child-hi-rate-decree-188-2025', 'base-salary-2026-07'],
  ['2019-07', 1_490_000, 67_050, 'child-hi-rate-decree-146-2018', 'base-salary-2019-07'],
] as const) {
  test(`${month}: 4.5% × ${base} = ${amount}`, () => {
    const r = monthlyChildHiContribution(month);
    assert.equal(r.amount, amount);
    assert.equal(r.baseSalary, base);
    assert.equal(r.rate, 0.045);
    assert.equal(r.version, `${rateVersion}+${baseVersion}`);
    assert.ok(Number.isInteger(r.amount));
  });
}

test('legal basis names the rate decree and the base-salary decree', () => {
  assert.equal(
    monthlyChildHiContribution('2024-07').legalBasis,
    'Decree 146/2018/ND-CP art. 7.1.đ, art. 10.1.b; base salary: Decree 73/2024/ND-CP',
  );
  assert.match(monthlyChildHiContribution('2025-09').legalBasis, /^Decree 188\/2025\/ND-CP;/);
});

for (const bad of ['2024-13', '2024-7', '2024-07-01', '']) {
  test(`bad month ${JSON.stringify(bad)} → RangeError`, () => {
    assert.throws(() => monthlyChildHiContribution(bad), RangeError);
  });
}

test('before Decree 146/2018 took effect (2018-12-01) → RangeError', () => {
  assert.throws(() => monthlyChildHiContribution('2018-11'), RangeError);
});
