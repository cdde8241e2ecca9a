import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../kernel/errors.ts';
import { principalOf } from '../http/auth.ts';
import { ErrorSchema, Paging } from '../http/schemas.ts';
import type { AuditTrail } from './audit-trail.ts';

const Access = Type.Object({
  at: Type.String({ format: 'date-time' }),
  by: Type.Object({ kind: Type.String(), id: Type.String(), agency: Type.Union([Type.String(), Type.Null()]) }),
  action: Type.String(),
  purpose: Type.String(),
  resource: Type.Union([Type.String(), Type.Null()]),
});

/**
 * "Who looked at my data" (as Estonia's citizens can see): every access to the caller's data by an officer,
 * an agency or a part of the platform, from the audit trail, newest first, with its purpose.
 */
export function dataAccessRoutes(trail: AuditTrail) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/me/data-access',
      {
        schema: {
          tags: ['citizen'],
          summary: 'Who accessed my data, when and why',
          security: [{ bearer: [] }],
          querystring: Paging,
          response: { 200: Type.Object({ items: Type.Array(Access) }), 401: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (req) => {
        const p = principalOf(req);
        if (p.kind !== 'citizen') throw new AppError('FORBIDDEN');
        const { limit = 50, offset = 0 } = req.query as { limit?: number; offset?: number };
        const entries = await trail.about(p.pin, limit, offset);
        const mine = trail.subjectOf(p.pin);
        return {
          items: entries
            // The citizen's own actions are theirs to know already; the view is about others.
            .filter((e) => !(e.actorKind === 'citizen' && e.actorId === mine))
            .map((e) => ({ at: e.at, by: { kind: e.actorKind, id: e.actorId, agency: e.agency }, action: e.action, purpose: e.purpose, resource: e.resource })),
        };
      },
    );
  };
}
