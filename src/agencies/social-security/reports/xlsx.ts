import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { TOTAL_LABEL, titleLines, type DrawnReport } from './model.ts';

const NUMBER_FORMAT = { integer: '#,##0', money: '#,##0' } as const;

/**
 * A report as an XLSX workbook, with exceljs's streaming writer (rows are committed as they are written, so a
 * province's year of cards does not build a whole workbook in memory): the title block, the Vietnamese headers with
 * the English ones under them, one row per record numbered (STT), and the totals row.
 */
export async function writeXlsx(r: DrawnReport): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'lienthong';
  wb.created = new Date(`${r.drawnOn}T00:00:00+07:00`);
  const cols = r.definition.columns;
  const ws = wb.addWorksheet(r.definition.code, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, ...cols.map((c) => ({ width: c.width }))];
  for (const [i, line] of titleLines(r).entries()) {
    const row = ws.addRow([line]);
    row.font = { bold: i === 1, size: i === 1 ? 13 : 10 };
    row.commit();
  }
  ws.addRow([]).commit();
  const head = ws.addRow(['STT', ...cols.map((c) => c.header.vi)]);
  head.font = { bold: true };
  head.commit();
  const headEn = ws.addRow(['No.', ...cols.map((c) => c.header.en)]);
  headEn.font = { italic: true, size: 9 };
  headEn.commit();
  for (const [i, rec] of r.rows.entries()) {
    const row = ws.addRow([i + 1, ...cols.map((c) => rec[c.key] ?? null)]);
    cols.forEach((c, j) => {
      if (c.type === 'integer' || c.type === 'money') row.getCell(j + 2).numFmt = NUMBER_FORMAT[c.type];
    });
    row.commit();
  }
  const total = ws.addRow([`${TOTAL_LABEL.vi} / ${TOTAL_LABEL.en}`, ...cols.map((c) => (c.total ? r.totals[c.key] ?? 0 : null))]);
  total.font = { bold: true };
  cols.forEach((c, j) => {
    if (c.total) total.getCell(j + 2).numFmt = '#,##0';
  });
  total.commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
