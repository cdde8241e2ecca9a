import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AGENCIES } from '../../contracts/parts.ts';
import type { OfficeKit } from '../kit.ts';
import { OVERDUE_GROUPS, overduePage, type OverdueView } from '../views/overdue.ts';
import { failurePage, Lang, page, PAGE_SIZE, pageOf } from './shared.ts';

const literals = (xs: readonly string[]) => Type.Union(xs.map((x) => Type.Literal(x)));

/** The overdue worklist (GET /api/v1/dashboard/overdue), for caseworkers. */
export function overdueRoutes(kit: OfficeKit) {
  return async (app: FastifyInstance) => {
    app.get(
      '/office/overdue',
      {
        schema: {
          ...page,
          summary: 'Procedures past their last day: the officer’s agency’s, in their province (the hub’s officers: every agency’s)',
          querystring: Type.Object(
            { lang: Lang, page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), agency: Type.Optional(literals(['', ...AGENCIES])), group: Type.Optional(literals(OVERDUE_GROUPS)), sort: Type.Optional(literals(['', 'dispatched'])) },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const c = kit.context(req, reply);
        if (!kit.gate(c, reply)) return reply;
        const q = req.query as { page?: number; agency?: string; group?: string; sort?: string };
        const n = pageOf(q.page);
        const agency = c.session.officer.agency === 'hub' && q.agency ? q.agency : '';
        const group = q.group ?? '';
        const sort = q.sort === 'dispatched' ? 'dispatched' : '';
        const params = new URLSearchParams({ ...(agency ? { agency } : {}), ...(group ? { group } : {}), ...(sort ? { sort } : {}), ...(n > 1 ? { page: String(n) } : {}) }).toString();
        try {
          const v = await kit.json<OverdueView>(c, {
            method: 'GET',
            path: '/api/v1/dashboard/overdue',
            query: { limit: PAGE_SIZE, offset: (n - 1) * PAGE_SIZE, agency: agency || undefined, group: group || undefined, sort: sort || undefined },
          });
          return kit.send(reply, overduePage(c, v, { page: n, pageSize: PAGE_SIZE, base: `/office/overdue${params ? `?${params}` : ''}`, agency, group, sort }));
        } catch (e) {
          return failurePage(kit, c, reply, e);
        }
      },
    );
  };
}
