import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { civilRegistry } from '../agencies/civil-registry/index.ts';
import { ReviewService } from '../agencies/civil-registry/review-service.ts';
import { civilRegistryRoutes } from '../agencies/civil-registry/routes.ts';
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
import { OutboxAudit } from '../platform/audit/outbox-audit.ts';
import type { PartName } from '../contracts/parts.ts';
import { hub } from '../hub/index.ts';
import { identity, type OidcOptions } from '../identity/index.ts';
import { portalRoutes } from '../portal/index.ts';
import { agencyUrlsFrom, injectApi, officeRoutes, OfficeSessions, routedApi } from '../office/index.ts';
import { KeyRing } from '../platform/crypto/secret-box.ts';
import { notificationsFromEnv } from '../hub/notifications/notifier.ts';
import { hubRoutes } from '../hub/routes.ts';
import { HubSettings } from '../hub/settings/service.ts';
import { hubSettingsRoutes } from '../hub/settings/routes.ts';
import { HubCalendars } from '../hub/settings/calendars.ts';
import { HubRuleBook } from '../hub/rule-versions.ts';
import { RuleVersionOutbox } from '../agencies/social-security/rules/publish.ts';
import { hubCalendarRoutes } from '../hub/settings/calendar-routes.ts';
import { SocialSecurityRules } from '../agencies/social-security/rules/service.ts';
import { socialSecurityRuleRoutes } from '../agencies/social-security/rules/routes.ts';
import { HubDocuments } from '../hub/documents/service.ts';
import { hubDocumentRoutes } from '../hub/documents/routes.ts';
import { DashboardService } from '../hub/dashboard/service.ts';
import { dashboardRoutes } from '../hub/dashboard/routes.ts';
import { documentKeysFromSigning } from './document-key.ts';
import { WorkingCalendar } from '../kernel/calendar/index.ts';
import { TokenService } from '../platform/auth/tokens.ts';
import { HttpAgencyTransport } from '../platform/bus/http-agency-transport.ts';
import { NatsTransport } from '../platform/bus/nats-transport.ts';
import type { Transport } from '../platform/bus/transport.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/db.ts';
import { migrate, type SchemaMigrations } from '../platform/db/migrate.ts';
import { openPostgres } from '../platform/db/pg-db.ts';
import type { Logger } from '../platform/log/logger.ts';
import { DataSealer } from '../platform/crypto/data-sealer.ts';
import { AuditTrail, type AuditKeys } from '../platform/audit/audit-trail.ts';
import { auditMigrations } from '../platform/audit/migrations.ts';
import { dataAccessRoutes } from '../platform/audit/routes.ts';
import type { PartDeps, PartRuntime, Signing } from '../platform/messaging/part-runtime.ts';
import { Metrics, PROCEDURE_DURATIONS_SQL, type ProcedureDuration } from '../platform/metrics.ts';
import { buildHttpApp } from './http-app.ts';
import { migrateSchemas } from './migrate-schemas.ts';

/** What runs in one process of distributed mode: one part, or the portal (the hub's HTTP front). */
export type ProcessRole = PartName | 'portal';

export interface PartProcessOptions {
  readonly role: ProcessRole;
  /** This part's own database on a PostgreSQL server (the portal uses the hub's). */
  readonly databaseUrl: string;
  /**
   * The hub's and the portal's audit schema is owned by this other login to the same database, which grants
   * `databaseUrl`'s login only SELECT and INSERT on it (migrate-schemas.ts). Default: LIENTHONG_MIGRATION_DATABASE_URL.
   */
  readonly migrationDatabaseUrl?: string | undefined;
  readonly natsUrl: string;
  readonly natsPrefix?: string;
  readonly signing: Signing;
  readonly clock: Clock;
  readonly tokenSecret: string;
  /** LIENTHONG_DATA_KEY: seals sensitive fields at rest in this part's database. */
  readonly dataKey: string;
  /** The audit trail's keys: required by the hub and the portal, whose trail is in the hub's database. */
  readonly audit?: AuditKeys | undefined;
  /**
   * The portal's identity part (schema `identity` in the hub's database): officer and system-client sign-in, and the
   * citizens' OpenID Connect sign-in whose session cookie the portal's pages use. Required by the portal role.
   */
  readonly identity?: { readonly secretsKey: string; readonly oidc?: OidcOptions | undefined } | undefined;
  readonly log: Logger;
  /**
   * Run an agency as an external system would: messages arrive by HTTP from the platform's bridge and
   * replies leave by HTTP to this callback URL, with no NATS connection (docs/external-agency.md).
   */
  readonly agencyHttp?: { readonly callbackUrl: string } | undefined;
}

export interface PartProcess {
  readonly role: ProcessRole;
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly transport: Transport;
  readonly runtime: PartRuntime;
  /** Graceful: stops taking messages, lets the deliveries under way commit and ack, then closes. */
  close(): Promise<void>;
}

const MIGRATIONS: Record<PartName, SchemaMigrations> = {
  hub: hub.migrations,
  population: population.migrations,
  'civil-registry': civilRegistry.migrations,
  'social-security': socialSecurity.migrations,
  health: health.migrations,
};

/**
 * Builds one process of distributed mode: the same part code as embedded mode, on its own PostgreSQL
 * database and the NATS JetStream bus, signing what it sends and verifying what it receives.
 *
 * The portal is the hub's HTTP front, scaled apart from the engine: it writes submissions (dossier and
 * outbox row in one transaction) into the hub's database and publishes them with its own relay, but
 * consumes no messages; the hub process runs the engine that does.
 */
export async function buildPartProcess(o: PartProcessOptions): Promise<PartProcess> {
  /** This process's own app, for the back office's calls to the routes it serves itself (set once built). */
  let officeSelf: FastifyInstance | undefined;
  const part: PartName = o.role === 'portal' ? 'hub' : o.role;
  const log = o.log.child({ process: o.role });
  const db = openPostgres(o.databaseUrl, 10, (err) => log.warn({ err }, 'database connection lost while idle; it is replaced on next use'));
  let transport: NatsTransport | HttpAgencyTransport | undefined;
  let lag: () => Promise<number> = async () => 0;
  const metrics = new Metrics(
    async () => ({ [part]: await lag() }),
    part === 'hub' ? () => db.query<ProcedureDuration>(PROCEDURE_DURATIONS_SQL, [o.clock.now().toISOString()]) : undefined,
  );
  let calendars: HubCalendars | undefined;
  let ruleBook: HubRuleBook | undefined;
  /** Work once the runtime runs (social security sends its rule versions again: rules/publish.ts). */
  let afterStart: (() => Promise<unknown>) | undefined;
  try {
    await migrate(db, MIGRATIONS[part]);
    if (o.agencyHttp && part === 'hub') throw new Error('only an agency can run behind the HTTP contract');
    transport = o.agencyHttp ? new HttpAgencyTransport(part, o.agencyHttp.callbackUrl) : await NatsTransport.connect({
      url: o.natsUrl,
      prefix: o.natsPrefix ?? 'lienthong',
      log,
      name: `lienthong-${o.role}`,
      onDeadLetter: (recipient) => metrics.deadLetters.inc({ part: recipient }),
    });
    const deps: PartDeps = { db, transport, clock: o.clock, log, signing: o.signing, metrics, sealer: new DataSealer(o.dataKey) };
    const tokens = new TokenService(o.tokenSecret);
    let audit: AuditTrail | undefined;
    if (part === 'hub') {
      if (!o.audit) throw new Error('the hub and the portal keep the audit trail: set LIENTHONG_AUDIT_SUBJECT_KEY and LIENTHONG_AUDIT_ANCHOR_KEY');
      await migrateSchemas(db, [auditMigrations], { migrationDatabaseUrl: o.migrationDatabaseUrl ?? (process.env.LIENTHONG_MIGRATION_DATABASE_URL || undefined), log });
      audit = new AuditTrail(db, o.clock, o.audit);
    }
    const routes: FastifyPluginAsync[] = transport instanceof HttpAgencyTransport ? [transport.routes()] : [];
    let runtime: PartRuntime;
    if (part === 'hub') {
      const calendar = new WorkingCalendar();
      // The years the hub's operator set, in force before any message is handled; reloaded every few seconds, since
      // the portal process (which serves the settings routes) and the hub process share the hub's database.
      calendars = new HubCalendars(db, o.clock, calendar, log, audit);
      await calendars.start();
      // Social security's rule versions as received (hub/rule-versions.ts), for the edge checks of both the hub and
      // the portal; reloaded every few seconds from the hub's database, where the hub process stores them.
      const book = (ruleBook = new HubRuleBook(db, log));
      await book.start();
      // Only the hub role runs the notification sender (the portal starts no runtime); both read the same settings.
      const notifyUrl = process.env.LIENTHONG_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
      const h = hub.create({ ...deps, audit, rules: () => book.book() }, calendar, notificationsFromEnv(process.env, log, notifyUrl));
      runtime = h.runtime;
      if (o.role === 'portal') {
        // The same pages as embedded mode, sign-in included: identity lives in the hub's database, beside the
        // dossiers and the audit trail; every portal instance shares it (sessions, the built-in provider's state).
        if (!o.identity) throw new Error('the portal serves sign-in and the citizen pages: set LIENTHONG_IDENTITY_KEY');
        await migrate(db, identity.migrations);
        const idn = identity.create({ db, clock: o.clock, tokens, audit: audit!, log, secretsKey: o.identity.secretsKey, ...(o.identity.oidc ? { oidc: o.identity.oidc } : {}) });
        routes.push(...idn.routes);
        // Documents are signed with the hub's registered key: anyone with the agency registry can check a PDF.
        const publicUrl = process.env.LIENTHONG_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
        const documents = new HubDocuments(db, o.clock, documentKeysFromSigning(o.signing, o.clock), publicUrl, audit);
        routes.push(hubRoutes(h.service), hubDocumentRoutes(documents), dataAccessRoutes(audit!), dashboardRoutes(new DashboardService(db, o.clock, calendar, audit)));
        // The platform's own API as the portal's and the back office's pages call it: the hub's and identity's routes in
        // this process, the agencies' (the participant's voluntary SI, social security's) at LIENTHONG_OFFICE_API.
        const api = routedApi(injectApi(() => officeSelf!), agencyUrlsFrom(process.env.LIENTHONG_OFFICE_API));
        routes.push(portalRoutes({ hub: h.service, documents, sessions: idn.service.sessions, api, clock: o.clock, rules: () => book.book() }));
        routes.push(hubSettingsRoutes(new HubSettings(db, o.clock, audit))); // per-province time limits, in the hub's database
        routes.push(hubCalendarRoutes(calendars)); // the yearly holiday calendars, in the hub's database
        routes.push(overdueRoutes(new OverdueList(db, o.clock, calendar)), agencyMailboxRoutes(new AgencyMailboxes(db, o.clock, audit))); // the overdue worklist; agencies' mailboxes
        // The back office's pages (docs/back-office-web.md), on the same API.
        const officeKey = new KeyRing(o.identity.secretsKey, 'lienthong-office', 'LIENTHONG_IDENTITY_KEY');
        routes.push(officeRoutes({ api, sessions: new OfficeSessions(officeKey.box('session')) }));
      }
    } else if (part === 'civil-registry') {
      runtime = civilRegistry.create(deps);
      const cr = runtime;
      // Officers' reads and decisions reach the audit trail in the hub's database through the outbox (outbox-audit.ts).
      routes.push(civilRegistryRoutes(new ReviewService(db, runtime, new OutboxAudit(() => cr, o.clock))));
    } else if (part === 'health') {
      // Facilities' reads of their notices reach the audit trail in the hub's database through the outbox (outbox-audit.ts).
      const hl = health.create({ ...deps, audit: new OutboxAudit(() => hl.runtime, o.clock) });
      runtime = hl.runtime;
      routes.push(hl.routes); // the facilities' intake API is served by the health process itself
    } else if (part === 'population') runtime = population.create(deps);
    else {
      // Officers' acts are kept in social security's own tables and reach the audit trail through its outbox (outbox-audit.ts).
      const forwarded = new OutboxAudit(() => ss, o.clock);
      const ss = socialSecurity.create({ ...deps, audit: forwarded });
      runtime = ss;
      routes.push(voluntaryPaymentRoutes(ss.payments), reportRoutes(new SocialSecurityReports(db, o.clock, forwarded))); // collection officers and participants, on social security's own process
      routes.push(socialSecurityBackOfficeRoutes(new SocialSecurityBackOffice(db, ss, o.clock, forwarded))); // settings and worklist
      // Rule tables, in social security's own database; each version added is sent to the hub with it, and all again at start.
      const rulesOut = new RuleVersionOutbox(() => ss);
      routes.push(socialSecurityRuleRoutes(new SocialSecurityRules(db, o.clock, forwarded, undefined, rulesOut)));
      afterStart = () => rulesOut.resendAll();
      routes.push(paymentWorklistRoutes(new PaymentWorklist(db, o.clock, ss.payments, forwarded))); // the payments to resolve, with claims
    }

    const r = runtime;
    lag = () => r.relay.backlog();
    if (o.role === 'portal') runtime.relay.start();
    else await runtime.start();
    await afterStart?.();

    const t = transport;
    const app = await buildHttpApp({
      log,
      tokens,
      title: `lienthong ${o.role}`,
      health: () => ({ process: o.role, database: 'postgres', bus: t.kind }),
      ready: async () => (await db.query('SELECT 1')).length === 1 && (!(t instanceof NatsTransport) || t.connected()),
      routes,
      metrics,
    });
    officeSelf = app;
    // The hub process signs the trail's head and copies it to the second store every minute, and at shutdown.
    const trail = o.role === 'hub' ? audit : undefined;
    const anchoring = trail && setInterval(() => void trail.anchor().catch((err: unknown) => log.error({ err }, 'audit anchoring failed')), 60_000);
    anchoring?.unref();
    let closed = false;
    return {
      role: o.role,
      app,
      db,
      transport: t,
      runtime,
      async close() {
        if (closed) return;
        closed = true;
        if (anchoring) clearInterval(anchoring);
        await calendars?.stop();
        await ruleBook?.stop();
        await app.close();
        await trail?.anchor().catch((err: unknown) => log.error({ err }, 'audit anchoring at shutdown failed'));
        await runtime.stop();
        await t.close();
        await db.close();
      },
    };
  } catch (e) {
    await transport?.close().catch(() => undefined);
    await calendars?.stop().catch(() => undefined);
    await ruleBook?.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw e;
  }
}
