import { createHash } from 'node:crypto';
import { canonicalJson } from '../signing/canonical.ts';

/** A label or text in Vietnamese (what is legally printed) and English (for readers who need it). */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export interface DocumentRow {
  readonly label: Bilingual;
  readonly value: string;
}

export interface DocumentSection {
  readonly heading?: Bilingual;
  readonly rows: readonly DocumentRow[];
}

/** The kinds of documents the platform prints (DOMAIN.md §7). One list; routes and tests derive from it. */
export const DOCUMENT_KINDS = [
  'birth-certificate-extract',
  'residence-confirmation',
  'hi-card',
  'death-certificate-extract',
  'residence-deregistration-confirmation',
  'vss-decision',
  'voluntary-si-registration',
  'si-book-cover-sheet',
  'payment-voucher',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Everything printed on a document, as data: the renderer draws it, and its canonical JSON is what the
 * signature's digest covers. Two renderings of the same spec are byte for byte the same PDF.
 */
export interface DocumentSpec {
  readonly kind: DocumentKind;
  /** The verification code printed on it (platform/verification-code.ts). */
  readonly code: string;
  readonly title: Bilingual;
  /** The issuing agency (a part's name) and how its name is printed. */
  readonly issuer: { readonly agency: string; readonly name: Bilingual; readonly place: string | null };
  readonly issuedOn: string;
  /** The document's own number (certificate, decision, card), when it has one. */
  readonly number: string | null;
  readonly layout: 'form' | 'hi-card';
  readonly sections: readonly DocumentSection[];
  /** Printed under the content: legal basis, explanations, cautions. */
  readonly notes: readonly Bilingual[];
  /** A second QR code printed with its caption (a VietQR payment payload), if any. */
  readonly extraQr?: { readonly payload: string; readonly caption: Bilingual } | undefined;
}

/** What the signature binds: which document, by whom, when, and a hash of everything printed on it. */
export interface DocumentDigest {
  readonly v: 1;
  readonly code: string;
  readonly kind: DocumentKind;
  readonly issuer: string;
  readonly issuedOn: string;
  readonly contentSha256: string;
}

export function documentDigest(spec: DocumentSpec): DocumentDigest {
  return {
    v: 1,
    code: spec.code,
    kind: spec.kind,
    issuer: spec.issuer.agency,
    issuedOn: spec.issuedOn,
    contentSha256: createHash('sha256').update(canonicalJson(spec)).digest('hex'),
  };
}

/** The digest as printed into the PDF: canonical JSON, ASCII only (non-ASCII escaped), so it reads back verbatim. */
export function digestText(d: DocumentDigest): string {
  return canonicalJson(d).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
