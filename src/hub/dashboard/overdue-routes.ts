import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AGENCIES } from '../../contracts/parts.ts';
import { AppError } from '../../kernel/errors.ts';
import { principalOf } from '../../platform/http/auth.ts';
import { ErrorSchema, Paging } from '../../platform/http/schemas.ts';
import type { OverdueList, OverdueQuery } from './overdue-list.ts';

const Code = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z0-9-]*$' });
const Item = Type.Object({
  dossierId: Type.String(),
  group: Type.String(),
  procedure: Type.String(),
  title: Type.Object({ vi: Type.String(), en: Type.String() }),
  agency: Type.String(),
  provinceCode: Type.Union([Type.String(), Type.Null()]),
  dispatchedAt: Type.String(),
  lastDay: Type.String({ description: 'the agency’s last day (YYYY-MM-DD), counted in working days at dispatch' }),
  workingDaysLate: Type.Integer(),
  overdueSince: Type.Union([Type.String(), Type.Null()], { description: 'when the hub recorded it overdue and told the agency’s mailbox' }),
  heldBy: Type.Object({ agency: Type.String(), inReview: Type.Boolean({ description: 'an officer of the agency has it in review' }) }),
});

/** The overdue worklist: each agency's procedures past their last day, in the officer's province (docs/back-office.md). */
export function overdueRoutes(list: OverdueList) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/dashboard/overdue',
      {
        schema: {
          tags: ['back office'],
          summary: 'Procedures still with their agency after its last day: an agency’s officers see their agency’s, in their province; the hub’s officers every agency’s',
          querystring: Type.Object(
            {
              ...Paging.properties,
              agency: Type.Optional(Type.Union(AGENCIES.map((a) => Type.Literal(a)), { description: 'for the hub’s officers: one agency' })),
              provinceCode: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
              group: Type.Optional(Code),
              procedure: Type.Optional(Code),
              sort: Type.Optional(Type.Union([Type.Literal('last-day'), Type.Literal('dispatched')], { default: 'last-day' })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ today: Type.String(), agency: Type.Union([Type.String(), Type.Null()]), provinceCode: Type.Union([Type.String(), Type.Null()]), items: Type.Array(Item) }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const p = principalOf(req);
        // Caseworkers only: the IT operator runs the system but works on no one's file (route-policies.ts).
        if (p.kind !== 'officer' || p.role === 'it-operator') throw new AppError('FORBIDDEN');
        return list.list(p, req.query as OverdueQuery);
      },
    );
  };
}
