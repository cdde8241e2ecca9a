import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ReviewService } from '../agencies/civil-registry/review-service.ts';
import { civilRegistryRoutes } from '../agencies/civil-registry/routes.ts';
import { civilRegistry } from '../agencies/civil-registry/index.ts';
import { health } from '../agencies/health/index.ts';
import { population } from '../agencies/population/index.ts';
import { socialSecurity } from '../agencies/social-security/index.ts';
import { voluntaryPaymentRoutes } from '../agencies/social-security/payments/routes.ts';
import { reportRoutes } from '../agencies/social-security/reports/routes.ts';
import { SocialSecurityReports } from '../agencies/social-security/reports/service.ts';
import { SocialSecurityBackOffice } from '../agencies/social-security/worklist/service.ts';
import { socialSecurityBackOfficeRoutes } from '../agencies/social-security/worklist/routes.ts';
import { PaymentWorklist } from '../agencies/social-security/worklist/payments-service.ts';
import { paymentWorklistRoutes } from '../agencies/social-security/worklist/payments-routes.ts';
import { OverdueList } from '../hub/dashboard/overdue-list.ts';
import { overdueRoutes } from '../hub/dashboard/overdue-routes.ts';
import { AgencyMailboxes } from '../hub/settings/mailboxes.ts';
import { agencyMailboxRoutes } from '../hub/settings/mailbox-routes.ts';
import { hub } from '../hub/index.ts';
import { notificationsFromEnv, type NotificationOptions } from '../hub/notifications/notifier.ts';
import { hubRoutes } from '../hub/routes.ts';
import { HubSettings } from '../hub/settings/service.ts';
import { hubSettingsRoutes } from '../hub/settings/routes.ts';
import { HubCalendars } from '../hub/settings/calendars.ts';
import { hubCalendarRoutes } from '../hub/settings/calendar-routes.ts';
import { RuleBookCache } from '../agencies/social-security/rules/cache.ts';
import { SocialSecurityRules } from '../agencies/social-security/rules/service.ts';
import { socialSecurityRuleRoutes } from '../agencies/social-security/rules/routes.ts';
import { HubDocuments } from '../hub/documents/service.ts';
import { hubDocumentRoutes } from '../hub/documents/routes.ts';
import { portalRoutes } from '../portal/index.ts';
import { injectApi, officeRoutes, OfficeSessions } from '../office/index.ts';
import { KeyRing } from '../platform/crypto/secret-box.ts';
import { DashboardService } from '../hub/dashboard/service.ts';
import { dashboardRoutes } from '../hub/dashboard/routes.ts';
import { ephemeralDocumentKeys, type DocumentKeys } from '../platform/documents/signer.ts';
import { documentKeysFromEnv } from './document-key.ts';
import type { HubService } from '../hub/service.ts';
import { WorkingCalendar } from '../kernel/calendar/index.ts';
import { TokenService } from '../platform/auth/tokens.ts';
import { InProcessTransport } from '../platform/bus/in-process-transport.ts';
import type { Transport } from '../platform/bus/transport.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/db.ts';
import { migrateSchemas, type MigrateSchemasOptions } from './migrate-schemas.ts';
import type { AuditProtection } from '../platform/audit/schema.ts';
import { openDb } from '../platform/db/open-db.ts';
import { makeLogger, type Logger } from '../platform/log/logger.ts';
import type { PartRuntime } from '../platform/messaging/part-runtime.ts';
import type { Retention } from '../platform/messaging/prune.ts';
import { buildHttpApp } from './http-app.ts';
import { ephemeralAuditKeys } from './secrets.ts';
import { dataAccessRoutes } from '../platform/audit/routes.ts';
import { identity, type IdentityService, type OidcOptions } from '../identity/index.ts';
import { randomBytes } from 'node:crypto';
import { AuditTrail, type AuditKeys } from '../platform/audit/audit-trail.ts';
import { DataSealer } from '../platform/crypto/data-sealer.ts';
import { ALL_MIGRATIONS } from './parts.ts';
import { Metrics, PROCEDURE_DURATIONS_SQL, type ProcedureDuration } from '../platform/metrics.ts';
import type { FastifyInstance } from 'fastify';

export interface BuildOptions {
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
  /**
   * LIENTHONG_MIGRATION_DATABASE_URL: the login that owns the audit schema (same database), so the application's login
   * may only insert and select on the trail (migrate-schemas.ts). Unset: a warning, and only the triggers guard it.
   */
  readonly migrationDatabaseUrl?: string | undefined;
  /** An already-open database (tests clone a migrated template). */
  readonly db?: Db;
  readonly clock: Clock;
  readonly tokenSecret: string;
  readonly log?: Logger;
  readonly calendar?: WorkingCalendar;
  /** The audit trail's keys; a run that keeps nothing (tests, the benchmark) gets fresh ones. */
  readonly audit?: AuditKeys;
  /** Seals TOTP secrets and the built-in identity provider's key; a run that keeps nothing gets a fresh one. */
  readonly identityKey?: string;
  /** Seals sensitive fields at rest (LIENTHONG_DATA_KEY); a run that keeps nothing gets a fresh one. */
  readonly dataKey?: string;
  /** Citizen sign-in through OpenID Connect; off when absent. */
  readonly oidc?: OidcOptions | undefined;
  /** Signs printed documents; default: from the environment or the data folder (document-key.ts), else fresh. */
  readonly documentKeys?: DocumentKeys;
  /** Where documents' QR codes point (`/verify/{code}`); default: the OpenID public URL, LIENTHONG_PUBLIC_URL, localhost. */
  readonly publicUrl?: string;
  /** How citizens are told of outcomes; default: from LIENTHONG_SMTP_URL / LIENTHONG_MAIL_FROM, else logged only. */
  readonly notifications?: NotificationOptions;
  /** How long finished outbox and inbox rows are kept (platform/messaging/prune.ts); default 7 days, null: for ever. */
  readonly messageRetention?: Retention | null;
}

export interface Platform {
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly tokens: TokenService;
  readonly hub: HubService;
  readonly parts: readonly PartRuntime[];
  readonly transport: Transport;
  readonly audit: AuditTrail;
  readonly identity: IdentityService;
  /** Outbox rows not yet delivered, across every part (0 when the platform is idle). */
  backlog(): Promise<number>;
  close(): Promise<void>;
}

export async function migrateAll(db: Db, o: MigrateSchemasOptions = {}): Promise<AuditProtection | undefined> {
  return migrateSchemas(db, ALL_MIGRATIONS, o);
}

/**
 * Builds the whole platform in one process (embedded mode): one database with a schema per part,
 * the in-process bus, every part's relay and consumer, and the HTTP API. Shells only listen.
 */
export async function buildPlatform(opts: BuildOptions): Promise<Platform> {
  const log = opts.log ?? makeLogger();
  if (opts.dataDir && !opts.databaseUrl && !opts.db) mkdirSync(opts.dataDir, { recursive: true });
  const db =
    opts.db ??
    (await openDb({
      databaseUrl: opts.databaseUrl,
      dataDir: opts.dataDir ? join(opts.dataDir, 'pglite') : undefined,
      onIdleError: (err) => log.warn({ err }, 'database connection lost while idle; it is replaced on next use'),
    }));
  await migrateAll(db, { migrationDatabaseUrl: opts.migrationDatabaseUrl, log });
  const transport = new InProcessTransport();
  let parts: PartRuntime[] = [];
  const metrics = new Metrics(
    async () => Object.fromEntries(await Promise.all(parts.map(async (p) => [p.name, await p.relay.backlog()] as const))),
    () => db.query<ProcedureDuration>(PROCEDURE_DURATIONS_SQL, [opts.clock.now().toISOString()]),
  );
  const sealer = new DataSealer(opts.dataKey ?? randomBytes(32).toString('base64'));
  const deps = { db, transport, clock: opts.clock, log, metrics, sealer, retention: opts.messageRetention };
  const calendar = opts.calendar ?? new WorkingCalendar();
  const audit = new AuditTrail(db, opts.clock, opts.audit ?? ephemeralAuditKeys());
  // Social security's rule book, copied for the hub's edge checks (rules/cache.ts), and the holiday calendars the hub's
  // operator set (settings/calendars.ts): both loaded before any message is handled, and kept current without a restart.
  const ruleBook = new RuleBookCache(db, log);
  await ruleBook.refresh();
  const calendars = new HubCalendars(db, opts.clock, calendar, log, audit);
  await calendars.start();
  const publicUrl = opts.publicUrl ?? opts.oidc?.publicUrl ?? process.env.LIENTHONG_PUBLIC_URL ?? 'http://localhost:3000';
  const h = hub.create({ ...deps, audit, rules: () => ruleBook.book() }, calendar, opts.notifications ?? notificationsFromEnv(process.env, log, publicUrl));
  const documents = new HubDocuments(
    db,
    opts.clock,
    opts.documentKeys ?? (opts.dataDir ? documentKeysFromEnv(process.env, opts.dataDir) : ephemeralDocumentKeys()),
    publicUrl,
    audit,
  );
  const cr = civilRegistry.create(deps);
  const hl = health.create({ ...deps, audit });
  const ss = socialSecurity.create({ ...deps, audit });
  parts = [h.runtime, population.create(deps), cr, ss, hl.runtime];
  for (const p of parts) await p.start();

  // The chain's head is signed and copied to a second store every minute, and at shutdown.
  const anchoring = setInterval(() => void audit.anchor().catch((err: unknown) => log.error({ err }, 'audit anchoring failed')), 60_000);
  anchoring.unref();
  const tokens = new TokenService(opts.tokenSecret);
  const idn = identity.create({
    db,
    clock: opts.clock,
    tokens,
    audit,
    log,
    secretsKey: opts.identityKey ?? randomBytes(32).toString('base64'),
    ...(opts.oidc ? { oidc: opts.oidc } : {}),
  });
  // The back office's pages call this process's own API (office/api.ts, docs/back-office-web.md); `self` is the app below.
  let self: FastifyInstance | undefined;
  const officeKey = new KeyRing(opts.identityKey ?? randomBytes(32).toString('base64'), 'lienthong-office', 'LIENTHONG_IDENTITY_KEY');
  const office = officeRoutes({ api: injectApi(() => self!), sessions: new OfficeSessions(officeKey.box('session')) });
  const app = await buildHttpApp({
    log,
    tokens,
    title: 'lienthong API',
    health: () => ({ database: db.engine, bus: transport.kind }),
    ready: async () => (await db.query('SELECT 1')).length === 1,
    routes: [hubRoutes(h.service), hubDocumentRoutes(documents), dashboardRoutes(new DashboardService(db, opts.clock, calendar, audit)), civilRegistryRoutes(new ReviewService(db, cr, audit)), hl.routes, voluntaryPaymentRoutes(ss.payments), reportRoutes(new SocialSecurityReports(db, opts.clock, audit)), socialSecurityBackOfficeRoutes(new SocialSecurityBackOffice(db, ss, opts.clock, audit)), hubSettingsRoutes(new HubSettings(db, opts.clock, audit)), hubCalendarRoutes(calendars), socialSecurityRuleRoutes(new SocialSecurityRules(db, opts.clock, audit, () => ruleBook.refresh())), paymentWorklistRoutes(new PaymentWorklist(db, opts.clock, ss.payments, audit)), overdueRoutes(new OverdueList(db, opts.clock, calendar)), agencyMailboxRoutes(new AgencyMailboxes(db, opts.clock, audit)), dataAccessRoutes(audit), ...idn.routes, portalRoutes({ hub: h.service, documents, sessions: idn.service.sessions, api: injectApi(() => self!), clock: opts.clock, rules: () => ruleBook.book() }), office],
    metrics,
  });

  self = app;
  let closed = false;
  return {
    app,
    db,
    tokens,
    hub: h.service,
    parts,
    transport,
    audit,
    identity: idn.service,
    async backlog() {
      let n = 0;
      for (const p of parts) n += await p.relay.backlog();
      return n;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(anchoring);
      await calendars.stop();
      await app.close();
      await audit.anchor().catch((err: unknown) => log.error({ err }, 'audit anchoring failed'));
      for (const p of parts) await p.stop();
      await transport.close();
      if (!opts.db) await db.close();
    },
  };
}
