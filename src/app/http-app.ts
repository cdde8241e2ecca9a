import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { createHash } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import { COOKIES } from '../identity/web/cookies.ts';
import { subjectOf } from '../platform/auth/principal.ts';
import { readCookies } from '../platform/http/cookies.ts';
import { NoQuery } from '../platform/http/schemas.ts';
import type { TokenService } from '../platform/auth/tokens.ts';
import { authPlugin } from '../platform/http/auth.ts';
import { bodyNotJson, frameworkError, installErrorHandler } from '../platform/http/error-handler.ts';
import { unstorableText } from '../platform/http/text-safety.ts';
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
  /** Submissions (SUBMISSION_ROUTES) a caller may make per minute on each route (LIENTHONG_SUBMISSIONS_PER_MINUTE; 0: no limit). */
  readonly submissionsPerMinute?: number;
  /** Sign-in attempts an address may make per minute (LIENTHONG_SIGN_IN_PER_MINUTE; 0: no limit). */
  readonly signInsPerMinute?: number;
}

const SIGN_IN_ROUTES = new Set(['/api/v1/auth/officer/sign-in', '/api/v1/auth/token', '/idp/interaction/:uid/login']);

/**
 * Where a citizen or an agency's system submits something that starts or feeds a procedure: each is limited per
 * caller (LIENTHONG_SUBMISSIONS_PER_MINUTE a minute, on each route). `every`: every request counts; `submit`: only a
 * request that submits the declaration (`_action=submit`) counts — a form's other steps (next, back, add a row) store
 * nothing. The list is checked against the route table in test/security/hardening.test.ts: a citizen's POST route
 * that is neither here nor exempted there fails it.
 */
export const SUBMISSION_ROUTES: Readonly<Record<string, 'every' | 'submit'>> = {
  'POST /api/v1/dossiers': 'every',
  'POST /api/v1/dossiers/:id/supplements': 'every',
  'POST /api/v1/agencies/health/death-notices': 'every',
  'POST /portal/birth': 'submit',
  'POST /portal/death': 'submit',
  'POST /portal/voluntary-si': 'submit',
  'POST /portal/dossiers/:id/supplements': 'every',
};

/**
 * Who is calling, for a per-caller limit: the principal of the bearer token (however many tokens it holds), else
 * the portal's session (by a digest of the cookie: no secret kept in the limiter), else the address.
 */
function callerKey(req: FastifyRequest): string {
  if (req.principal) return subjectOf(req.principal);
  const session = readCookies(req)[COOKIES.session];
  return session ? `session:${createHash('sha256').update(session).digest('base64url')}` : `address:${req.ip}`;
}

/** The rate limit a route gets, if any: sign-in per address, submissions per caller. */
export function rateLimitOf(url: string, methods: string[], limits: { submissions: number; signIns: number }) {
  if (!methods.includes('POST')) return undefined;
  if (SIGN_IN_ROUTES.has(url) && limits.signIns > 0) return { max: limits.signIns, timeWindow: 60_000 };
  const submission = SUBMISSION_ROUTES[`POST ${url}`];
  if (!submission || limits.submissions <= 0) return undefined;
  // Route-level hooks run after the platform's own (auth, policy): the principal is known, a refused caller never counted.
  const base = { max: limits.submissions, timeWindow: 60_000, keyGenerator: callerKey };
  if (submission === 'every') return base;
  // After validation, so the form's action can be read: only a submit counts.
  return { ...base, hook: 'preHandler' as const, allowList: (req: FastifyRequest) => (req.body as { _action?: unknown } | undefined)?._action !== 'submit' };
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
    frameworkErrors: frameworkError,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(typeboxValidatorCompiler);
  installErrorHandler(app);
  // Fastify's own JSON parser (prototype poisoning refused), its refusals turned into a field error in both languages.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) =>
    parseJson(req, body as string, (err: Error | null, value?: unknown) => (err ? done(bodyNotJson(err as FastifyError), undefined) : done(null, value))),
  );
  const limits = {
    submissions: o.submissionsPerMinute ?? Number(process.env.LIENTHONG_SUBMISSIONS_PER_MINUTE ?? 300),
    signIns: o.signInsPerMinute ?? Number(process.env.LIENTHONG_SIGN_IN_PER_MINUTE ?? 20),
  };
  // Deny by default: a route nobody decided about does not start (route-policies.ts).
  app.addHook('onRoute', (r) => {
    const limit = rateLimitOf(r.url, [r.method].flat(), limits);
    if (limit) r.config = { ...(r.config as object), rateLimit: limit } as typeof r.config;
    // Every documented route's query string is closed: a route that declares none takes none (issue 4 item 7).
    if (r.schema && !(r.schema as { hide?: boolean }).hide && !r.schema.querystring) r.schema = { ...r.schema, querystring: NoQuery };
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
  // Security headers on every answer; the documentation's inline script and style are allowed by their hashes.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...app.swaggerCSP.script],
        styleSrc: ["'self'", ...app.swaggerCSP.style],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  // Sign-in is rate-limited per address (with the account lock-out behind it); submissions per caller.
  // Refused as an AppError, so a page's own error handler (the portal's) shows it as a page to a browser.
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('RATE_LIMITED') });
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
  // Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused on every route before validation (text-safety.ts).
  app.addHook('preValidation', async (req) => {
    const bad = [...unstorableText(req.params, 'params'), ...unstorableText(req.query, 'query'), ...unstorableText(req.body, '')];
    if (bad.length) throw new AppError('VALIDATION_FAILED', bad);
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
