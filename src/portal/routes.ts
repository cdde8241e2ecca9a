import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { HubDocuments } from '../hub/documents/service.ts';
import { normaliseCode } from '../hub/documents/routes.ts';
import type { HubService } from '../hub/service.ts';
import { COOKIES, readCookies, sameSecret, setCookie } from '../identity/web/cookies.ts';
import { acceptForms } from '../identity/web/form.ts';
import { AppError, ERROR_CATALOGUE, type FieldError } from '../kernel/errors.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { BIRTH_FIELDS, BIRTH_STEPS, errorsByField, fieldOf, stepOf, toDeclaration, valuesFrom } from './birth-form.ts';
import type { Html } from './html.ts';
import { LANG_COOKIE, langOf, translator } from './i18n/index.ts';
import { birthPage } from './views/birth.ts';
import { dossierPage } from './views/dossier.ts';
import { messageOf } from './views/form-fields.ts';
import { homePage, messagePage, welcomePage } from './views/home.ts';
import type { PageContext } from './views/layout.ts';

/** What the portal asks of the rest of the platform: the hub's services and the identity part's web sessions. */
export interface PortalDeps {
  readonly hub: Pick<HubService, 'check' | 'submit' | 'get' | 'list' | 'answerSupplement'>;
  readonly documents: Pick<HubDocuments, 'list' | 'pdf'>;
  readonly sessions: { find(id: string | undefined): Promise<{ pin: string; csrfToken: string } | null> };
}

const PAGE_SIZE = 10;
const ASSETS = join(import.meta.dirname, 'assets');
/** Read once at start-up; the two files are the whole front end (no CDN, system fonts). */
const FILES = {
  css: readFileSync(join(ASSETS, 'portal.css'), 'utf8'),
  js: readFileSync(join(ASSETS, 'portal.js'), 'utf8'),
};

const FormBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 100 })),
    _key: Type.Optional(Type.String({ maxLength: 100 })),
    _step: Type.Optional(Type.String({ maxLength: 2 })),
    _action: Type.Optional(Type.String({ maxLength: 20 })),
    ...Object.fromEntries(BIRTH_FIELDS.map((f) => [f.name, Type.Optional(Type.String({ maxLength: 300 }))])),
  },
  { additionalProperties: false },
);
const CheckBody = Type.Object(
  { step: Type.String({ maxLength: 20 }), values: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 300 }), { maxProperties: 30 }) },
  { additionalProperties: false },
);
const SupplementBody = Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 300 }), { maxProperties: 60 });
const Lang = Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')]));
const page = { tags: ['portal'], produces: ['text/html'] };

/**
 * The citizen portal: server-rendered pages that work without scripts (each form posts, is checked by the hub,
 * and comes back with the values kept and the messages beside the fields), a small script that checks fields as
 * the citizen types through the dry-run endpoint, and the two asset files — all served by the platform itself.
 * The session cookie of the citizen sign-in is the credential; every form repeats the session's CSRF token.
 */
export function portalRoutes(deps: PortalDeps) {
  return async (app: FastifyInstance) => {
    acceptForms(app);

    async function context(req: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
      const cookies = readCookies(req);
      const { lang, fromQuery } = langOf(req, cookies);
      if (fromQuery) setCookie(reply, LANG_COOKIE, lang, 365 * 24 * 3600);
      const s = await deps.sessions.find(cookies[COOKIES.session]);
      const url = new URL(req.url, 'http://portal');
      url.searchParams.delete('lang');
      return { lang, t: translator(lang), citizen: s ? { pin: s.pin, csrf: s.csrfToken } : null, path: url.pathname + url.search };
    }

    const send = (reply: FastifyReply, body: Html, status = 200) =>
      reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body.value);
    const principal = (c: PageContext): Principal => ({ kind: 'citizen', pin: c.citizen!.pin });
    /** A state-changing request must come from a page of this session: the session's CSRF token, in constant time. */
    const checkCsrf = (c: PageContext, token: unknown) => {
      if (!c.citizen) throw new AppError('UNAUTHENTICATED');
      if (!sameSecret(c.citizen.csrf, typeof token === 'string' ? token : undefined)) throw new AppError('CSRF_FAILED');
    };
    // A browser that asked for a page gets a page when a request is refused (an expired form, a session gone, a
    // supplement answer refused); any other client, and every unexpected error, goes on to the platform's handler.
    app.setErrorHandler(async (err, req, reply) => {
      if (!(err instanceof AppError) || !/text\/html/.test(req.headers.accept ?? '')) throw err;
      const c = await context(req, reply);
      const { vi, en } = ERROR_CATALOGUE[err.code];
      const reasons = err.fields.map((f) => (c.lang === 'vi' ? f.reasonVi : f.reason));
      const text = [c.lang === 'vi' ? vi : en, ...reasons].join(' ');
      return send(reply, messagePage(c, err.code === 'NOT_FOUND' ? c.t('notFoundTitle') : c.t('errorTitle'), text), ERROR_CATALOGUE[err.code].status);
    });
    const signIn = (reply: FastifyReply) => reply.header('cache-control', 'no-store').redirect('/auth/citizen/sign-in', 303);

    app.get('/portal/assets/portal.css', { schema: { ...page, summary: 'The portal’s stylesheet' } }, async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(FILES.css),
    );
    app.get('/portal/assets/portal.js', { schema: { ...page, summary: 'The portal’s progressive-enhancement script' } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(FILES.js),
    );

    app.get(
      '/portal',
      { schema: { ...page, summary: 'Portal home: the citizen’s dossiers (paginated), or the sign-in invitation', querystring: Type.Object({ lang: Lang, page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }, { additionalProperties: false }) } },
      async (req, reply) => {
        const c = await context(req, reply);
        if (!c.citizen) return send(reply, welcomePage(c));
        const n = (req.query as { page?: number }).page ?? 1;
        const rows = await deps.hub.list(principal(c), PAGE_SIZE + 1, (n - 1) * PAGE_SIZE);
        return send(reply, homePage(c, rows.slice(0, PAGE_SIZE), n, rows.length > PAGE_SIZE));
      },
    );

    app.get(
      '/portal/birth',
      { schema: { ...page, summary: 'The birth declaration form, first step', querystring: Type.Object({ lang: Lang }, { additionalProperties: false }) } },
      async (req, reply) => {
        const c = await context(req, reply);
        if (!c.citizen) return signIn(reply);
        return send(reply, birthPage(c, { step: 0, values: {}, errors: new Map(), key: randomUUID() }));
      },
    );

    app.post(
      '/portal/birth',
      { schema: { ...page, summary: 'A step of the birth declaration form (next, back, change, submit)', body: FormBody, querystring: Type.Object({ lang: Lang }, { additionalProperties: false }) } },
      async (req, reply) => {
        const c = await context(req, reply);
        const body = (req.body ?? {}) as Record<string, string | undefined>;
        checkCsrf(c, body._csrf);
        const values = valuesFrom(body);
        const key = body._key && /^[A-Za-z0-9-]{8,100}$/.test(body._key) ? body._key : randomUUID();
        const step = Math.min(Math.max(Number.parseInt(body._step ?? '0', 10) || 0, 0), BIRTH_STEPS.length);
        const action = body._action ?? 'next';
        const show = (s: number, errors: readonly FieldError[] = [], status = 200) =>
          send(reply, birthPage(c, { step: s, values, errors: errorsByField(errors, BIRTH_STEPS[s]), key }), status);

        if (action === 'back') return show(Math.max(step - 1, 0));
        const edit = /^edit-(\d)$/.exec(action);
        if (edit) return show(Math.min(Number(edit[1]), BIRTH_STEPS.length - 1));
        if (action === 'submit') {
          try {
            const out = await deps.hub.submit(principal(c), 'birth', toDeclaration(values, c.citizen!.pin), `portal:${key}`);
            return reply.header('cache-control', 'no-store').redirect(`/portal/dossiers/${out.id}?submitted=1`, 303);
          } catch (e) {
            if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
            // Back to the first step with something to correct, everything typed kept.
            const first = e.fields.map(fieldOf).find((f) => f !== undefined);
            return show(first ? BIRTH_STEPS.indexOf(stepOf(first)) : 0, e.fields, 400);
          }
        }
        if (step >= BIRTH_STEPS.length) return show(step);
        const errors = deps.hub.check(principal(c), 'birth', toDeclaration(values, c.citizen!.pin, BIRTH_STEPS[step]));
        const mine = errorsByField(errors, BIRTH_STEPS[step]);
        if (mine.size) return show(step, errors, 400);
        return show(step + 1);
      },
    );

    app.post(
      '/portal/check/:group',
      {
        schema: {
          tags: ['portal'],
          summary: 'Dry run: the messages the hub would give for the fields of one step (nothing is stored)',
          params: Type.Object({ group: Type.String({ maxLength: 40 }) }),
          body: CheckBody,
          querystring: Type.Object({ lang: Lang }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const c = await context(req, reply);
        checkCsrf(c, req.headers['x-csrf-token']);
        const { group } = req.params as { group: string };
        const { step: stepId, values } = req.body as { step: string; values: Record<string, string> };
        const step = BIRTH_STEPS.find((s) => s.id === stepId);
        if (group !== 'birth' || !step) throw new AppError('NOT_FOUND');
        const errors = errorsByField(deps.hub.check(principal(c), 'birth', toDeclaration(valuesFrom(values), c.citizen!.pin, step)), step);
        return reply.header('cache-control', 'no-store').send({
          fields: step.fields.map((f) => ({ name: f.name, message: errors.has(f.name) ? messageOf(errors.get(f.name)!, f, c.t, c.lang) : null })),
        });
      },
    );

    app.get(
      '/portal/dossiers/:id',
      {
        schema: {
          ...page,
          summary: 'A dossier: status, each procedure with its agency, deadline and result, supplement requests, documents',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: Type.Object({ lang: Lang, submitted: Type.Optional(Type.String({ maxLength: 1 })), sent: Type.Optional(Type.String({ maxLength: 1 })) }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const c = await context(req, reply);
        if (!c.citizen) return signIn(reply);
        const { id } = req.params as { id: string };
        const q = req.query as { submitted?: string; sent?: string };
        try {
          const d = await deps.hub.get(principal(c), id);
          const docs = await deps.documents.list(principal(c), id);
          return send(reply, dossierPage(c, d, docs, q.submitted ? 'submittedNotice' : q.sent ? 'supplementSent' : null));
        } catch (e) {
          if (e instanceof AppError && e.code === 'NOT_FOUND') return send(reply, messagePage(c, c.t('notFoundTitle'), c.t('notFoundText')), 404);
          throw e;
        }
      },
    );

    app.post(
      '/portal/dossiers/:id/supplements',
      { schema: { ...page, summary: 'Answer a supplement request from the dossier page', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: SupplementBody } },
      async (req, reply) => {
        const c = await context(req, reply);
        const body = (req.body ?? {}) as Record<string, string>;
        checkCsrf(c, body._csrf);
        const { id } = req.params as { id: string };
        const answers = Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('answer.')).map(([k, v]) => [k.slice('answer.'.length), v]));
        await deps.hub.answerSupplement(principal(c), id, body._procedure ?? '', answers);
        return reply.header('cache-control', 'no-store').redirect(`/portal/dossiers/${id}?sent=1`, 303);
      },
    );

    app.get(
      '/portal/dossiers/:id/documents/:code.pdf',
      {
        schema: {
          tags: ['portal'],
          summary: 'A result document of the citizen’s dossier as a PDF, with the session cookie (same access rule as the API)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String({ minLength: 1, maxLength: 40 }) }),
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const c = await context(req, reply);
        if (!c.citizen) throw new AppError('UNAUTHENTICATED');
        const { id, code } = req.params as { id: string; code: string };
        const normal = normaliseCode(code);
        if (!normal) throw new AppError('NOT_FOUND');
        const pdf = await deps.documents.pdf(principal(c), id, normal);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${normal}.pdf"`).header('cache-control', 'private, no-store').send(pdf);
      },
    );
  };
}
