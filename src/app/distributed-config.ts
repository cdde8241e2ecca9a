import { readFileSync, statSync } from 'node:fs';
import { clockFromEnv, type Clock } from '../platform/clock.ts';
import { privateKeyFrom } from '../platform/signing/keys.ts';
import { AgencyRegistry } from '../platform/signing/registry.ts';
import type { Signing } from '../platform/messaging/part-runtime.ts';

export interface DistributedConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly natsPrefix: string;
  readonly signing: Signing;
  readonly tokenSecret: string;
  readonly clock: Clock;
  readonly logLevel: string;
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
    clock: clockFromEnv(env.LIENTHONG_CLOCK),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
