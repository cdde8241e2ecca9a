import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AppError, ERROR_CATALOGUE, fieldError } from '../kernel/errors.ts';
import { ApiFailure, callJson } from './api.ts';
import { OfficeKit, safeReturn, type OfficeDeps } from './kit.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { dossierRoutes } from './routes/dossiers.ts';
import { officerRoutes } from './routes/officers.ts';
import { overdueRoutes } from './routes/overdue.ts';
import { reportRoutes } from './routes/reports.ts';
import { ruleRoutes } from './routes/rules.ts';
import { settingsRoutes } from './routes/settings.ts';
import { Done, failurePage, Lang, page } from './routes/shared.ts';
import { worklistRoutes } from './routes/worklists.ts';
import { homePage, signInPage } from './views/home.ts';
import { messagePage } from './views/layout.ts';

const ASSETS = join(import.meta.dirname, 'assets');
/** Read once at start-up: the whole front end is one stylesheet and one small script (system fonts, no CDN). */
const FILES = {
  css: readFileSync(join(ASSETS, 'office.css'), 'utf8'),
  js: readFileSync(join(ASSETS, 'office.js'), 'utf8'),
};

const SignInBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 100 })),
    next: Type.Optional(Type.String({ maxLength: 500 })),
    username: Type.Optional(Type.String({ maxLength: 100 })),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    totp: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const USERNAME = /^[a-z0-9._-]{3,64}$/;

/** Parses the pages' form posts (8 KiB at most); a field given twice is refused. */
function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) => {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(String(body))) {
      if (k in out) return done(new AppError('VALIDATION_FAILED', [fieldError(k, 'repeated', 'This field is given twice.', 'Trường này bị lặp lại.')]));
      out[k] = v;
    }
    done(null, out);
  });
}

const wantsHtml = (req: FastifyRequest) => /text\/html/.test(req.headers.accept ?? '');

/**
 * The back office for officers (docs/back-office-web.md): server-rendered pages under /office that read and act
 * through the platform's HTTP API with the signed-in officer's token. Vietnamese by default, English with the
 * switch; usable at 360 px; every form posts and works without the script.
 */
export function officeRoutes(deps: OfficeDeps) {
  const kit: OfficeKit = new OfficeKit(deps);
  return async (app: FastifyInstance) => {
    acceptForms(app);

    // A browser gets a page when a request is refused; any other client, and every unexpected error, gets the
    // platform's uniform JSON error.
    app.setErrorHandler(async (err, req, reply) => {
      if (!(err instanceof AppError) || !wantsHtml(req)) throw err;
      const c = kit.context(req, reply);
      if (err.code === 'UNAUTHENTICATED') return reply.header('cache-control', 'no-store').redirect('/office/sign-in?ended=1', 303);
      const { vi, en } = ERROR_CATALOGUE[err.code];
      const reasons = err.fields.map((f) => (c.lang === 'vi' ? f.reasonVi : f.reason));
      const title = err.code === 'NOT_FOUND' ? c.t('notFoundTitle') : err.code === 'CSRF_FAILED' ? c.t('formExpired') : c.t('errorTitle');
      return kit.send(reply, messagePage(c, title, [c.lang === 'vi' ? vi : en, ...reasons].join(' ')), ERROR_CATALOGUE[err.code].status);
    });

    app.get('/office/assets/office.css', { schema: { ...page, summary: 'The back office’s stylesheet' } }, async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(FILES.css),
    );
    app.get('/office/assets/office.js', { schema: { ...page, summary: 'The back office’s progressive-enhancement script' } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(FILES.js),
    );

    app.get('/office', { schema: { ...page, summary: 'Back-office start page: what the officer’s role may open', querystring: Type.Object({ lang: Lang, done: Done }, { additionalProperties: false }) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      if (!kit.gate(c, reply)) return reply;
      return kit.send(reply, homePage(c, (req.query as { done?: string }).done));
    });

    app.get(
      '/office/sign-in',
      {
        schema: {
          ...page,
          summary: 'Officer sign-in form (username, password, TOTP code)',
          querystring: Type.Object({ lang: Lang, next: Type.Optional(Type.String({ maxLength: 500 })), out: Type.Optional(Type.String({ maxLength: 1 })), ended: Type.Optional(Type.String({ maxLength: 1 })) }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const c = kit.context(req, reply);
        const q = req.query as { next?: string; out?: string; ended?: string };
        const next = safeReturn(q.next, '/office');
        if (c.session) return reply.header('cache-control', 'no-store').redirect(next, 303);
        return kit.send(reply, signInPage(c, { csrf: deps.sessions.signInCsrf(req, reply), next, info: q.out ? 'signed-out' : q.ended ? 'session-ended' : null }));
      },
    );

    app.post('/office/sign-in', { schema: { ...page, summary: 'Sign an officer in through the sign-in API; the token is kept in a sealed, HTTP-only cookie', body: SignInBody } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as { _csrf?: string; next?: string; username?: string; password?: string; totp?: string };
      const username = (body.username ?? '').trim().toLowerCase();
      const password = body.password ?? '';
      const totp = (body.totp ?? '').trim();
      const next = safeReturn(body.next, '/office');
      const html = wantsHtml(req);
      const again = (status: number, f: Omit<Parameters<typeof signInPage>[1], 'csrf' | 'next' | 'username'>) =>
        kit.send(reply, signInPage(c, { csrf: deps.sessions.signInCsrf(req, reply), next, username, ...f }), status);

      // The shape first (nothing is asked of anyone), then the form's origin, then the credentials.
      const bad = [...(USERNAME.test(username) ? [] : (['username'] as const)), ...(password ? [] : (['password'] as const)), ...(/^\d{6}$/.test(totp) ? [] : (['totp'] as const))];
      if (bad.length) {
        if (!html)
          throw new AppError('VALIDATION_FAILED', bad.map((f) => fieldError(f, f === 'password' ? 'required' : 'pattern', `Enter the ${f}.`, f === 'username' ? 'Hãy nhập tên đăng nhập.' : f === 'password' ? 'Hãy nhập mật khẩu.' : 'Hãy nhập 6 chữ số của mã xác thực.')));
        return again(400, { fields: bad });
      }
      if (!deps.sessions.signInCsrfMatches(req, body._csrf)) {
        if (!html) throw new AppError('CSRF_FAILED');
        return again(403, { failed: 'expired' });
      }
      try {
        const out = await callJson<{ token: string }>(deps.api, { method: 'POST', path: '/api/v1/auth/officer/sign-in', body: { username, password, totp }, ip: c.ip });
        if (!deps.sessions.start(reply, out.token)) throw new AppError('SIGN_IN_FAILED');
        return reply.header('cache-control', 'no-store').redirect(next, 303);
      } catch (e) {
        if (!(e instanceof ApiFailure)) throw e;
        if (!html) throw new AppError(e.code === 'UNKNOWN' ? 'SIGN_IN_FAILED' : e.code, e.fields);
        if (e.status === 401) return again(401, { failed: 'credentials' });
        if (e.status === 429) return again(429, { failed: 'rate-limited' });
        return failurePage(kit, c, reply, e);
      }
    });

    app.post('/office/sign-out', { schema: { ...page, summary: 'Sign out: the officer’s tokens are revoked and the cookie removed', body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      kit.checkCsrf(c, (req.body as { _csrf?: string } | undefined)?._csrf);
      // Revoking is what makes a copy of the cookie worthless; a token already void needs nothing more.
      await kit.json(c, { method: 'POST', path: '/api/v1/auth/sign-out-everywhere' }).catch((e: unknown) => {
        if (!(e instanceof ApiFailure && e.status === 401)) throw e;
      });
      deps.sessions.end(reply);
      return reply.header('cache-control', 'no-store').redirect('/office/sign-in?out=1', 303);
    });

    await app.register(worklistRoutes(kit));
    await app.register(overdueRoutes(kit));
    await app.register(dossierRoutes(kit));
    await app.register(reportRoutes(kit));
    await app.register(dashboardRoutes(kit));
    await app.register(settingsRoutes(kit));
    await app.register(ruleRoutes(kit));
    await app.register(officerRoutes(kit));
  };
}

export type { OfficeDeps };
