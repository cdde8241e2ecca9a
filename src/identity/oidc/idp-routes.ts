import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import Type from 'typebox';
import { fieldError, type FieldError } from '../../kernel/errors.ts';
import type { CitizenAccounts } from '../citizens.ts';
import { csrfMatches, csrfTokenFor, pageHeaders } from '../web/cookies.ts';
import { acceptForms } from '../web/form.ts';
import { loginPage, messagePage } from '../web/pages.ts';
import { IDP_PATH } from './options.ts';

/**
 * Mounts the provider's own endpoints (discovery, authorize, token, JWKS, userinfo, end-session) under /idp.
 * The provider reads request bodies itself, so nothing here parses them.
 */
export function idpMountRoutes(provider: Provider) {
  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    const handle = provider.callback();
    app.route({
      method: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      url: `${IDP_PATH}/*`,
      schema: { hide: true },
      handler: (req, reply) => {
        const raw = req.raw as IncomingMessage & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = raw.url!.slice(IDP_PATH.length) || '/';
        reply.hijack();
        Promise.resolve(handle(raw, reply.raw)).catch((err: unknown) => {
          req.log.error({ err }, 'identity provider failed');
          if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          reply.raw.end();
        });
      },
    });
  };
}

const Uid = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });

const expired = (reply: FastifyReply) =>
  pageHeaders(reply)
    .status(400)
    .send(messagePage('Phiên đăng nhập đã hết hạn', 'The sign-in has expired', 'Vui lòng quay lại trang dịch vụ và đăng nhập lại.', 'Please go back to the service and sign in again.'));

/**
 * The provider's sign-in page (PIN, password, one-time code) and the implied consent of the platform's own client.
 * The form is protected by a double-submit CSRF token; a refusal never says which of the three was wrong.
 */
export function idpInteractionRoutes(provider: Provider, citizens: CitizenAccounts) {
  return async (app: FastifyInstance) => {
    acceptForms(app);

    const details = async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        const d = await provider.interactionDetails(req.raw, reply.raw);
        return d.uid === (req.params as { uid: string }).uid ? d : null;
      } catch {
        return null; // no interaction cookie, or it expired
      }
    };

    app.get(`${IDP_PATH}/interaction/:uid`, { schema: { hide: true, params: Uid } }, async (req, reply) => {
      const d = await details(req, reply);
      if (!d) return expired(reply);
      if (d.prompt.name === 'login')
        return pageHeaders(reply).send(loginPage({ action: `${IDP_PATH}/interaction/${d.uid}/login`, csrf: csrfTokenFor(req, reply) }));
      if (d.prompt.name === 'consent' && d.session?.accountId) {
        // The only client is the platform itself: what it asks for (openid, the PIN as subject) is granted.
        const pd = d.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
        const grant = d.grantId ? await provider.Grant.find(d.grantId) : new provider.Grant({ accountId: d.session.accountId, clientId: String(d.params.client_id) });
        if (!grant) return expired(reply);
        if (pd.missingOIDCScope) grant.addOIDCScope(pd.missingOIDCScope.join(' '));
        if (pd.missingOIDCClaims) grant.addOIDCClaims(pd.missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(pd.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
        const grantId = await grant.save();
        return reply.redirect(await provider.interactionResult(req.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true }), 303);
      }
      return expired(reply);
    });

    app.post(`${IDP_PATH}/interaction/:uid/login`, { schema: { hide: true, params: Uid } }, async (req, reply) => {
      const d = await details(req, reply);
      if (!d || d.prompt.name !== 'login') return expired(reply);
      const form = (req.body ?? {}) as Record<string, string | undefined>;
      const action = `${IDP_PATH}/interaction/${d.uid}/login`;
      if (!csrfMatches(req, form._csrf))
        return pageHeaders(reply)
          .status(403)
          .send(loginPage({ action, csrf: csrfTokenFor(req, reply), error: { vi: 'Biểu mẫu đã hết hạn; vui lòng nhập lại.', en: 'The form has expired; please enter your details again.' } }));
      const pin = (form.pin ?? '').trim();
      const password = form.password ?? '';
      const totp = (form.totp ?? '').trim();
      const fields: FieldError[] = [
        ...(/^\d{12}$/.test(pin) ? [] : [fieldError('pin', 'pattern', 'Enter the 12 digits of your personal identification number.', 'Hãy nhập đủ 12 chữ số của số định danh cá nhân.')]),
        ...(password.length >= 1 && password.length <= 256 ? [] : [fieldError('password', 'required', 'Enter your password.', 'Hãy nhập mật khẩu.')]),
        ...(/^\d{6}$/.test(totp) ? [] : [fieldError('totp', 'pattern', 'Enter the 6 digits your authenticator app shows.', 'Hãy nhập 6 chữ số trên ứng dụng xác thực.')]),
      ];
      if (fields.length)
        return pageHeaders(reply)
          .status(400)
          .send(loginPage({ action, csrf: csrfTokenFor(req, reply), pin, fields, error: { vi: 'Vui lòng sửa các trường được đánh dấu.', en: 'Please correct the marked fields.' } }));
      const signedIn = await citizens.signIn(pin, password, totp);
      if (!signedIn)
        return pageHeaders(reply)
          .status(401)
          .send(
            loginPage({
              action,
              csrf: csrfTokenFor(req, reply),
              pin,
              error: {
                vi: 'Đăng nhập không thành công: số định danh, mật khẩu hoặc mã xác thực không đúng, hoặc tài khoản tạm thời bị khóa.',
                en: 'Sign-in failed: the number, the password or the code is wrong, or the account is locked for now.',
              },
            }),
          );
      const returnTo = await provider.interactionResult(req.raw, reply.raw, { login: { accountId: signedIn } }, { mergeWithLastSubmission: false });
      return reply.redirect(returnTo, 303);
    });
  };
}
