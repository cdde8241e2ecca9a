import { sign, verify } from 'node:crypto';
import type { Envelope } from '../../contracts/envelope.ts';
import { canonicalJson } from './canonical.ts';
import type { SigningKey } from './keys.ts';
import type { AgencyRegistry } from './registry.ts';

/**
 * Signatures read `ed25519:<keyId>:<base64url>`: the key id lets a receiver hold two keys of a sender
 * while it rotates (the old one until its `notAfter`, the new one from its `notBefore`).
 */
const PREFIX = 'ed25519:';

function signedBytes(e: Envelope): Buffer {
  const { signature: _ignored, ...rest } = e;
  return Buffer.from(canonicalJson(rest));
}

export function signEnvelope<P>(e: Envelope<P>, key: SigningKey): Envelope<P> {
  const sig = sign(null, signedBytes(e as Envelope), key.privateKey).toString('base64url');
  return Object.freeze({ ...e, signature: `${PREFIX}${key.keyId}:${sig}` });
}

/** Why a received envelope may not be applied — unsigned, forged, an unknown sender or key, a type it may not send — or null. */
export function envelopeProblem(e: Envelope, registry: AgencyRegistry, receiver: string, at: Date): string | null {
  if (!registry.knows(e.sender)) return `unknown sender ${e.sender}`;
  if (!e.signature) return 'unsigned';
  if (!e.signature.startsWith(PREFIX)) return 'signature scheme not accepted';
  const rest = e.signature.slice(PREFIX.length);
  const cut = rest.indexOf(':');
  if (cut <= 0) return 'malformed signature';
  const keyId = rest.slice(0, cut);
  const key = registry.keyOf(e.sender, keyId, at);
  if (!key) return `no valid key ${keyId} for ${e.sender}`;
  let ok = false;
  try {
    ok = verify(null, signedBytes(e), key, Buffer.from(rest.slice(cut + 1), 'base64url'));
  } catch {
    ok = false;
  }
  if (!ok) return 'bad signature';
  if (!registry.maySend(e.sender, e.type)) return `${e.sender} may not send ${e.type}`;
  if (e.recipient !== receiver || !registry.mayReceive(e.recipient, e.type)) return `${receiver} does not receive ${e.type} addressed to ${e.recipient}`;
  return null;
}
