import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../kernel/errors.ts';
import { principalOf } from '../../platform/http/auth.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { DashboardService, SlaQuery } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Text = Type.Object({ vi: Type.String(), en: Type.String() });
const FigureProps = {
  ended: Type.Integer(),
  onTime: Type.Integer(),
  late: Type.Integer(),
  notMeasured: Type.Integer(),
  onTimeRate: Nullable(Type.Number()),
  open: Type.Integer(),
  overdue: Type.Integer(),
  workingDays: Type.Object({ p50: Nullable(Type.Integer()), p90: Nullable(Type.Integer()), max: Nullable(Type.Integer()) }),
};
const SlaView = Type.Object({
  from: Type.String(),
  to: Type.String(),
  today: Type.String(),
  provinceCode: Nullable(Type.String()),
  group: Nullable(Type.String()),
  procedure: Nullable(Type.String()),
  totals: Type.Object(FigureProps),
  byProcedure: Type.Array(
    Type.Object({
      group: Type.String(),
      procedure: Type.String(),
      title: Text,
      agency: Type.String(),
      timeLimit: Type.Object({ workingDays: Type.Optional(Type.Integer()), calendarDays: Type.Optional(Type.Integer()), legalBasis: Type.String() }),
      ...FigureProps,
    }),
  ),
  byProvince: Type.Array(Type.Object({ provinceCode: Nullable(Type.String()), ...FigureProps })),
  byProcedureAndProvince: Type.Array(Type.Object({ group: Type.String(), procedure: Type.String(), provinceCode: Nullable(Type.String()), ...FigureProps })),
  series: Type.Array(Type.Object({ date: Type.String(), ended: Type.Integer(), onTime: Type.Integer(), late: Type.Integer() })),
  clock: Type.Object({ from: Type.String(), to: Type.String(), excludes: Type.Array(Type.String()), onTime: Type.String() }),
});
const HistoryView = Type.Object({
  id: Type.String(),
  group: Type.String(),
  status: Type.String(),
  events: Type.Array(
    Type.Object({ at: Type.String(), procedure: Nullable(Type.String()), status: Type.String(), note: Nullable(Type.String()), messageId: Nullable(Type.String()) }),
  ),
  messages: Type.Array(
    Type.Object({
      direction: Type.Union([Type.Literal('sent'), Type.Literal('received')]),
      id: Type.String(),
      type: Type.String(),
      sender: Type.String(),
      recipient: Type.String(),
      at: Type.String(),
      causationId: Nullable(Type.String()),
      payload: Type.Optional(Type.Unknown()),
      omitted: Type.Optional(Type.Array(Type.String())),
    }),
  ),
});
const Code = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z0-9-]*$' });

/** The back office's SLA dashboard and the dossier's whole history (docs/dashboard.md). */
export function dashboardRoutes(service: DashboardService) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/dashboard/sla',
      {
        schema: {
          tags: ['back office'],
          summary: 'SLA dashboard: procedures ended on time or late, open and overdue, working days to complete, by procedure, province and day',
          description:
            'Aggregates only (no personal data). An officer with a province sees only it; an officer without one sees every province. The period is at most 366 days (default: the last 30). See docs/dashboard.md for what the clock excludes.',
          querystring: Type.Object(
            {
              from: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD, Vietnam date (inclusive)' })),
              to: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD, Vietnam date (inclusive)' })),
              provinceCode: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
              group: Type.Optional(Code),
              procedure: Type.Optional(Code),
            },
            { additionalProperties: false },
          ),
          response: { 200: SlaView, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const p = principalOf(req);
        if (p.kind !== 'officer') throw new AppError('FORBIDDEN');
        return service.sla(p, req.query as SlaQuery);
      },
    );

    app.get(
      '/api/v1/dossiers/:id/history',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'A dossier’s every state change and every message exchanged (payloads for hub officers only, sensitive fields omitted)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: HistoryView, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => service.history(principalOf(req), (req.params as { id: string }).id),
    );
  };
}
