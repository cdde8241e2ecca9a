import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditKeys } from '../platform/audit/audit-trail.ts';

/**
 * A secret from the environment when set (distributed mode, production); otherwise, for embedded mode,
 * one generated on first start and kept in the data folder (mode 0600). Never in the repository.
 */
function secret(env: NodeJS.ProcessEnv, name: string, dataDir: string, file: string, make: () => string): string {
  const v = env[name];
  if (v) return v;
  const dir = join(dataDir, 'secrets');
  const path = join(dir, file);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(path, make(), { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return readFileSync(path, 'utf8').trim();
}

/** The token-signing secret: LIENTHONG_TOKEN_SECRET, or generated into the data folder. */
export function tokenSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  return secret(env, 'LIENTHONG_TOKEN_SECRET', dataDir, 'token-secret', () => randomBytes(48).toString('base64url'));
}

/**
 * The audit trail's keys: LIENTHONG_AUDIT_SUBJECT_KEY (keys the hash that stands for a person) and
 * LIENTHONG_AUDIT_ANCHOR_KEY (Ed25519, base64 PKCS#8, signs the chain's head); anchors also go to
 * LIENTHONG_AUDIT_ANCHOR_FILE (default: the data folder), a store apart from the database.
 */
export function auditKeys(env: NodeJS.ProcessEnv, dataDir: string): AuditKeys {
  const anchor = secret(env, 'LIENTHONG_AUDIT_ANCHOR_KEY', dataDir, 'audit-anchor-key', () =>
    generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  );
  const subjectKey = secret(env, 'LIENTHONG_AUDIT_SUBJECT_KEY', dataDir, 'audit-subject-key', () => randomBytes(32).toString('base64url'));
  return auditKeysFrom(subjectKey, anchor, env.LIENTHONG_AUDIT_ANCHOR_FILE ?? join(dataDir, 'audit-anchors.jsonl'));
}

/** The audit keys from their text forms: the subject key, the anchor key (Ed25519, base64 PKCS#8), the anchor file. */
export function auditKeysFrom(subjectKey: string, anchorKeyPkcs8: string, anchorFile: string | undefined): AuditKeys {
  const anchorPrivateKey = createPrivateKey({ key: Buffer.from(anchorKeyPkcs8, 'base64'), format: 'der', type: 'pkcs8' });
  return { subjectKey, anchorPrivateKey, anchorPublicKey: createPublicKey(anchorPrivateKey), ...(anchorFile ? { anchorFile } : {}) };
}

/** A fresh anchor key in the form LIENTHONG_AUDIT_ANCHOR_KEY takes (base64 PKCS#8 Ed25519). */
export function newAuditAnchorKey(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

/** Keys for a run that keeps nothing (tests, the benchmark). */
export function ephemeralAuditKeys(): AuditKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { subjectKey: randomBytes(32).toString('base64url'), anchorPrivateKey: privateKey, anchorPublicKey: publicKey };
}

/** LIENTHONG_IDENTITY_KEY: seals TOTP secrets and the built-in identity provider's key (32 random bytes). */
export function identityKey(env: NodeJS.ProcessEnv, dataDir: string): string {
  return secret(env, 'LIENTHONG_IDENTITY_KEY', dataDir, 'identity-key', () => randomBytes(32).toString('base64'));
}

/**
 * LIENTHONG_DATA_KEY: seals sensitive personal data at rest — bank accounts, health details (Decree 13/2023/ND-CP
 * art. 2(4)) — in every part's database (32 random bytes). In distributed mode each part's process is given it.
 */
export function dataKey(env: NodeJS.ProcessEnv, dataDir: string): string {
  return secret(env, 'LIENTHONG_DATA_KEY', dataDir, 'data-key', () => randomBytes(32).toString('base64'));
}
