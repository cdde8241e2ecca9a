import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { d103 } from '../../src/agencies/social-security/reports/d103-ts.ts';
import { totalsOf } from '../../src/agencies/social-security/reports/definition.ts';
import type { DrawnReport } from '../../src/agencies/social-security/reports/model.ts';
import { isPeriod, parsePeriod } from '../../src/agencies/social-security/reports/period.ts';
import { writePdf } from '../../src/agencies/social-security/reports/pdf.ts';
import { writeXlsx } from '../../src/agencies/social-security/reports/xlsx.ts';

/** A province's month of cards, made up (no database): enough rows to need several PDF pages. */
function bigReport(n: number): DrawnReport {
  const period = parsePeriod('2025-01');
  assert.ok(isPeriod(period));
  const rows = Array.from({ length: n }, (_, i) => ({
    siCode: String(3500000000 + i),
    cardNumber: `TE135${String(3500000000 + i)}`,
    districtCode: '347',
    communeCode: '13366',
    validFrom: '2025-01-20',
    validTo: '2031-09-30',
    initialFacility: '35001',
    listedOn: '2025-01-24',
  }));
  return { definition: d103, area: { provinceCode: '35' }, period, rows, totals: totalsOf(d103.columns, rows), drawnOn: '2025-02-01' };
}

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

test('PDF: a long report breaks onto several landscape pages, the header drawn again on each; the same report gives the same bytes', async () => {
  const one = await writePdf(bigReport(3));
  const many = await writePdf(bigReport(150));
  assert.equal(many.subarray(0, 5).toString(), '%PDF-');
  assert.equal(pages(one), 1);
  assert.ok(pages(many) >= 4, `${pages(many)} pages`);
  assert.match(many.toString('latin1'), /\/MediaBox \[0 0 841\.89 595\.28\]/, 'A4 landscape');
  assert.ok((await writePdf(bigReport(150))).equals(many), 'deterministic');
});

test('XLSX: every row written and read back, numbered, with the totals row last', async () => {
  const r = bigReport(1_000);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeXlsx(r)) as never);
  const ws = wb.worksheets[0]!;
  const firstCol: unknown[] = [];
  ws.eachRow((row) => firstCol.push(row.getCell(1).value));
  const head = firstCol.indexOf('STT');
  assert.equal(firstCol[head + 2], 1);
  assert.equal(firstCol[head + 1 + 1_000], 1_000);
  assert.match(String(firstCol.at(-1)), /^Tổng cộng/);
  const lastRow = ws.getRow(ws.rowCount);
  assert.equal(lastRow.getCell(3).value, 1_000, 'the count of card numbers');
});
