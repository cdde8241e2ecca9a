import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A part's signing key: its id (named in every signature) and the Ed25519 private key. */
export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
}

/** A new Ed25519 key pair, as text an operator puts in the environment (private) and the registry (public). */
export function generateSigningKey(keyId: string): { keyId: string; privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyId,
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** base64 PKCS#8 DER (what `lienthong keys generate` prints) → a private key; refuses anything but Ed25519. */
export function privateKeyFrom(base64: string): KeyObject {
  const k = createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });
  if (k.asymmetricKeyType !== 'ed25519') throw new Error(`signing key must be Ed25519, not ${k.asymmetricKeyType}`);
  return k;
}

/** base64 SPKI DER → a public key; refuses anything but Ed25519. */
export function publicKeyFrom(base64: string): KeyObject {
  const k = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
  if (k.asymmetricKeyType !== 'ed25519') throw new Error(`public key must be Ed25519, not ${k.asymmetricKeyType}`);
  return k;
}
