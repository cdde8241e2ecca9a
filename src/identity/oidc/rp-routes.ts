import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AppError, fieldError } from '../../kernel/errors.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { WebSessions } from '../sessions.ts';
import { clearCookie, COOKIES, pageHeaders, readCookies, setCookie } from '../web/cookies.ts';
import { acceptForms } from '../web/form.ts';
import { messagePage, signedInPage } from '../web/pages.ts';
import type { RelyingParty } from './relying-party.ts';

const wantsJson = (req: FastifyRequest) => /application\/json/.test(req.headers.accept ?? '');

const SessionToken = Type.Object({ token: Type.String(), tokenType: Type.Literal('Bearer'), expiresIn: Type.Integer(), csrfToken: Type.String() });

/**
 * Citizen sign-in: to the identity provider and back, then a session in an HTTP-only cookie and a bearer token
 * for the API. Sign-out is a POST carrying the session's CSRF token (form field `_csrf` or header `x-csrf-token`).
 */
export function citizenSignInRoutes(rp: RelyingParty, sessions: WebSessions) {
  return async (app: FastifyInstance) => {
    acceptForms(app);

    app.get(
      '/auth/citizen/sign-in',
      { schema: { tags: ['identity'], summary: 'Citizen sign-in: redirects to the identity provider (OpenID Connect, PKCE)', response: { '4xx': ErrorSchema } } },
      async (_req, reply) => {
        const { url, flow, maxAgeSeconds } = await rp.begin();
        setCookie(reply, COOKIES.flow, flow, maxAgeSeconds); // Lax: it must come back with the provider's redirect
        return reply.header('cache-control', 'no-store').redirect(url, 303);
      },
    );

    app.get(
      '/auth/citizen/callback',
      {
        schema: {
          tags: ['identity'],
          summary: 'Where the identity provider sends the citizen back: starts the session; JSON (Accept: application/json) carries a bearer token',
          querystring: Type.Object({}, { additionalProperties: Type.String({ maxLength: 4096 }) }),
          response: { 200: SessionToken, '4xx': ErrorSchema },
        },
      },
      async (req, reply) => {
        const cookies = readCookies(req);
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
        clearCookie(reply, COOKIES.flow);
        const pin = await rp.finish(cookies[COOKIES.flow], query);
        const s = await sessions.start(pin, { issuer: rp.oidc.issuer });
        setCookie(reply, COOKIES.session, s.id, s.maxAgeSeconds);
        reply.header('cache-control', 'no-store');
        if (!wantsJson(req)) return pageHeaders(reply).send(signedInPage(s.csrfToken));
        const { token, expiresIn } = await sessions.bearer({ pin, csrfToken: s.csrfToken });
        return { token, tokenType: 'Bearer' as const, expiresIn, csrfToken: s.csrfToken };
      },
    );

    app.get(
      '/auth/session',
      {
        schema: {
          tags: ['identity'],
          summary: 'The signed-in citizen’s session (cookie): a fresh bearer token for the API and the CSRF token for sign-out',
          response: { 200: SessionToken, '4xx': ErrorSchema },
        },
      },
      async (req, reply) => {
        const s = await sessions.find(readCookies(req)[COOKIES.session]);
        if (!s) throw new AppError('UNAUTHENTICATED');
        const { token, expiresIn } = await sessions.bearer(s);
        return reply.header('cache-control', 'no-store').send({ token, tokenType: 'Bearer' as const, expiresIn, csrfToken: s.csrfToken });
      },
    );

    app.post(
      '/auth/sign-out',
      {
        schema: {
          tags: ['identity'],
          summary: 'End the citizen’s session (CSRF token in the `_csrf` field or the `x-csrf-token` header)',
          response: { 200: Type.Object({ signedOut: Type.Boolean() }), '4xx': ErrorSchema },
        },
      },
      async (req, reply: FastifyReply) => {
        const id = readCookies(req)[COOKIES.session];
        const s = id ? await sessions.find(id) : null;
        if (!id || !s) throw new AppError('UNAUTHENTICATED');
        const body = (req.body ?? {}) as { _csrf?: unknown };
        const header = req.headers['x-csrf-token'];
        const csrf = typeof header === 'string' ? header : typeof body._csrf === 'string' ? body._csrf : undefined;
        if (!(await sessions.end(id, s, csrf)))
          throw new AppError('CSRF_FAILED', [fieldError('_csrf', 'csrf', 'Send the session’s CSRF token with the request.', 'Hãy gửi kèm mã CSRF của phiên đăng nhập.')]);
        clearCookie(reply, COOKIES.session);
        if (wantsJson(req)) return { signedOut: true };
        return pageHeaders(reply).send(messagePage('Đã đăng xuất', 'Signed out', 'Bạn đã đăng xuất.', 'You are signed out.'));
      },
    );
  };
}
