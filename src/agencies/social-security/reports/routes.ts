import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { officerOf } from '../../../platform/http/auth.ts';
import { ErrorSchema } from '../../../platform/http/schemas.ts';
import type { ReportFormat, ReportQuery, SocialSecurityReports } from './service.ts';

/** Who may draw reports at all; each report narrows it (definition.roles). */
export const REPORT_ROLES = ['vss-collector', 'vss-director', 'planning-finance-officer'] as const;

const Query = Type.Object(
  {
    period: Type.String({ minLength: 1, maxLength: 10, description: 'a day YYYY-MM-DD, a month YYYY-MM or a quarter YYYY-Qn' }),
    provinceCode: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'default: the officer’s province (the only one allowed to a provincial officer)' })),
    districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
    communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
  },
  { additionalProperties: false },
);
const Code = Type.String({ minLength: 1, maxLength: 20, description: 'D103-TS, D10a-TS, D104-TS, C69-HD, C83-HD or NSNN-TE-Q' });
const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });

/** VSS's statutory reports, as XLSX or PDF, for the officer's province (docs/reports.md). */
export function reportRoutes(reports: SocialSecurityReports) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/agencies/social-security/reports',
      {
        schema: {
          tags: ['social-security'],
          summary: 'The reports the officer may draw: code, title, periods allowed, roles',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  code: Type.String(),
                  title: Bilingual,
                  purpose: Bilingual,
                  legalBasis: Type.String(),
                  periods: Type.Array(Type.String()),
                  roles: Type.Array(Type.String()),
                  subAreas: Type.Boolean(),
                  formats: Type.Array(Type.String()),
                }),
              ),
            }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req) => ({ items: reports.list(officerOf(req, 'social-security', REPORT_ROLES)) }),
    );

    for (const format of ['xlsx', 'pdf'] as const satisfies readonly ReportFormat[]) {
      app.get(
        `/api/v1/agencies/social-security/reports/:code.${format}`,
        {
          schema: {
            tags: ['social-security'],
            summary: `A report as ${format.toUpperCase()} for the officer’s province and a day, month or quarter; the download is in the audit trail`,
            params: Type.Object({ code: Code }),
            querystring: Query,
            produces: [format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf'],
            response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), '4xx': ErrorSchema },
            security: [{ bearer: [] }],
          },
        },
        async (req, reply) => {
          const officer = officerOf(req, 'social-security', REPORT_ROLES);
          const f = await reports.file(officer, (req.params as { code: string }).code, format, req.query as ReportQuery);
          return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'private, no-store').send(f.body);
        },
      );
    }
  };
}
