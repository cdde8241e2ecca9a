import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { buildHttpApp } from '../../src/app/http-app.ts';
import { ephemeralAuditKeys } from '../../src/app/secrets.ts';
import { identity, type Identity, type OidcOptions } from '../../src/identity/index.ts';
import { totpCode } from '../../src/identity/domain/totp.ts';
import { AuditTrail } from '../../src/platform/audit/audit-trail.ts';
import { auditMigrations } from '../../src/platform/audit/migrations.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { freshDb, type Engine } from '../support/databases.ts';

export interface IdentityRig {
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly clock: ManualClock;
  readonly tokens: TokenService;
  readonly audit: AuditTrail;
  readonly id: Identity;
  /** The first IT operator, made as the CLI would, and its TOTP secret. */
  readonly operator: { username: string; password: string; totpSecret: string };
  close(): Promise<void>;
}

export const totpSecretOf = (uri: string): string => new URL(uri).searchParams.get('secret')!;

/** The code an authenticator shows now on the rig's clock. */
export const codeNow = (rig: IdentityRig, secret: string) => totpCode(secret, rig.clock.now());

/**
 * The identity part on its own, on a fresh database: its routes (plus `extraRoutes`) on the platform's HTTP app,
 * a manual clock at 2025-01-24 09:00 in Hà Nội, and a bootstrapped national IT operator `root` of the hub.
 */
export async function startIdentity(engine: Engine, o: { oidc?: OidcOptions; extraRoutes?: (audit: AuditTrail) => FastifyPluginAsync[] } = {}): Promise<IdentityRig> {
  const t = await freshDb(engine);
  const clock = new ManualClock(new Date('2025-01-24T02:00:00Z'));
  const tokens = new TokenService('test-secret-that-is-long-enough-0123456789');
  const audit = new AuditTrail(t.db, clock, ephemeralAuditKeys());
  const log = makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const id = identity.create({ db: t.db, clock, tokens, audit, log, secretsKey: randomBytes(32).toString('base64'), ...(o.oidc ? { oidc: o.oidc } : {}) });
  await migrate(t.db, auditMigrations);
  await migrate(t.db, id.migrations);
  const root = await id.service.createOfficer({ username: 'root', agency: 'hub', role: 'it-operator', area: { provinceCode: null } }, { kind: 'operator', id: 'test' });
  // Each test signs in far more often than a person would: the per-address limit is tested in test/security.
  const app = await buildHttpApp({ log, tokens, title: 'identity test', health: () => ({}), signInsPerMinute: 0, routes: [...id.routes, ...(o.extraRoutes?.(audit) ?? [])] });
  return {
    app,
    db: t.db,
    clock,
    tokens,
    audit,
    id,
    operator: { username: 'root', password: root.initialPassword, totpSecret: totpSecretOf(root.totpUri) },
    async close() {
      await app.close();
      await t.drop();
    },
  };
}

/** Signs in through the API; moves the clock on by one TOTP step first, since a code is good once. */
export async function signIn(rig: IdentityRig, username: string, password: string, totpSecret: string) {
  rig.clock.advance(30_000);
  return rig.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload: { username, password, totp: codeNow(rig, totpSecret) } });
}

export async function operatorToken(rig: IdentityRig): Promise<string> {
  const res = await signIn(rig, rig.operator.username, rig.operator.password, rig.operator.totpSecret);
  if (res.statusCode !== 200) throw new Error(`operator sign-in failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

export async function auditActions(db: Db): Promise<{ action: string; actor_id: string; resource: string | null; details: Record<string, unknown> }[]> {
  const rows = await db.query<{ action: string; actor_id: string; resource: string | null; details: Record<string, unknown> | string }>(
    'SELECT action, actor_id, resource, details FROM audit.entries ORDER BY seq',
  );
  return rows.map((r) => ({ ...r, details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details }));
}
