import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import { fieldError, type FieldError } from '../../kernel/errors.ts';
import { ApiFailure } from '../api.ts';
import type { OfficeKit, SignedIn } from '../kit.ts';
import type { Typed } from '../views/forms.ts';
import { hiCardApprovalPage, limitField, resetField, timeLimitsPage, type ApprovalView, type TimeLimitsView } from '../views/settings.ts';
import { Done, failurePage, Lang, page, pageOf } from './shared.ts';

const Province = Type.Optional(Type.String({ maxLength: 2 }));
const Body = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 }), { maxProperties: 80 });

/** A refusal the page makes itself (before asking the API), in the API's own shape. */
const refusal = (fields: FieldError[]) => new ApiFailure(400, 'VALIDATION_FAILED', 'Yêu cầu không hợp lệ.', 'The request is not valid.', fields);

/** The province an operator works on: their own, or (national operator) the one asked for. */
function provinceOf(c: SignedIn, asked: string | undefined): string | undefined {
  if (c.session.officer.provinceCode) return c.session.officer.provinceCode;
  return asked && /^\d{2}$/.test(asked) ? asked : undefined;
}

/** The IT operator's configuration pages: the hub's per-province time limits, social security's HI-card approval switch. */
export function settingsRoutes(kit: OfficeKit) {
  return async (app: FastifyInstance) => {
    // ——— the hub's time limits ———
    async function showLimits(c: SignedIn, reply: FastifyReply, s: { provinceCode?: string | undefined; done?: string | undefined; failure?: ApiFailure; typed?: Typed; page?: number }, status = 200) {
      const code = provinceOf(c, s.provinceCode);
      if (!code) return kit.send(reply, timeLimitsPage(c, null, { ...s, page: 1 }), status);
      try {
        const v = await kit.json<TimeLimitsView>(c, { method: 'GET', path: `/api/v1/settings/time-limits/${code}` });
        return kit.send(reply, timeLimitsPage(c, v, { ...s, provinceCode: code, page: pageOf(s.page) }), status);
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    }

    app.get(
      '/office/settings/time-limits',
      { schema: { ...page, summary: 'IT operator of the hub: per-province time limits of the procedures', querystring: Type.Object({ lang: Lang, provinceCode: Province, page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), done: Done }, { additionalProperties: false }) } },
      async (req, reply) => {
        const c = kit.context(req, reply);
        if (!kit.gate(c, reply)) return reply;
        const q = req.query as { provinceCode?: string; page?: number; done?: string };
        return showLimits(c, reply, q);
      },
    );

    app.post('/office/settings/time-limits', { schema: { ...page, summary: 'Set time limits in a province from a date, with a reason (audited by the API)', body: Body } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as Record<string, string>;
      kit.checkCsrf(c, body._csrf);
      const code = provinceOf(c, body.provinceCode);
      if (!code) return showLimits(c, reply, { failure: refusal([fieldError('provinceCode', 'required', 'Choose a province.', 'Hãy chọn tỉnh.')]) }, 400);
      const typed: Typed = Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('_')));
      try {
        const current = await kit.json<TimeLimitsView>(c, { method: 'GET', path: `/api/v1/settings/time-limits/${code}` });
        const issues: FieldError[] = [];
        const limits = current.procedures.flatMap((p): { group: string; procedure: string; workingDays: number | null }[] => {
          if (body[resetField(p.group, p.procedure)]) return [{ group: p.group, procedure: p.procedure, workingDays: null }];
          const raw = (body[limitField(p.group, p.procedure)] ?? '').trim();
          if (!raw) return [];
          if (!/^\d{1,3}$/.test(raw) || Number(raw) > 365) {
            issues.push(fieldError(limitField(p.group, p.procedure), 'not-working-days', `${p.procedure}: a whole number of working days from 0 to 365.`, `${p.procedure}: số ngày làm việc là số nguyên từ 0 đến 365.`));
            return [];
          }
          return [{ group: p.group, procedure: p.procedure, workingDays: Number(raw) }];
        });
        if (!issues.length && !limits.length) issues.push(fieldError('limits', 'nothing-to-change', 'Enter a new limit for at least one procedure, or tick “back to the default”.', 'Hãy nhập thời hạn mới cho ít nhất một thủ tục, hoặc đánh dấu “trở về mặc định”.'));
        if (issues.length) return showLimits(c, reply, { provinceCode: code, failure: refusal(issues), typed }, 400);
        await kit.json(c, { method: 'PUT', path: `/api/v1/settings/time-limits/${code}`, body: { effectiveFrom: (body.effectiveFrom ?? '').trim(), reason: (body.reason ?? '').trim(), limits } });
        return reply.header('cache-control', 'no-store').redirect(`/office/settings/time-limits?${new URLSearchParams({ ...(c.session.officer.provinceCode ? {} : { provinceCode: code }), done: 'saved' })}`, 303);
      } catch (e) {
        if (e instanceof ApiFailure && e.status >= 400 && e.status < 500 && e.status !== 401) return showLimits(c, reply, { provinceCode: code, failure: e, typed }, e.status);
        return failurePage(kit, c, reply, e);
      }
    });

    // ——— social security's HI-card approval switch ———
    async function showApproval(c: SignedIn, reply: FastifyReply, s: { provinceCode?: string | undefined; done?: string | undefined; failure?: ApiFailure; typed?: Typed }, status = 200) {
      const code = provinceOf(c, s.provinceCode);
      if (!code) return kit.send(reply, hiCardApprovalPage(c, null, s), status);
      try {
        const v = await kit.json<ApprovalView>(c, { method: 'GET', path: `/api/v1/agencies/social-security/settings/provinces/${code}` });
        return kit.send(reply, hiCardApprovalPage(c, v, { ...s, provinceCode: code }), status);
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    }

    app.get(
      '/office/settings/hi-card-approval',
      { schema: { ...page, summary: 'IT operator of social security: whether a province’s HI cards wait for the director’s approval', querystring: Type.Object({ lang: Lang, provinceCode: Province, done: Done }, { additionalProperties: false }) } },
      async (req, reply) => {
        const c = kit.context(req, reply);
        if (!kit.gate(c, reply)) return reply;
        return showApproval(c, reply, req.query as { provinceCode?: string; done?: string });
      },
    );

    app.post('/office/settings/hi-card-approval', { schema: { ...page, summary: 'Change a province’s HI-card approval, with a reason (audited by the API)', body: Body } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as Record<string, string>;
      kit.checkCsrf(c, body._csrf);
      const code = provinceOf(c, body.provinceCode);
      if (!code) return showApproval(c, reply, { failure: refusal([fieldError('provinceCode', 'required', 'Choose a province.', 'Hãy chọn tỉnh.')]) }, 400);
      const typed: Typed = { hiCardApproval: body.hiCardApproval ?? '', reason: body.reason ?? '' };
      try {
        await kit.json(c, { method: 'PUT', path: `/api/v1/agencies/social-security/settings/provinces/${code}`, body: { hiCardApproval: body.hiCardApproval ?? '', reason: (body.reason ?? '').trim() } });
        return reply.header('cache-control', 'no-store').redirect(`/office/settings/hi-card-approval?${new URLSearchParams({ ...(c.session.officer.provinceCode ? {} : { provinceCode: code }), done: 'saved' })}`, 303);
      } catch (e) {
        if (e instanceof ApiFailure && e.status >= 400 && e.status < 500 && e.status !== 401) return showApproval(c, reply, { provinceCode: code, failure: e, typed }, e.status);
        return failurePage(kit, c, reply, e);
      }
    });
  };
}
