import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ~30 ms per hash on these machines. */
/** `Algorithm.Argon2id` (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2 as Algorithm.Argon2id;
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, PARAMS);
}

/** Whether `secret` matches `encoded`; false (never a throw) for a malformed hash. */
export async function verifySecret(encoded: string, secret: string): Promise<boolean> {
  try {
    return await verify(encoded, secret);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the time of one verification when there is no account to verify against, so an unknown username
 * answers no faster than a wrong password (no account enumeration by timing).
 */
export async function burnVerification(secret: string): Promise<void> {
  dummy ??= hashSecret(randomBytes(16).toString('base64url'));
  await verifySecret(await dummy, secret);
}

/** A random password or client secret: `bytes` random bytes in base64url (24 characters for 18 bytes). */
export function randomSecret(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}
