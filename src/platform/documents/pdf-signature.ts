import { createHash } from 'node:crypto';
import type { DocumentDigest } from './model.ts';
import { signBytes, verifyBytes, type DocumentKeys } from './signer.ts';

/**
 * A signature over the whole PDF file, carried inside it. The renderer writes a placeholder of fixed length
 * into the document information dictionary (`/LienthongSignature (ed25519:<keyId>:AAAA…)`); the signature covers
 * the SHA-256 of every byte of the file with that placeholder in place, and then replaces it, same length.
 * A verifier puts the placeholder back and checks. Any byte changed, added or removed elsewhere — the text on a
 * page, an appended incremental update — breaks it, which metadata alone (a signed digest of the data) would not.
 */
const SIG_LEN = 86; // an Ed25519 signature, 64 bytes, in base64url without padding
const FILLER = 'A'.repeat(SIG_LEN);
const SIG_RE = /\(ed25519:([A-Za-z0-9._-]{1,64}):([A-Za-z0-9_-]{86})\)/g;
const DIGEST_RE = /\((\{"code":"[0-9A-Z-]{1,40}"[^()\\]{0,600}\})\)/g;

export const signaturePlaceholder = (keyId: string) => `ed25519:${keyId}:${FILLER}`;

/** Writes the signature into a PDF rendered with `signaturePlaceholder(keys.keyId)`. */
export function signPdf(pdf: Buffer, keys: DocumentKeys): Buffer {
  const marker = Buffer.from(`(${signaturePlaceholder(keys.keyId)})`, 'latin1');
  const at = pdf.indexOf(marker);
  if (at < 0 || pdf.indexOf(marker, at + 1) >= 0) throw new Error('the PDF must hold the signature placeholder exactly once');
  const sig = signBytes(createHash('sha256').update(pdf).digest(), keys.privateKey).toString('base64url');
  const out = Buffer.from(pdf);
  out.write(sig, at + marker.length - 1 - SIG_LEN, 'latin1');
  return out;
}

export type PdfCheck =
  | { readonly ok: true; readonly keyId: string; readonly digest: DocumentDigest }
  | { readonly ok: false; readonly problem: 'not-a-signed-document' | 'unknown-key' | 'bad-signature' };

/** Whether the bytes are a PDF signed by one of `keys`, unchanged since; and the digest it carries. */
export function checkPdf(pdf: Buffer, keys: DocumentKeys): PdfCheck {
  const text = pdf.toString('latin1');
  const sigs = [...text.matchAll(SIG_RE)];
  const digests = [...text.matchAll(DIGEST_RE)];
  if (!text.startsWith('%PDF-') || sigs.length !== 1 || digests.length !== 1) return { ok: false, problem: 'not-a-signed-document' };
  const [whole, keyId, sig] = sigs[0]! as unknown as [string, string, string];
  const key = keys.publicKey(keyId);
  if (!key) return { ok: false, problem: 'unknown-key' };
  const blanked = Buffer.from(pdf);
  blanked.write(FILLER, sigs[0]!.index! + whole.length - 1 - SIG_LEN, 'latin1');
  if (!verifyBytes(createHash('sha256').update(blanked).digest(), Buffer.from(sig, 'base64url'), key)) return { ok: false, problem: 'bad-signature' };
  let digest: DocumentDigest;
  try {
    digest = JSON.parse(digests[0]![1]!) as DocumentDigest;
  } catch {
    return { ok: false, problem: 'not-a-signed-document' };
  }
  return { ok: true, keyId, digest };
}
