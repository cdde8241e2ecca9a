import { readFileSync, statSync } from 'node:fs';
import { clockFromEnv, type Clock } from '../platform/clock.ts';
import { privateKeyFrom } from '../platform/signing/keys.ts';
import { AgencyRegistry } from '../platform/signing/registry.ts';
import type { Signing } from '../platform/messaging/part-runtime.ts';
import type { AuditKeys } from '../platform/audit/audit-trail.ts';
import { auditKeysFrom } from './secrets.ts';
import { oidcFromEnv } from './config.ts';
import type { OidcOptions } from '../identity/index.ts';

export interface DistributedConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly natsPrefix: string;
  readonly signing: Signing;
  readonly tokenSecret: string;
  /** Seals sensitive fields at rest in this part's database (contracts/sensitive-fields.ts). */
  readonly dataKey: string;
  /** The hub's and the portal's audit trail keys (the trail lives in the hub's database); other parts need none. */
  readonly audit: AuditKeys | undefined;
  readonly clock: Clock;
  readonly logLevel: string;
  /** LIENTHONG_IDENTITY_KEY: the portal's identity part (sign-in); the other processes need none. */
  readonly identityKey: string | undefined;
  /** Citizen sign-in at the portal: the external provider, or the built-in one at LIENTHONG_PUBLIC_URL (default http://localhost:PORT). */
  readonly oidc: OidcOptions | undefined;
}

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const v = env[name];
  if (!v) throw new Error(`${name} is required in distributed mode: ${why}`);
  return v;
}

/**
 * The agency registry from a JSON file, re-read when the file changes (checked at most once a
 * second), so an operator adds a part's next key — or removes an old one — without a restart.
 */
export function registryFromFile(path: string): () => AgencyRegistry {
  let current = AgencyRegistry.from(JSON.parse(readFileSync(path, 'utf8')));
  let mtime = statSync(path).mtimeMs;
  let checked = Date.now();
  return () => {
    if (Date.now() - checked < 1000) return current;
    checked = Date.now();
    try {
      const m = statSync(path).mtimeMs;
      if (m !== mtime) {
        current = AgencyRegistry.from(JSON.parse(readFileSync(path, 'utf8')));
        mtime = m;
      }
    } catch {
      // A half-written or missing file keeps the registry in force; the next check tries again.
    }
    return current;
  };
}

/** Configuration of one distributed-mode process, from the environment; secrets only from there. */
export function distributedConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DistributedConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const tokenSecret = required(env, 'LIENTHONG_TOKEN_SECRET', 'every process verifies the same bearer tokens');
  if (tokenSecret.length < 32) throw new Error('LIENTHONG_TOKEN_SECRET must be at least 32 characters');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: required(env, 'DATABASE_URL', "this part's own PostgreSQL database"),
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    natsPrefix: env.NATS_PREFIX ?? 'lienthong',
    signing: {
      key: {
        keyId: required(env, 'LIENTHONG_SIGNING_KEY_ID', 'the id of this part’s key in the agency registry'),
        privateKey: privateKeyFrom(required(env, 'LIENTHONG_SIGNING_KEY', 'this part signs every message it sends (lienthong keys generate)')),
      },
      registry: registryFromFile(required(env, 'LIENTHONG_REGISTRY', 'the agency registry: every part’s public keys')),
    },
    tokenSecret,
    dataKey: required(env, 'LIENTHONG_DATA_KEY', 'bank accounts and health details are sealed at rest with it (32 random bytes, base64); the hub and the portal share one'),
    audit:
      env.LIENTHONG_AUDIT_SUBJECT_KEY && env.LIENTHONG_AUDIT_ANCHOR_KEY
        ? auditKeysFrom(env.LIENTHONG_AUDIT_SUBJECT_KEY, env.LIENTHONG_AUDIT_ANCHOR_KEY, env.LIENTHONG_AUDIT_ANCHOR_FILE)
        : undefined,
    clock: clockFromEnv(env.LIENTHONG_CLOCK),
    logLevel: env.LOG_LEVEL ?? 'info',
    identityKey: env.LIENTHONG_IDENTITY_KEY || undefined,
    oidc: oidcFromEnv(env, `http://localhost:${port}`),
  };
}
