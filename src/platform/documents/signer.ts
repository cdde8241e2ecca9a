import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The key that signs printed documents (Ed25519) and the public keys that verify them. The key id names the
 * key in every signature, so documents signed before a rotation still verify with the previous public key.
 */
export interface DocumentKeys {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  /** The public key for a key id, or undefined when the id is not (or no longer) trusted. */
  publicKey(keyId: string): KeyObject | undefined;
}

/** A key id derived from the public key itself: no separate setting to keep in step. */
export function keyIdOf(publicKey: KeyObject): string {
  return `doc-${createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16)}`;
}

/** Keys from a private key, trusting also the given earlier public keys (a rotation's overlap). */
export function documentKeys(privateKey: KeyObject, previous: readonly KeyObject[] = [], keyId?: string): DocumentKeys {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the document signing key must be Ed25519');
  const own = createPublicKey(privateKey);
  const id = keyId ?? keyIdOf(own);
  const known = new Map<string, KeyObject>([[id, own], ...previous.map((k) => [keyIdOf(k), k] as const)]);
  return { keyId: id, privateKey, publicKey: (k) => known.get(k) };
}

/** A key for a run that keeps nothing (tests, the benchmark): its documents verify only while it runs. */
export function ephemeralDocumentKeys(): DocumentKeys {
  return documentKeys(generateKeyPairSync('ed25519').privateKey);
}

/** Domain separation: a document signature can never be taken for a message's, nor the other way round. */
const DOMAIN = Buffer.from('lienthong-document-pdf-v1\n');

export function signBytes(hash: Buffer, key: KeyObject): Buffer {
  return sign(null, Buffer.concat([DOMAIN, hash]), key);
}

export function verifyBytes(hash: Buffer, signature: Buffer, key: KeyObject): boolean {
  try {
    return verify(null, Buffer.concat([DOMAIN, hash]), key, signature);
  } catch {
    return false;
  }
}
