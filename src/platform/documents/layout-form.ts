import { CONTENT_WIDTH, drawHeader, drawTitle, drawVerification, GREY, nfc, PAGE, text, vietnameseDate } from './layout-common.ts';
import { drawQr } from './qr-vector.ts';
import type { Canvas } from './render.ts';

const LABEL_W = 195;
const VALUE_X = PAGE.margin + LABEL_W + 12;
const VALUE_W = CONTENT_WIDTH - LABEL_W - 12;
const FOOTER_H = 112;
const BOTTOM = PAGE.height - PAGE.margin - FOOTER_H - 12;

/** Certificates, confirmations and decisions: heading, title, labelled rows (Vietnamese over English), notes, signature line, verification. */
export function drawForm(c: Canvas): void {
  const { doc, spec } = c;
  let y = drawTitle(c, drawHeader(c));
  const room = (h: number) => {
    if (y + h <= BOTTOM) return;
    doc.addPage();
    y = PAGE.margin;
  };
  for (const s of spec.sections) {
    if (s.heading) {
      room(34);
      y += text(c, s.heading.vi, PAGE.margin, y, { size: 10.5, bold: true });
      y += text(c, s.heading.en, PAGE.margin, y, { size: 7.5, color: GREY }) + 4;
    }
    for (const r of s.rows) {
      doc.font('regular').fontSize(10);
      const hv = doc.heightOfString(nfc(r.value || '—'), { width: VALUE_W });
      doc.fontSize(9.5);
      const hl = doc.heightOfString(nfc(r.label.vi), { width: LABEL_W }) + doc.fontSize(7).heightOfString(r.label.en, { width: LABEL_W });
      room(Math.max(hv, hl) + 3);
      const l = text(c, r.label.vi, PAGE.margin, y, { size: 9.5, width: LABEL_W });
      text(c, r.label.en, PAGE.margin, y + l, { size: 7, color: GREY, width: LABEL_W });
      text(c, r.value || '—', VALUE_X, y, { size: 10, bold: true, width: VALUE_W });
      y += Math.max(hv, hl) + 3;
    }
    y += 5;
  }
  // Below the content: notes (and a payment QR) on the left; the issuer's line on the right, beside them.
  const SIGN_W = 215;
  const NOTES_W = CONTENT_WIDTH - SIGN_W - 16;
  room(50);
  const top = y;
  const sx = PAGE.margin + NOTES_W + 16;
  let sy = top + 2;
  sy += text(c, `${spec.issuer.place ? `${spec.issuer.place}, ` : ''}${vietnameseDate(spec.issuedOn)}`, sx, sy, { size: 9, width: SIGN_W, align: 'center' });
  sy += text(c, `Issued on ${spec.issuedOn}`, sx, sy, { size: 7.5, color: GREY, width: SIGN_W, align: 'center' });
  sy += text(c, spec.issuer.name.vi.toLocaleUpperCase('vi'), sx, sy + 4, { size: 9, bold: true, width: SIGN_W, align: 'center' }) + 4;
  text(c, '(Đã ký số / Digitally signed)', sx, sy, { size: 8, color: GREY, width: SIGN_W, align: 'center' });
  for (const n of spec.notes) {
    doc.font('regular').fontSize(8.5);
    const h = doc.heightOfString(nfc(n.vi), { width: NOTES_W }) + doc.fontSize(7.5).heightOfString(nfc(n.en), { width: NOTES_W }) + 6;
    room(h);
    y += text(c, n.vi, PAGE.margin, y, { size: 8.5, width: NOTES_W });
    y += text(c, n.en, PAGE.margin, y, { size: 7.5, color: GREY, width: NOTES_W }) + 6;
  }
  if (c.extraQr && spec.extraQr) {
    room(96);
    drawQr(doc, c.extraQr, PAGE.margin, y + 2, 92);
    text(c, spec.extraQr.caption.vi, PAGE.margin + 102, y + 18, { size: 9, bold: true, width: NOTES_W - 102 });
    text(c, spec.extraQr.caption.en, PAGE.margin + 102, y + 48, { size: 8, color: GREY, width: NOTES_W - 102 });
  }
  drawVerification(c, PAGE.height - PAGE.margin - FOOTER_H);
}
