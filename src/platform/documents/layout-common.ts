import type { Canvas } from './render.ts';
import { drawQr } from './qr-vector.ts';
import type { Bilingual } from './model.ts';

export const PAGE = { width: 595.28, height: 841.89, margin: 50 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const GREY = '#555555';
export const INK = '#111111';

/** Text as it is printed: composed (NFC), so that a name typed with combining marks uses the font's precomposed letters. */
export const nfc = (s: string) => s.normalize('NFC');

export function text(c: Canvas, s: string, x: number, y: number, o: { size?: number; bold?: boolean; color?: string; width?: number; align?: 'left' | 'center' | 'right' } = {}): number {
  const { doc } = c;
  doc.font(o.bold ? 'bold' : 'regular').fontSize(o.size ?? 10).fillColor(o.color ?? INK);
  const opts = { width: o.width ?? CONTENT_WIDTH, align: o.align ?? 'left', lineBreak: true } as const;
  doc.text(nfc(s), x, y, opts);
  return doc.heightOfString(nfc(s), opts);
}

/** The national heading, left the issuing agency, right the country's motto; no emblem. */
export function drawHeader(c: Canvas): number {
  const { doc, spec } = c;
  const top = PAGE.margin;
  const leftW = 230;
  const rightX = PAGE.margin + 250;
  const rightW = CONTENT_WIDTH - 250;
  let ly = top;
  ly += text(c, spec.issuer.name.vi.toLocaleUpperCase('vi'), PAGE.margin, ly, { size: 9, bold: true, width: leftW, align: 'center' });
  if (spec.issuer.place) ly += text(c, spec.issuer.place, PAGE.margin, ly, { size: 8.5, width: leftW, align: 'center' });
  ly += text(c, spec.issuer.name.en, PAGE.margin, ly + 1, { size: 7, color: GREY, width: leftW, align: 'center' }) + 1;
  doc.moveTo(PAGE.margin + leftW / 2 - 35, ly + 3).lineTo(PAGE.margin + leftW / 2 + 35, ly + 3).lineWidth(0.6).strokeColor(INK).stroke();
  let ry = top;
  ry += text(c, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, ry, { size: 9.5, bold: true, width: rightW, align: 'center' });
  ry += text(c, 'Độc lập - Tự do - Hạnh phúc', rightX, ry + 1, { size: 9.5, bold: true, width: rightW, align: 'center' }) + 1;
  doc.moveTo(rightX + rightW / 2 - 62, ry + 2).lineTo(rightX + rightW / 2 + 62, ry + 2).lineWidth(0.6).stroke();
  ry += text(c, 'Socialist Republic of Viet Nam — Independence, Freedom, Happiness', rightX, ry + 6, { size: 7, color: GREY, width: rightW, align: 'center' }) + 6;
  return Math.max(ly, ry) + 18;
}

export function drawTitle(c: Canvas, y: number, size = 17): number {
  const { spec } = c;
  // A long title (a decision's) in a smaller size, to stay on one or two lines.
  const fit = spec.title.vi.length > 36 ? Math.min(size, 13) : size;
  y += text(c, spec.title.vi.toLocaleUpperCase('vi'), PAGE.margin, y, { size: fit, bold: true, align: 'center' });
  y += text(c, spec.title.en, PAGE.margin, y + 2, { size: 10, color: GREY, align: 'center' }) + 2;
  if (spec.number) y += text(c, `Số / No.: ${spec.number}`, PAGE.margin, y + 6, { size: 10, align: 'center' }) + 6;
  return y + 14;
}

export const bilingual = (l: Bilingual) => `${l.vi} / ${l.en}`;

/** "ngày 24 tháng 01 năm 2025" — how Vietnamese documents write the date of issue. */
export function vietnameseDate(iso: string): string {
  return `ngày ${iso.slice(8, 10)} tháng ${iso.slice(5, 7)} năm ${iso.slice(0, 4)}`;
}

/** The verification block: QR code (unless drawn elsewhere), the code, where to check it, the signing key. */
export function drawVerification(c: Canvas, y: number, withQr = true): void {
  const { doc, spec } = c;
  const size = 96;
  const x0 = PAGE.margin;
  doc.roundedRect(x0, y, CONTENT_WIDTH, size + 16, 6).lineWidth(0.6).strokeColor('#888888').stroke();
  if (withQr) drawQr(doc, c.qr, x0 + 8, y + 8, size);
  const tx = withQr ? x0 + size + 20 : x0 + 12;
  const tw = CONTENT_WIDTH - (tx - x0) - 10;
  let ty = y + 9;
  ty += text(c, 'Mã xác thực / Verification code', tx, ty, { size: 8, color: GREY, width: tw });
  ty += text(c, spec.code, tx, ty + 1, { size: 15, bold: true, width: tw }) + 3;
  ty += text(c, `Kiểm tra tại / Check at: ${c.verifyUrl}`, tx, ty, { size: 8, width: tw });
  ty += text(c, `Ký số Ed25519, khóa / Signed with Ed25519 key ${c.keyId}`, tx, ty + 2, { size: 7.5, color: GREY, width: tw }) + 2;
  text(
    c,
    'Văn bản điện tử có chữ ký số: mọi thay đổi trên tệp làm chữ ký mất hiệu lực. / An electronically signed document: any change to the file invalidates the signature.',
    tx,
    ty + 2,
    { size: 7, color: GREY, width: tw },
  );
}
