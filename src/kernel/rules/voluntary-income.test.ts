import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkVoluntaryIncome, voluntaryIncomeBounds } from './voluntary-income.ts';
import { isoMonth } from './voluntary-months.ts';

// Law on SI 2014 art. 87 / Law on SI 2024 art. 31; DOMAIN.md §5. Bounds resolved on the 1st of the start month.
for (const [start, floor, ceiling, version, source] of [
  ['2022-01', 1_500_000, 29_800_000, 'si-law-2014+rural-poverty-line-2022+base-salary-2019-07', 'Decree 07/2021; 20 × 1,490,000 (Decree 38/2019)'],
  ['2024-06', 1_500_000, 36_000_000, 'si-law-2014+rural-poverty-line-2022+base-salary-2023-07', '20 × 1,800,000 (Decree 24/2023)'],
  ['2024-07', 1_500_000, 46_800_000, 'si-law-2014+rural-poverty-line-2022+base-salary-2024-07', 'DOMAIN.md §5: 46,800,000 at 2,340,000'],
  ['2025-07', 1_500_000, 46_800_000, 'si-law-2024+rural-poverty-line-2022+base-salary-2024-07', 'Law on SI 2024 art. 31: reference level = base salary'],
  ['2026-06', 1_500_000, 46_800_000, 'si-law-2024+rural-poverty-line-2026+base-salary-2024-07', 'DOMAIN.md §5: 1,500,000 until 2026-12-31'],
  ['2026-07', 1_500_000, 50_600_000, 'si-law-2024+rural-poverty-line-2026+base-salary-2026-07', '20 × 2,530,000 (Decree 161/2026)'],
  ['2027-01', 2_200_000, 50_600_000, 'si-law-2024+rural-poverty-line-2027+base-salary-2026-07', 'DOMAIN.md §5: 2,200,000 from 2027'],
] as const) {
  test(`income bounds for a period starting ${start}: ${floor}..${ceiling} (${source})`, () => {
    const b = voluntaryIncomeBounds(isoMonth(start));
    assert.equal(b.floor, floor);
    assert.equal(b.ceiling, ceiling);
    assert.equal(b.resolvedOn, `${start}-01`);
    assert.equal(b.ruleVersion, version);
  });
}

for (const [income, start, code, source] of [
  [1_500_000, '2026-12', null, 'floor is inclusive (DOMAIN.md §5)'],
  [1_499_999, '2026-12', 'income-below-floor', 'one dong under the 2026 floor'],
  [1_500_000, '2027-01', 'income-below-floor', 'the 2027 floor is 2,200,000'],
  [2_200_000, '2027-01', null, 'the 2027 floor, inclusive'],
  [36_000_000, '2024-06', null, 'ceiling is inclusive: 20 × 1,800,000'],
  [36_000_001, '2024-06', 'income-above-ceiling', 'one dong over 20 × 1,800,000'],
  [46_800_000, '2024-07', null, '20 × 2,340,000'],
  [50_600_000, '2026-06', 'income-above-ceiling', 'the 2026-07 base salary is not yet in force'],
  [50_600_000, '2026-07', null, '20 × 2,530,000'],
] as const) {
  test(`income ${income} from ${start} → ${code ?? 'ok'} (${source})`, () => {
    const r = checkVoluntaryIncome(income, isoMonth(start));
    if (code === null) {
      assert.equal(r.ok, true);
      return;
    }
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problem.code, code);
    assert.equal(r.problem.path, 'monthlyIncome');
    assert.equal(r.problem.floor, r.bounds.floor);
    assert.equal(r.problem.ceiling, r.bounds.ceiling);
  });
}

test('the problem explains itself in English and Vietnamese', () => {
  const below = checkVoluntaryIncome(1_500_000, isoMonth('2027-01'));
  assert.equal(below.ok, false);
  if (below.ok) return;
  assert.deepEqual(below.problem, {
    path: 'monthlyIncome',
    code: 'income-below-floor',
    reason: 'The monthly income must be at least 2,200,000 VND, the rural poverty line on 2027-01-01.',
    reasonVi: 'Thu nhập tháng phải từ 2.200.000 đồng trở lên (chuẩn nghèo khu vực nông thôn tại ngày 01/01/2027).',
    floor: 2_200_000,
    ceiling: 50_600_000,
  });
  const above = checkVoluntaryIncome(46_800_001, isoMonth('2024-07'));
  assert.equal(above.ok, false);
  if (above.ok) return;
  assert.match(above.problem.reason, /may not exceed 46,800,000 VND/);
  assert.match(above.problem.reasonVi, /không được vượt quá 46\.800\.000 đồng/);
});

test('the legal basis names the law, the poverty line and the base salary', () => {
  const b = voluntaryIncomeBounds(isoMonth('2025-08'));
  assert.equal(
    b.legalBasis,
    'Law on Social Insurance 2024 (Law 41/2024/QH15) arts. 31, 36; rural poverty line: Decree 07/2021/ND-CP art. 3; base salary: Decree 73/2024/ND-CP',
  );
});

test('a non-integer or non-positive income is a programming error', () => {
  assert.throws(() => checkVoluntaryIncome(1_500_000.5, isoMonth('2025-08')), RangeError);
  assert.throws(() => checkVoluntaryIncome(0, isoMonth('2025-08')), RangeError);
});
