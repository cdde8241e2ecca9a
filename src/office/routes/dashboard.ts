import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ApiFailure } from '../api.ts';
import type { OfficeKit } from '../kit.ts';
import { dashboardPage, type DashboardFilters, type SlaView } from '../views/dashboard.ts';
import { failurePage, Lang, page } from './shared.ts';

const Query = Type.Object(
  {
    lang: Lang,
    from: Type.Optional(Type.String({ maxLength: 10 })),
    to: Type.Optional(Type.String({ maxLength: 10 })),
    group: Type.Optional(Type.String({ maxLength: 20 })),
    provinceCode: Type.Optional(Type.String({ maxLength: 2 })),
  },
  { additionalProperties: false },
);

/** The SLA dashboard: the API's aggregates for the officer's area, drawn as SVG charts with their tables. */
export function dashboardRoutes(kit: OfficeKit) {
  return async (app: FastifyInstance) => {
    app.get('/office/dashboard', { schema: { ...page, summary: 'SLA dashboard with charts (on-time rate, open and overdue by province, working days, per day)', querystring: Query } }, async (req, reply) => {
      const c = kit.context(req, reply);
      if (!kit.gate(c, reply)) return reply;
      const q = req.query as DashboardFilters;
      const clean = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
      const f: DashboardFilters = { from: clean(q.from), to: clean(q.to), group: clean(q.group), provinceCode: clean(q.provinceCode) };
      try {
        const v = await kit.json<SlaView>(c, { method: 'GET', path: '/api/v1/dashboard/sla', query: { ...f } });
        return kit.send(reply, dashboardPage(c, v, f));
      } catch (e) {
        // Bad dates or another province: the filters again, as typed, with the API's reasons.
        if (e instanceof ApiFailure && (e.status === 400 || e.status === 403)) return kit.send(reply, dashboardPage(c, null, f, e), e.status);
        return failurePage(kit, c, reply, e);
      }
    });
  };
}
