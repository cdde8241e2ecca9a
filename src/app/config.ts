import { resolve } from 'node:path';
import { clockFromEnv, type Clock } from '../platform/clock.ts';
import type { AuditKeys } from '../platform/audit/audit-trail.ts';
import { auditKeys, tokenSecret } from './secrets.ts';

export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  /** PGlite files live here in embedded mode; the embedded token secret too. */
  readonly dataDir: string;
  /** A PostgreSQL server instead of PGlite. */
  readonly databaseUrl: string | undefined;
  readonly clock: Clock;
  readonly tokenSecret: string;
  readonly audit: AuditKeys;
  readonly logLevel: string;
}

/** Configuration from the environment; every setting has a default that runs on a laptop. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    clock: clockFromEnv(env.LIENTHONG_CLOCK),
    tokenSecret: tokenSecret(env, dataDir),
    audit: auditKeys(env, dataDir),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
