import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import { ApiFailure } from '../api.ts';
import { safeReturn, withNotice, type OfficeKit, type SignedIn } from '../kit.ts';
import type { Typed } from '../views/forms.ts';
import { credentialsPage, officersPage, type Credentials, type OfficerRow } from '../views/officers.ts';
import { Done, failurePage, formBody, Lang, page, pageOf, queryOf, type FormFields } from './shared.ts';

const SIZE = 20;
const Username = Type.Object({ username: Type.String({ pattern: '^[a-z0-9._-]{3,64}$' }) }, { additionalProperties: false });
const NEW_FIELDS = ['username', 'agency', 'role', 'provinceCode', 'districtCode', 'communeCode'];

/** Officer accounts for IT operators, through the identity API (each change audited there). */
export function officerRoutes(kit: OfficeKit) {
  return async (app: FastifyInstance) => {
    async function show(c: SignedIn, reply: FastifyReply, s: { page?: number | string | undefined; done?: string | undefined; failure?: ApiFailure; typed?: Typed }, status = 200) {
      const n = pageOf(s.page);
      try {
        const v = await kit.json<{ items: OfficerRow[]; total: number }>(c, { method: 'GET', path: '/api/v1/officers', query: { limit: SIZE, offset: (n - 1) * SIZE } });
        return kit.send(reply, officersPage(c, v, { ...s, page: n, pageSize: SIZE }), status);
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    }

    app.get(
      '/office/officers',
      { schema: { ...page, summary: 'IT operator: officer accounts, page by page, and the form for a new one', querystring: Type.Object({ lang: Lang, page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), done: Done }, { additionalProperties: false }) } },
      async (req, reply) => {
        const c = kit.context(req, reply);
        if (!kit.gate(c, reply)) return reply;
        return show(c, reply, req.query as { page?: number; done?: string });
      },
    );

    app.post('/office/officers', { schema: { ...page, summary: 'Create an officer account; its one-time password and TOTP enrolment are shown once', body: formBody(NEW_FIELDS) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as FormFields;
      kit.checkCsrf(c, body._csrf);
      const v = (k: string) => (body[k] ?? '').trim();
      const area = { provinceCode: v('provinceCode'), ...(v('districtCode') ? { districtCode: v('districtCode') } : {}), ...(v('communeCode') ? { communeCode: v('communeCode') } : {}) };
      try {
        const created = await kit.json<Credentials>(c, { method: 'POST', path: '/api/v1/officers', body: { username: v('username'), agency: v('agency'), role: v('role'), area } });
        return kit.send(reply, credentialsPage(c, created), 201);
      } catch (e) {
        if (!(e instanceof ApiFailure) || e.status === 401 || e.status >= 500) return failurePage(kit, c, reply, e);
        const typed = Object.fromEntries(NEW_FIELDS.map((k) => [k, body[k] ?? '']));
        return show(c, reply, { page: queryOf(safeReturn(body._return, '/office/officers')).page, failure: e, typed }, e.status);
      }
    });

    app.post('/office/officers/:username', { schema: { ...page, summary: 'Disable, unlock, or give new credentials to an officer account', params: Username, body: formBody([]) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as FormFields;
      kit.checkCsrf(c, body._csrf);
      const { username } = req.params as { username: string };
      const back = safeReturn(body._return, '/office/officers');
      const act = body._action;
      if (act !== 'disable' && act !== 'unlock' && act !== 'reset-credentials') return reply.header('cache-control', 'no-store').redirect(back, 303);
      try {
        const out = await kit.json<Credentials>(c, { method: 'POST', path: `/api/v1/officers/${username}/${act}` });
        if (act === 'reset-credentials') return kit.send(reply, credentialsPage(c, out));
        return reply.header('cache-control', 'no-store').redirect(withNotice(back, act === 'disable' ? 'disabled' : 'unlocked'), 303);
      } catch (e) {
        if (!(e instanceof ApiFailure) || e.status === 401 || e.status >= 500) return failurePage(kit, c, reply, e);
        return show(c, reply, { page: queryOf(back).page, failure: e }, e.status);
      }
    });
  };
}
