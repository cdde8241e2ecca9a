import { resolve } from 'node:path';
import { clockFromEnv, type Clock } from '../platform/clock.ts';
import type { AuditKeys } from '../platform/audit/audit-trail.ts';
import { auditKeys, dataKey, identityKey, tokenSecret } from './secrets.ts';
import type { OidcOptions } from '../identity/index.ts';

export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  /** PGlite files live here in embedded mode; the embedded token secret too. */
  readonly dataDir: string;
  /** A PostgreSQL server instead of PGlite. */
  readonly databaseUrl: string | undefined;
  /**
   * LIENTHONG_MIGRATION_DATABASE_URL: a second login to the same server database that owns the audit schema and runs
   * its migrations, so DATABASE_URL's login may only insert and select on the trail. Unset: DATABASE_URL's login
   * does it, with a warning at start-up that only the triggers guard the trail.
   */
  readonly migrationDatabaseUrl: string | undefined;
  readonly clock: Clock;
  readonly tokenSecret: string;
  readonly audit: AuditKeys;
  readonly identityKey: string;
  /** Seals bank accounts and health details at rest (LIENTHONG_DATA_KEY). */
  readonly dataKey: string;
  /** Citizen sign-in (OpenID Connect): on when LIENTHONG_PUBLIC_URL is set, or in embedded mode at http://localhost:PORT. */
  readonly oidc: OidcOptions | undefined;
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
    migrationDatabaseUrl: env.LIENTHONG_MIGRATION_DATABASE_URL || undefined,
    clock: clockFromEnv(env.LIENTHONG_CLOCK),
    tokenSecret: tokenSecret(env, dataDir),
    audit: auditKeys(env, dataDir),
    identityKey: identityKey(env, dataDir),
    dataKey: dataKey(env, dataDir),
    oidc: oidcFromEnv(env, `http://localhost:${port}`),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

/** The identity provider: an external one when LIENTHONG_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are all set, else the built-in one. */
export function oidcFromEnv(env: NodeJS.ProcessEnv, defaultPublicUrl: string | undefined): OidcOptions | undefined {
  const publicUrl = env.LIENTHONG_PUBLIC_URL ?? defaultPublicUrl;
  if (!publicUrl) return undefined;
  const { LIENTHONG_OIDC_ISSUER: issuer, LIENTHONG_OIDC_CLIENT_ID: clientId, LIENTHONG_OIDC_CLIENT_SECRET: clientSecret } = env;
  if ([issuer, clientId, clientSecret].filter(Boolean).length % 3 !== 0)
    throw new Error('set all of LIENTHONG_OIDC_ISSUER, LIENTHONG_OIDC_CLIENT_ID and LIENTHONG_OIDC_CLIENT_SECRET, or none (the built-in provider)');
  return {
    publicUrl,
    ...(issuer && clientId && clientSecret ? { provider: { issuer, clientId, clientSecret } } : {}),
    ...(env.LIENTHONG_OIDC_REDIRECT_URI ? { redirectUri: env.LIENTHONG_OIDC_REDIRECT_URI } : {}),
    ...(env.LIENTHONG_OIDC_PIN_CLAIM ? { pinClaim: env.LIENTHONG_OIDC_PIN_CLAIM } : {}),
  };
}
