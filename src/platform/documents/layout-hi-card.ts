import { CONTENT_WIDTH, drawHeader, drawTitle, drawVerification, GREY, INK, PAGE, text } from './layout-common.ts';
import { drawQr } from './qr-vector.ts';
import type { Canvas } from './render.ts';

// The card as VssID shows it: ID-1 size (85.6 × 54 mm), drawn enlarged; front above, back below.
const W = 380;
const H = Math.round((W * 54) / 85.6);
const X = PAGE.margin + (CONTENT_WIDTH - W) / 2;
const BLUE = '#1565a8';

/** The e-HI card: front (holder, card number, facility, validity, QR) and back (the holder's cautions, `spec.notes`), then the verification block. */
export function drawHiCard(c: Canvas): void {
  const { doc, spec } = c;
  const y0 = drawTitle(c, drawHeader(c) - 8, 14) - 6;
  const front = spec.sections[0]?.rows ?? [];

  // Front.
  doc.roundedRect(X, y0, W, H, 10).lineWidth(0.8).fillAndStroke('#f4f8fc', BLUE);
  doc.save();
  doc.roundedRect(X, y0, W, 40, 10).clip();
  doc.rect(X, y0, W, 40).fill(BLUE);
  doc.restore();
  text(c, 'BẢO HIỂM XÃ HỘI VIỆT NAM', X, y0 + 6, { size: 8.5, bold: true, color: '#ffffff', width: W, align: 'center' });
  text(c, 'THẺ BẢO HIỂM Y TẾ', X, y0 + 19, { size: 12, bold: true, color: '#ffffff', width: W, align: 'center' });
  const qr = 84;
  drawQr(doc, c.qr, X + W - qr - 10, y0 + 50, qr);
  let fy = y0 + 48;
  const fw = W - qr - 30;
  for (const r of front) {
    const h = text(c, `${r.label.vi}: `, X + 12, fy, { size: 8, color: GREY, width: fw });
    fy += h - 1;
    fy += text(c, r.value, X + 12, fy, { size: 9.5, bold: true, width: fw, color: INK }) + 2;
  }

  // Back.
  const y1 = y0 + H + 14;
  doc.roundedRect(X, y1, W, H, 10).lineWidth(0.8).fillAndStroke('#fbfbf7', BLUE);
  let by = y1 + 10;
  by += text(c, 'NHỮNG ĐIỀU CẦN CHÚ Ý', X, by, { size: 10, bold: true, width: W, align: 'center', color: BLUE });
  by += text(c, 'What the holder should know', X, by, { size: 7.5, color: GREY, width: W, align: 'center' }) + 4;
  spec.notes.forEach((n, i) => {
    by += text(c, `${i + 1}. ${n.vi}`, X + 14, by, { size: 8, width: W - 28 });
    by += text(c, n.en, X + 24, by, { size: 6.5, color: GREY, width: W - 38 }) + 2;
  });
  drawVerification(c, PAGE.height - PAGE.margin - 112, false);
}
