import QRCode from 'qrcode';

/** A QR code's modules, drawn as vector squares: sharp at any print size, and the same PDF bytes every time. */
export interface QrMatrix {
  readonly size: number;
  readonly dark: Uint8Array;
}

export function qrMatrix(text: string): QrMatrix {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: q.modules.size, dark: Uint8Array.from(q.modules.data) };
}

/**
 * Draws the code in a `side`-point square at (x, y), with a one-module quiet zone inside the square. Vector, not a PNG:
 * pdfkit embeds PNG images asynchronously, so two images in one document could be written in either order and the
 * bytes of the file — which the document's signature covers — would vary from one rendering to the next.
 */
export function drawQr(doc: PDFKit.PDFDocument, m: QrMatrix, x: number, y: number, side: number): void {
  const cell = side / (m.size + 2);
  doc.save();
  doc.rect(x, y, side, side).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < m.size; r++)
    for (let c = 0; c < m.size; c++) if (m.dark[r * m.size + c]) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell);
  doc.fill();
  doc.restore();
}
