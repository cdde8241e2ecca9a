import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ReviewService } from '../agencies/civil-registry/review-service.ts';
import { civilRegistryRoutes } from '../agencies/civil-registry/routes.ts';
import { civilRegistry } from '../agencies/civil-registry/index.ts';
import { population } from '../agencies/population/index.ts';
import { socialSecurity } from '../agencies/social-security/index.ts';
import { hub } from '../hub/index.ts';
import { hubRoutes } from '../hub/routes.ts';
import type { HubService } from '../hub/service.ts';
import { WorkingCalendar } from '../kernel/calendar/index.ts';
import { TokenService } from '../platform/auth/tokens.ts';
import { InProcessTransport } from '../platform/bus/in-process-transport.ts';
import type { Transport } from '../platform/bus/transport.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/db.ts';
import { migrate } from '../platform/db/migrate.ts';
import { openDb } from '../platform/db/open-db.ts';
import { authPlugin } from '../platform/http/auth.ts';
import { installErrorHandler } from '../platform/http/error-handler.ts';
import { typeboxValidatorCompiler } from '../platform/http/validator.ts';
import { makeLogger, type Logger } from '../platform/log/logger.ts';
import type { PartRuntime } from '../platform/messaging/part-runtime.ts';
import { ALL_MIGRATIONS } from './parts.ts';

export interface BuildOptions {
  readonly dataDir?: string | undefined;
  readonly databaseUrl?: string | undefined;
  /** An already-open database (tests clone a migrated template). */
  readonly db?: Db;
  readonly clock: Clock;
  readonly tokenSecret: string;
  readonly log?: Logger;
  readonly calendar?: WorkingCalendar;
}

export interface Platform {
  readonly app: FastifyInstance;
  readonly db: Db;
  readonly tokens: TokenService;
  readonly hub: HubService;
  readonly parts: readonly PartRuntime[];
  readonly transport: Transport;
  /** Outbox rows not yet delivered, across every part (0 when the platform is idle). */
  backlog(): Promise<number>;
  close(): Promise<void>;
}

export async function migrateAll(db: Db): Promise<void> {
  for (const m of ALL_MIGRATIONS) await migrate(db, m);
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
  await migrateAll(db);
  const transport = new InProcessTransport();
  const deps = { db, transport, clock: opts.clock, log };
  const calendar = opts.calendar ?? new WorkingCalendar();
  const h = hub.create(deps, calendar);
  const cr = civilRegistry.create(deps);
  const parts = [h.runtime, population.create(deps), cr, socialSecurity.create(deps)];
  for (const p of parts) await p.start();

  const tokens = new TokenService(opts.tokenSecret);
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1_048_576 }) as unknown as FastifyInstance;
  app.setValidatorCompiler(typeboxValidatorCompiler);
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'lienthong API',
        version: '0.1.0',
        description: 'Interlinked, once-only public services: submit one declaration, follow every procedure it starts.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { tokens });
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: db.engine, bus: transport.kind }));
  await app.register(hubRoutes(h.service));
  await app.register(civilRegistryRoutes(new ReviewService(db, cr)));
  await app.ready();

  let closed = false;
  return {
    app,
    db,
    tokens,
    hub: h.service,
    parts,
    transport,
    async backlog() {
      let n = 0;
      for (const p of parts) n += await p.relay.backlog();
      return n;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      for (const p of parts) await p.stop();
      await transport.close();
      if (!opts.db) await db.close();
    },
  };
}
