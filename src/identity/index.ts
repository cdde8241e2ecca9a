import type { FastifyPluginAsync } from 'fastify';
import type { AuditTrail } from '../platform/audit/audit-trail.ts';
import type { TokenService } from '../platform/auth/tokens.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/db.ts';
import type { SchemaMigrations } from '../platform/db/migrate.ts';
import type { Logger } from '../platform/log/logger.ts';
import { identityMigrations } from './migrations.ts';
import { resolveOidc, type OidcOptions } from './oidc/options.ts';
import { identityRoutes } from './routes.ts';
import { IdentityKeys } from './secret-box.ts';
import { IdentityService } from './service.ts';
import { TokenRevocations } from './revocations.ts';

export type { OidcOptions } from './oidc/options.ts';
export { createOfficer, IdentityService } from './service.ts';
export { IdentityKeys } from './secret-box.ts';
export type { NewOfficer } from './domain/officer-rules.ts';
export type { CreatedOfficer } from './officers.ts';
export type { CitizenEnrolment } from './citizens.ts';

export interface IdentityOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly tokens: TokenService;
  readonly audit: AuditTrail;
  readonly log: Logger;
  /** LIENTHONG_IDENTITY_KEY: 32 random bytes, base64 or hex. Seals TOTP secrets; other keys derive from it. */
  readonly secretsKey: string | Uint8Array;
  /** Citizen sign-in through OpenID Connect; without it, the /auth/citizen routes and /idp are not served. */
  readonly oidc?: OidcOptions;
}

export interface Identity {
  readonly migrations: SchemaMigrations;
  /** Register each with the HTTP app after the identity schema is migrated. */
  readonly routes: FastifyPluginAsync[];
  readonly service: IdentityService;
}

/** Identity: officer accounts, system clients, and citizen sign-in (relying party, and a built-in provider). */
export const identity = {
  name: 'identity' as const,
  migrations: identityMigrations,
  create(o: IdentityOptions): Identity {
    const keys = new IdentityKeys(o.secretsKey);
    const revocations = new TokenRevocations(o.db, o.log);
    o.tokens.useRevocations(revocations.list);
    const deps = { db: o.db, clock: o.clock, tokens: o.tokens, audit: o.audit, log: o.log, keys, revocations };
    const service = new IdentityService(deps);
    const oidc = o.oidc ? resolveOidc(o.oidc, keys.derive('idp-client-secret').toString('base64url')) : null;
    return { migrations: identityMigrations, routes: identityRoutes(service, deps, oidc), service };
  },
};
