import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ApiFailure } from '../api.ts';
import type { OfficeKit, SignedIn } from '../kit.ts';
import { reportsPage, type ReportItem, type ReportTyped } from '../views/reports.ts';
import { failurePage, Lang, page } from './shared.ts';

const Query = Type.Object(
  {
    lang: Lang,
    period: Type.Optional(Type.String({ maxLength: 10 })),
    provinceCode: Type.Optional(Type.String({ maxLength: 2 })),
    districtCode: Type.Optional(Type.String({ maxLength: 3 })),
    communeCode: Type.Optional(Type.String({ maxLength: 5 })),
  },
  { additionalProperties: false },
);
const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9-]+$' }) }, { additionalProperties: false });

/** The statutory reports: the list for the officer's role, and each file through the officer's token. */
export function reportRoutes(kit: OfficeKit) {
  return async (app: FastifyInstance) => {
    const list = (c: SignedIn) => kit.json<{ items: ReportItem[] }>(c, { method: 'GET', path: '/api/v1/agencies/social-security/reports' });

    app.get('/office/reports', { schema: { ...page, summary: 'VSS officers: the statutory reports their role may draw', querystring: Type.Object({ lang: Lang }, { additionalProperties: false }) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      if (!kit.gate(c, reply)) return reply;
      try {
        return kit.send(reply, reportsPage(c, (await list(c)).items));
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    });

    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(
        `/office/reports/:code.${format}`,
        {
          schema: {
            tags: ['office'],
            summary: `A statutory report as ${format.toUpperCase()}, drawn with the signed-in officer’s token (the API checks the role and area and records the download)`,
            params: Code,
            querystring: Query,
            produces: [format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf', 'text/html'],
          },
        },
        async (req, reply) => {
          const c = kit.context(req, reply);
          if (!kit.gate(c, reply)) return reply;
          const { code } = req.params as { code: string };
          const q = req.query as Omit<ReportTyped, 'code'>;
          const clean = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
          const query = { period: clean(q.period) ?? '', provinceCode: clean(q.provinceCode), districtCode: clean(q.districtCode), communeCode: clean(q.communeCode) };
          try {
            const f = await kit.file(c, { method: 'GET', path: `/api/v1/agencies/social-security/reports/${encodeURIComponent(code)}.${format}`, query });
            return reply.type(f.contentType).header('content-disposition', f.contentDisposition ?? `attachment; filename="${code}.${format}"`).header('cache-control', 'private, no-store').send(f.body);
          } catch (e) {
            // A period or area the API refuses: the list again, the reasons on top, what was typed kept.
            if (!(e instanceof ApiFailure) || e.status === 401 || e.status >= 500) return failurePage(kit, c, reply, e);
            try {
              return kit.send(reply, reportsPage(c, (await list(c)).items, { failure: e, typed: { code, ...query } }), e.status);
            } catch (again) {
              return failurePage(kit, c, reply, again);
            }
          }
        },
      );
    }
  };
}
