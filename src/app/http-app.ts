import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { TokenService } from '../platform/auth/tokens.ts';
import { authPlugin } from '../platform/http/auth.ts';
import { installErrorHandler } from '../platform/http/error-handler.ts';
import { typeboxValidatorCompiler } from '../platform/http/validator.ts';
import type { Logger } from '../platform/log/logger.ts';
import type { Metrics } from '../platform/metrics.ts';
import { decide } from '../platform/auth/policy.ts';
import { AppError } from '../kernel/errors.ts';
import { policyFor } from './route-policies.ts';

export interface HttpAppOptions {
  readonly log: Logger;
  readonly tokens: TokenService;
  readonly title: string;
  /** What `/health` reports besides `status` (the database engine, the bus, the part). */
  readonly health: () => Record<string, unknown>;
  /** Whether the process can take work now (its database and bus answer); `/ready` answers 503 until then. */
  readonly ready?: () => Promise<boolean>;
  readonly routes: readonly FastifyPluginAsync[];
  /** Served at /metrics in the Prometheus text format. */
  readonly metrics?: Metrics;
}

/**
 * The HTTP server every process shares, embedded or one per part: the same error shape, the same
 * bearer-token principal, OpenAPI 3.1 at /docs generated from the route schemas, /health and /ready.
 */
export async function buildHttpApp(o: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: o.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(typeboxValidatorCompiler);
  installErrorHandler(app);
  // Deny by default: a route nobody decided about does not start (route-policies.ts).
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) {
      if (m === 'HEAD') continue;
      if (!policyFor(m, r.url)) throw new Error(`no authorisation policy for ${m} ${r.url}: add it to src/app/route-policies.ts`);
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: o.title,
        version: '0.1.0',
        description: 'Interlinked, once-only public services: submit one declaration, follow every procedure it starts.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { tokens: o.tokens });
  // Access log: the route's pattern (never the URL as sent: it could carry what a client put there), the status, the time.
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, route: req.routeOptions.url ?? '(none)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  // Before validation, so a caller who may not use a route learns nothing from it, not even its schema.
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (url === undefined) return; // no such route: the not-found handler answers
    const policy = policyFor(req.method === 'HEAD' ? 'GET' : req.method, url);
    const verdict = policy ? decide(policy, req.principal) : 403;
    if (verdict === 401) throw new AppError('UNAUTHENTICATED');
    if (verdict === 403) throw new AppError('FORBIDDEN');
  });
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok', ...o.health() }));
  app.get('/ready', { schema: { hide: true } }, async (_req, reply) => {
    const ok = o.ready ? await o.ready().catch(() => false) : true;
    return reply.status(ok ? 200 : 503).send({ ready: ok });
  });
  const metrics = o.metrics;
  if (metrics) {
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  }
  for (const r of o.routes) await app.register(r);
  await app.ready();
  return app;
}
