import { randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O or U, so a code read aloud or typed from paper is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random code printed on a result document, by which anyone can check the document is genuine. */
export function verificationCode(length = 12): string {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return s.replace(/(.{4})(?!$)/g, '$1-');
}
