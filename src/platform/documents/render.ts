import PDFDocument from 'pdfkit';
import { qrMatrix, type QrMatrix } from './qr-vector.ts';
import { documentFonts } from './font.ts';
import { drawForm } from './layout-form.ts';
import { drawHiCard } from './layout-hi-card.ts';
import { documentDigest, digestText, type DocumentSpec } from './model.ts';
import { signaturePlaceholder, signPdf } from './pdf-signature.ts';
import type { DocumentKeys } from './signer.ts';

export interface RenderOptions {
  /** The platform's public address; the QR code and the printed link point at `${publicUrl}/verify/{code}`. */
  readonly publicUrl: string;
  readonly keys: DocumentKeys;
}

export const verifyUrlOf = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(code)}`;

/** What the layouts draw with. */
export interface Canvas {
  readonly doc: PDFKit.PDFDocument;
  readonly spec: DocumentSpec;
  readonly verifyUrl: string;
  readonly keyId: string;
  readonly qr: QrMatrix;
  readonly extraQr: QrMatrix | null;
}


/**
 * The document as an A4 PDF: DejaVu Sans embedded (Vietnamese diacritics), the verification code and its QR code,
 * the digest in the document information, and a signature over the whole file (pdf-signature.ts). Deterministic:
 * the creation date is the issue date and nothing else varies, so the same document always gives the same bytes.
 */
export async function renderDocument(spec: DocumentSpec, o: RenderOptions): Promise<Buffer> {
  const verifyUrl = verifyUrlOf(o.publicUrl, spec.code);
  const qr = qrMatrix(verifyUrl);
  const extraQr = spec.extraQr ? qrMatrix(spec.extraQr.payload) : null;
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: true,
    info: {
      Title: `${spec.title.vi} / ${spec.title.en}`,
      Author: spec.issuer.name.vi,
      Subject: `Mã xác thực / Verification code: ${spec.code}`,
      Creator: 'lienthong',
      Producer: 'lienthong',
      CreationDate: new Date(`${spec.issuedOn}T00:00:00+07:00`),
      // Custom keys of the information dictionary: the digest a verifier reads, and the signature's placeholder.
      ...({ LienthongDocument: digestText(documentDigest(spec)), LienthongSignature: signaturePlaceholder(o.keys.keyId) } as object),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular');
  const canvas: Canvas = { doc, spec, verifyUrl, keyId: o.keys.keyId, qr, extraQr };
  if (spec.layout === 'hi-card') drawHiCard(canvas);
  else drawForm(canvas);
  doc.end();
  await ended;
  return signPdf(Buffer.concat(chunks), o.keys);
}
