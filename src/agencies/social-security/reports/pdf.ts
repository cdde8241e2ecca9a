import PDFDocument from 'pdfkit';
import { documentFonts } from '../../../platform/documents/font.ts';
import type { Cell, Column } from './definition.ts';
import { TOTAL_LABEL, titleLines, type DrawnReport } from './model.ts';

const MARGIN = 28;
const ROW_H = 13;
const FONT_SIZE = 7;
const NO_WIDTH = 7;

const formatted = (c: Column | null, v: Cell | undefined): string => {
  if (v === null || v === undefined) return '';
  if (c && (c.type === 'integer' || c.type === 'money')) return new Intl.NumberFormat('vi-VN').format(Number(v));
  if (c?.type === 'date' && typeof v === 'string') return v.split('-').reverse().join('/');
  return String(v);
};

/**
 * A report as a landscape A4 PDF with the platform's DejaVu Sans (every Vietnamese letter): the title block, a table
 * whose header (Vietnamese over English) is drawn again on every page, and the totals row. Deterministic: the creation
 * date is the day drawn, so the same report gives the same bytes. Reports are internal lists, not signed documents.
 */
export async function writePdf(r: DrawnReport): Promise<Buffer> {
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    compress: true,
    info: { Title: `${r.definition.code} ${r.period.text}`, Author: 'Bảo hiểm xã hội Việt Nam', Creator: 'lienthong', Producer: 'lienthong', CreationDate: new Date(`${r.drawnOn}T00:00:00+07:00`) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const cols = r.definition.columns;
  const usable = doc.page.width - 2 * MARGIN;
  const unit = usable / (NO_WIDTH + cols.reduce((s, c) => s + c.width, 0));
  const widths = [NO_WIDTH * unit, ...cols.map((c) => c.width * unit)];
  const bottom = () => doc.page.height - MARGIN - ROW_H;
  let y = MARGIN;
  let page = 1;

  const drawRow = (cells: string[], font: 'regular' | 'bold', height = ROW_H, numeric: boolean[] = []) => {
    let x = MARGIN;
    doc.font(font).fontSize(FONT_SIZE);
    cells.forEach((text, i) => {
      const w = widths[i]!;
      doc.rect(x, y, w, height).lineWidth(0.4).stroke('#555555');
      doc.fillColor('#000000').text(text, x + 2, y + 3, { width: w - 4, height: height - 4, align: numeric[i] ? 'right' : 'left', ellipsis: true, lineBreak: height > ROW_H });
      x += w;
    });
    y += height;
  };
  const header = () => {
    drawRow(['STT', ...cols.map((c) => c.header.vi)], 'bold', ROW_H * 2.4);
    drawRow(['No.', ...cols.map((c) => c.header.en)], 'regular', ROW_H * 1.7);
  };
  const footer = () => {
    // Written in the bottom margin: with the margin kept, pdfkit would start a new page for it.
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(FONT_SIZE).text(`${r.definition.code} · ${r.period.label.vi} · Trang / Page ${page}`, MARGIN, doc.page.height - MARGIN + 6, { width: usable, align: 'right', lineBreak: false });
    doc.page.margins.bottom = keep;
  };
  const newPageIfFull = () => {
    if (y <= bottom()) return;
    footer();
    doc.addPage();
    page += 1;
    y = MARGIN;
    header();
  };

  for (const [i, line] of titleLines(r).entries()) {
    doc.font(i === 1 ? 'bold' : 'regular').fontSize(i === 1 ? 12 : 8).text(line, MARGIN, y, { width: usable, lineBreak: false, ellipsis: true });
    y += i === 1 ? 16 : 11;
  }
  y += 6;
  header();
  const numeric = [true, ...cols.map((c) => c.type === 'integer' || c.type === 'money')];
  for (const [i, rec] of r.rows.entries()) {
    newPageIfFull();
    drawRow([String(i + 1), ...cols.map((c) => formatted(c, rec[c.key]))], 'regular', ROW_H, numeric);
  }
  newPageIfFull();
  drawRow([TOTAL_LABEL.vi, ...cols.map((c) => (c.total ? formatted(c, r.totals[c.key] ?? 0) : ''))], 'bold', ROW_H, numeric);
  footer();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
