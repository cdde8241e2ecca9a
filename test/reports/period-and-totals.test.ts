import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { budgetAmount, coveredUntil, monthsCovered } from '../../src/agencies/social-security/reports/child-budget-months.ts';
import { REPORTS } from '../../src/agencies/social-security/reports/catalogue.ts';
import { totalsOf, type Column } from '../../src/agencies/social-security/reports/definition.ts';
import { isPeriod, parsePeriod } from '../../src/agencies/social-security/reports/period.ts';
import type { IsoDate } from '../../src/kernel/dates.ts';

describe('report period: a day, a month or a quarter', () => {
  for (const [text, kind, from, to, months] of [
    ['2025-01-24', 'day', '2025-01-24', '2025-01-24', ['2025-01']],
    ['2024-02-29', 'day', '2024-02-29', '2024-02-29', ['2024-02']],
    ['2025-02', 'month', '2025-02-01', '2025-02-28', ['2025-02']],
    ['2024-02', 'month', '2024-02-01', '2024-02-29', ['2024-02']],
    ['2025-12', 'month', '2025-12-01', '2025-12-31', ['2025-12']],
    ['2025-Q1', 'quarter', '2025-01-01', '2025-03-31', ['2025-01', '2025-02', '2025-03']],
    ['2026-Q3', 'quarter', '2026-07-01', '2026-09-30', ['2026-07', '2026-08', '2026-09']],
    ['2025-Q4', 'quarter', '2025-10-01', '2025-12-31', ['2025-10', '2025-11', '2025-12']],
  ] as const) {
    test(`${text} → ${kind} ${from}…${to}`, () => {
      const p = parsePeriod(text);
      assert.ok(isPeriod(p), JSON.stringify(p));
      assert.deepEqual([p.kind, p.from, p.to, p.months], [kind, from, to, months]);
      assert.ok(p.label.vi.length > 0 && p.label.en.length > 0);
    });
  }
  for (const text of ['2025-02-30', '2025-13', '2025-00', '2025-Q0', '2025-Q5', '2025-q1', '25-01', '2025-1', '', 'yesterday', '2025-01-24T00:00', '0999-01']) {
    test(`${JSON.stringify(text)} is refused with a field error in both languages`, () => {
      const p = parsePeriod(text);
      assert.ok(!isPeriod(p));
      assert.deepEqual([p.path, p.code], ['period', 'invalid-period']);
      assert.ok(p.reason.length > 0 && p.reasonVi.length > 0);
    });
  }
});

describe('totals row: the sum of each summed column, the count of each counted one', () => {
  const cols: Column[] = [
    { key: 'id', header: { vi: 'Mã', en: 'Id' }, width: 5, type: 'text', source: 't', total: 'count' },
    { key: 'n', header: { vi: 'Số', en: 'N' }, width: 5, type: 'integer', source: 't', total: 'sum' },
    { key: 'vnd', header: { vi: 'Tiền', en: 'VND' }, width: 5, type: 'money', source: 't', total: 'sum' },
    { key: 'note', header: { vi: 'Ghi chú', en: 'Note' }, width: 5, type: 'text', source: 't' },
  ];
  for (const [name, rows, expected] of [
    ['no rows', [], { id: 0, n: 0, vnd: 0 }],
    ['one row', [{ id: 'a', n: 3, vnd: 297_000, note: 'x' }], { id: 1, n: 3, vnd: 297_000 }],
    ['bigints as text are summed as numbers', [{ id: 'a', n: 1, vnd: '1000' }, { id: 'b', n: 2, vnd: '2500' }], { id: 2, n: 3, vnd: 3_500 }],
    ['empty cells are not counted', [{ id: 'a', n: 1, vnd: 1 }, { id: null, n: null, vnd: 2 }, { id: '', n: 4, vnd: null }], { id: 1, n: 5, vnd: 3 }],
  ] as const) {
    test(name, () => assert.deepEqual(totalsOf(cols, rows as never), expected));
  }
});

describe('state budget for a child under 6 (Decree 146/2018/ND-CP art. 7.1.đ, 10.1.b; DOMAIN.md §2)', () => {
  const Q1 = ['2025-01', '2025-02', '2025-03'];
  for (const [name, from, validTo, ended, months, until, covered] of [
    ['born in the quarter: the month of birth counts whole', '2025-01-20', '2031-09-30', null, Q1, '2031-01-19', Q1],
    ['born in its last month', '2025-03-31', '2031-09-30', null, Q1, '2031-03-30', ['2025-03']],
    ['born after it', '2025-04-01', '2031-09-30', null, Q1, '2031-03-31', []],
    ['reaches 72 months in the quarter: up to the month before the birthday’s day', '2019-02-10', '2025-09-30', null, Q1, '2025-02-09', ['2025-01', '2025-02']],
    ['card ended (death) in the quarter', '2024-05-05', '2030-09-30', '2025-01-31', Q1, '2025-01-31', ['2025-01']],
    ['born 29 February: 72 months on 28 February', '2020-02-29', '2026-09-30', null, ['2026-01', '2026-02', '2026-03'], '2026-02-27', ['2026-01', '2026-02']],
  ] as const) {
    test(name, () => {
      const u = coveredUntil(from as IsoDate, validTo as IsoDate, ended as IsoDate | null);
      assert.equal(u, until);
      assert.deepEqual(monthsCovered(from as IsoDate, u, months), covered);
    });
  }
  test('4.5% × base salary per month: 105,300 VND a month at 2,340,000 (Decree 73/2024/ND-CP)', () => {
    assert.equal(budgetAmount(Q1), 3 * 105_300);
  });
  test('across the base-salary change of 1 July 2026 (2,530,000, Decree 161/2026/ND-CP): each month at its own base', () => {
    assert.equal(budgetAmount(['2026-06', '2026-07']), 105_300 + 113_850);
    assert.equal(budgetAmount(['2026-04', '2026-05', '2026-06']), 3 * 105_300);
    assert.equal(budgetAmount(['2026-07', '2026-08', '2026-09']), 3 * 113_850);
  });
});

describe('report definitions: layouts as data', () => {
  test('codes are unique, every column key is unique in its report, every report has a totals column and documented sources', () => {
    assert.equal(new Set(REPORTS.map((r) => r.code)).size, REPORTS.length);
    for (const r of REPORTS) {
      assert.equal(new Set(r.columns.map((c) => c.key)).size, r.columns.length, r.code);
      assert.ok(r.columns.some((c) => c.total), r.code);
      for (const c of r.columns) assert.ok(c.header.vi && c.header.en && c.source && c.width > 0, `${r.code}.${c.key}`);
      assert.ok(r.periods.length > 0 && r.roles.length > 0);
    }
  });
});
