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
import { vnDateOf } from '../kernel/dates.ts';
import { AppError, ERROR_CATALOGUE, type FieldError } from '../kernel/errors.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import type { RuleBook } from '../kernel/rules/rule-book.ts';
import { BIRTH_FORM } from './birth-form.ts';
import { DEATH_FORM } from './death-form.ts';
import { addRow, errorsByField, fieldOf, postableNames, removeRow, rowCount, rowFields, stepFields, stepIndexOf, toDeclaration, valuesFrom, type DeclarationForm, type FormStep, type FormValues } from './forms.ts';
import type { Html } from './html.ts';
import { LANG_COOKIE, langOf, translator, type MessageKey } from './i18n/index.ts';
import { answerName, readAnswers } from './supplement-form.ts';
import { getJson, MY_VOLUNTARY_SI_PATH, type PortalApi } from './api.ts';
import { VOLUNTARY_FORM } from './voluntary-form.ts';
import { addAction, declarationPage, removeAction } from './views/declaration.ts';
import { dossierPage, type SupplementState } from './views/dossier.ts';
import { messageOf } from './views/form-fields.ts';
import { homePage, messagePage, welcomePage } from './views/home.ts';
import type { PageContext } from './views/layout.ts';
import { myVoluntarySiPage, type MyVoluntarySi } from './views/voluntary-si.ts';

/** What the portal asks of the rest of the platform: the hub's services and the identity part's web sessions. */
export interface PortalDeps {
  readonly hub: Pick<HubService, 'check' | 'submit' | 'get' | 'list' | 'answerSupplement'>;
  readonly documents: Pick<HubDocuments, 'list' | 'pdf'>;
  readonly sessions: {
    find(id: string | undefined): Promise<{ pin: string; csrfToken: string } | null>;
    /** A bearer token for the API, for the session's citizen (identity/sessions.ts). */
    bearer(s: { pin: string; csrfToken: string }): Promise<{ token: string }>;
  };
  /**
   * The platform's HTTP API, for what an agency's part serves (the participant's own voluntary SI, social security's):
   * `inject` into this process in embedded mode, HTTP to the agency's process in distributed mode (api.ts).
   */
  readonly api: PortalApi;
  /** The platform's clock: today's date for the hints that depend on it (the income bounds of a month). */
  readonly clock?: Clock;
  /** The rule book the hub checks amounts with (default: the built-in tables), for the hints that quote it. */
  readonly rules?: () => RuleBook;
}

/** The declarations a citizen makes through the portal, by procedure group. */
export const FORMS: Readonly<Record<string, DeclarationForm>> = { birth: BIRTH_FORM, death: DEATH_FORM, 'voluntary-si': VOLUNTARY_FORM };

const PAGE_SIZE = 10;
const ASSETS = join(import.meta.dirname, 'assets');
/** Read once at start-up; the two files are the whole front end (no CDN, system fonts). */
const FILES = {
  css: readFileSync(join(ASSETS, 'portal.css'), 'utf8'),
  js: readFileSync(join(ASSETS, 'portal.js'), 'utf8'),
};

/** A form's body: the form's own fields (rows up to their maximum) and the page's hidden fields, nothing else. */
const formBody = (form: DeclarationForm) =>
  Type.Object(
    {
      _csrf: Type.Optional(Type.String({ maxLength: 100 })),
      _key: Type.Optional(Type.String({ maxLength: 100 })),
      _step: Type.Optional(Type.String({ maxLength: 2 })),
      _action: Type.Optional(Type.String({ maxLength: 30 })),
      ...Object.fromEntries(postableNames(form).map((name) => [name, Type.Optional(Type.String({ maxLength: 300 }))])),
    },
    { additionalProperties: false },
  );
const CheckBody = Type.Object(
  { step: Type.String({ maxLength: 20 }), values: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 300 }), { maxProperties: 80 }) },
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
    const today = () => vnDateOf((deps.clock ?? systemClock).now());

    /**
     * The hub's messages for one step (its dry run, the code submit runs). The rules run only on a declaration the
     * schema accepts, so while some of the step's fields are still empty they are run again with stand-ins for those:
     * a date typed is judged before the rest of the step is filled in. The stand-ins' own messages are never shown.
     */
    function checkStep(c: PageContext, form: DeclarationForm, values: FormValues, step: FormStep): FieldError[] {
      const pin = c.citizen!.pin;
      const errors = deps.hub.check(principal(c), form.group, toDeclaration(form, values, pin, step));
      const stand = form.standIns(pin);
      const empty = step.fields.filter((f) => !values[f.name] && stand[f.name]);
      if (!errors.length || !empty.length) return errors;
      const filled = { ...values, ...Object.fromEntries(empty.map((f) => [f.name, stand[f.name]!])) };
      const seen = new Set(errors.map((e) => fieldOf(form, values, e)?.name));
      const more = deps.hub.check(principal(c), form.group, toDeclaration(form, filled, pin, step)).filter((e) => {
        const f = fieldOf(form, values, e);
        return f && values[f.name] && !seen.has(f.name);
      });
      return [...errors, ...more];
    }

    /**
     * A declaration form's two routes. GET: its first step. POST: a step sent (next, back, change, add or remove a
     * row, submit). Each step is checked by the hub's dry run before the next is shown; submit carries the form's
     * idempotency key, so a repeated submit (a double click, a retry on a slow network) gives the same dossier.
     */
    function declarationRoutes(form: DeclarationForm) {
      app.get(
        form.path,
        { schema: { ...page, summary: `The ${form.group} declaration form, first step`, querystring: Type.Object({ lang: Lang }, { additionalProperties: false }) } },
        async (req, reply) => {
          const c = await context(req, reply);
          if (!c.citizen) return signIn(reply);
          return send(reply, declarationPage(c, form, { step: 0, values: {}, errors: new Map(), key: randomUUID(), today: today(), rules: deps.rules?.() }));
        },
      );

      app.post(
        form.path,
        {
          schema: {
            ...page,
            summary: `A step of the ${form.group} declaration form (next, back, change, add or remove a row, submit)`,
            body: formBody(form),
            querystring: Type.Object({ lang: Lang }, { additionalProperties: false }),
          },
        },
        async (req, reply) => {
          const c = await context(req, reply);
          const body = (req.body ?? {}) as Record<string, string | undefined>;
          checkCsrf(c, body._csrf);
          const pin = c.citizen!.pin;
          let values: FormValues = valuesFrom(form, body);
          const key = body._key && /^[A-Za-z0-9-]{8,100}$/.test(body._key) ? body._key : randomUUID();
          const step = Math.min(Math.max(Number.parseInt(body._step ?? '0', 10) || 0, 0), form.steps.length);
          const action = body._action ?? 'next';
          const show = (s: number, errors: readonly FieldError[] = [], status = 200, focus?: string) => {
            const mine = errorsByField(form, values, errors, form.steps[s]);
            // A message the form has no field for (it should not happen) is still shown, in the summary.
            const stray = errors.filter((e) => !fieldOf(form, values, e));
            const shown = new Map(mine);
            stray.forEach((e, i) => shown.set(`_other${i}`, e));
            return send(reply, declarationPage(c, form, { step: s, values, errors: shown, key, today: today(), rules: deps.rules?.(), ...(focus ? { focus } : {}) }), status);
          };
          const rows = form.steps[step]?.rows;

          if (action === 'back') return show(Math.max(step - 1, 0));
          const edit = /^edit-(\d)$/.exec(action);
          if (edit) return show(Math.min(Number(edit[1]), form.steps.length - 1));
          if (rows && action === addAction(rows)) {
            const n = rowCount(values, rows);
            values = addRow(values, rows);
            return show(step, [], 200, rowFields(rows, Math.min(n, rows.max - 1))[0]!.name);
          }
          const remove = rows && new RegExp(`^${removeAction(rows, 0).slice(0, -1)}(\\d+)$`).exec(action);
          if (rows && remove) {
            values = removeRow(values, rows, Number(remove[1]));
            return show(step, [], 200, addAction(rows));
          }
          if (action === 'submit') {
            try {
              const out = await deps.hub.submit(principal(c), form.group, toDeclaration(form, values, pin), `portal:${key}`);
              return reply.header('cache-control', 'no-store').redirect(`/portal/dossiers/${out.id}?submitted=1`, 303);
            } catch (e) {
              if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
              // Back to the first step with something to correct, everything typed kept.
              const first = e.fields.map((f) => fieldOf(form, values, f)).find((f) => f !== undefined);
              return show(first ? Math.max(stepIndexOf(form, values, first), 0) : 0, e.fields, 400);
            }
          }
          if (step >= form.steps.length) return show(step);
          const errors = checkStep(c, form, values, form.steps[step]!);
          if (errorsByField(form, values, errors, form.steps[step]).size) return show(step, errors, 400);
          const next = form.steps[step + 1]?.rows;
          if (next?.startWithOne?.(values) && rowCount(values, next) === 0) values = addRow(values, next);
          return show(step + 1);
        },
      );
    }

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

    for (const form of Object.values(FORMS)) declarationRoutes(form);

    app.get(
      '/portal/me/voluntary-si',
      {
        schema: {
          ...page,
          summary: 'My voluntary social insurance: status, SI code, periods paid, the next payment with its QR code, social security’s notices',
          querystring: Type.Object({ lang: Lang }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const c = await context(req, reply);
        if (!c.citizen) return signIn(reply);
        // Social security's own route, as the session's citizen: no other citizen's data can be asked for.
        const { token } = await deps.sessions.bearer({ pin: c.citizen.pin, csrfToken: c.citizen.csrf });
        const data = await getJson<MyVoluntarySi>(deps.api, MY_VOLUNTARY_SI_PATH, token);
        if (!data || typeof data !== 'object') return send(reply, messagePage(c, c.t('vsiUnavailableTitle'), c.t('vsiUnavailable')), 503);
        return send(reply, myVoluntarySiPage(c, data));
      },
    );

    /** A dossier's page as the citizen sees it, with its documents (NOT_FOUND if it is not theirs). */
    async function dossierHtml(c: PageContext, id: string, notice: MessageKey | null, supplement?: SupplementState): Promise<Html> {
      const d = await deps.hub.get(principal(c), id);
      const docs = await deps.documents.list(principal(c), id);
      return dossierPage(c, d, docs, notice, supplement);
    }


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
        const form = FORMS[group];
        const step = form?.steps.find((s) => s.id === stepId);
        if (!form || !step) throw new AppError('NOT_FOUND');
        const v = valuesFrom(form, values);
        const errors = errorsByField(form, v, checkStep(c, form, v, step), step);
        return reply.header('cache-control', 'no-store').send({
          fields: stepFields(step, v).map((f) => {
            // A hint that depends on what is typed (the income bounds of the start month) comes back with the messages.
            const hint = form.extraHint?.(f.name, v, c.t, c.lang, today(), deps.rules?.());
            return { name: f.name, message: errors.has(f.name) ? messageOf(errors.get(f.name)!, f, c.t, c.lang) : null, ...(hint ? { hint } : {}) };
          }),
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
          return send(reply, await dossierHtml(c, id, q.submitted ? 'submittedNotice' : q.sent ? 'supplementSent' : null));
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
        const procedure = body._procedure ?? '';
        // What was asked is read from the dossier (a citizen sees only their own): the answers are read for those fields only.
        const asked = (await deps.hub.get(principal(c), id)).procedures.find((p) => p.code === procedure && p.status === 'awaiting-supplement')?.reasons ?? [];
        const read = readAnswers(asked, body);
        const again = async (errors: ReadonlyMap<string, FieldError>) => {
          const state: SupplementState = { procedure, values: read.values, errors };
          return send(reply, await dossierHtml(c, id, null, state), 400);
        };
        if (read.errors.size) return again(read.errors);
        try {
          await deps.hub.answerSupplement(principal(c), id, procedure, read.answers);
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED' || !asked.length) throw e;
          // The hub's refusal (an answer missing), beside the inputs it concerns.
          return again(new Map(e.fields.map((f) => [answerName(f.path.replace(/^answers\./, '')), f] as const)));
        }
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
