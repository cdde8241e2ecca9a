import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentKeys, type DocumentKeys } from '../platform/documents/signer.ts';
import type { Signing } from '../platform/messaging/part-runtime.ts';
import type { Clock } from '../platform/clock.ts';

const ed25519Private = (b64: string): KeyObject => createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });
const ed25519Public = (b64: string): KeyObject => createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });

/**
 * Embedded mode's document signing key: LIENTHONG_DOCUMENT_KEY (Ed25519, base64 PKCS#8 DER, as `lienthong keys
 * generate` prints) or, when unset, one generated on first start into the data folder (mode 0600) — so that a PDF
 * downloaded before a restart still verifies after it. LIENTHONG_DOCUMENT_PREVIOUS_KEYS (comma-separated base64 SPKI)
 * keeps documents signed before a rotation verifiable.
 */
export function documentKeysFromEnv(env: NodeJS.ProcessEnv, dataDir: string): DocumentKeys {
  let b64 = env.LIENTHONG_DOCUMENT_KEY;
  if (!b64) {
    const dir = join(dataDir, 'secrets');
    const path = join(dir, 'document-key');
    if (!existsSync(path)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), { mode: 0o600 });
      chmodSync(path, 0o600);
    }
    b64 = readFileSync(path, 'utf8').trim();
  }
  const previous = (env.LIENTHONG_DOCUMENT_PREVIOUS_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(ed25519Public);
  return documentKeys(ed25519Private(b64), previous);
}

/**
 * Distributed mode: documents are signed with the hub's own message-signing key (under a separate signing domain,
 * platform/documents/signer.ts), so anyone holding the agency registry can check a PDF offline; a document signed
 * with an earlier hub key verifies while the registry still lists that key.
 */
export function documentKeysFromSigning(signing: Signing, clock: Clock): DocumentKeys {
  const own = documentKeys(signing.key.privateKey, [], signing.key.keyId);
  return {
    keyId: own.keyId,
    privateKey: own.privateKey,
    publicKey: (keyId) => own.publicKey(keyId) ?? signing.registry().keyOf('hub', keyId, clock.now()),
  };
}
