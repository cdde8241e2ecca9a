import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { subjectOf } from '../platform/auth/principal.ts';
import { principalOf } from '../platform/http/auth.ts';
import { ErrorSchema } from '../platform/http/schemas.ts';
import type { IdentityDeps } from './deps.ts';

/** "Sign out everywhere": the caller voids every token issued to it so far (a lost laptop, a leaked token). */
export function revocationRoutes(deps: Pick<IdentityDeps, 'db' | 'audit' | 'revocations'>) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/v1/auth/sign-out-everywhere',
      {
        schema: {
          tags: ['identity'],
          summary: 'Void every bearer token issued to the caller so far, this one included',
          response: { 200: Type.Object({ revoked: Type.Literal(true) }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        await deps.db.transaction(async (tx) => {
          await deps.revocations.revoke(tx, subjectOf(p), 'signed out everywhere');
          await deps.audit.record(tx, { actor: p, action: 'tokens.revoked', purpose: 'sign-out everywhere', resource: subjectOf(p).startsWith('citizen:') ? 'citizen/self' : subjectOf(p) });
        });
        return reply.header('cache-control', 'no-store').send({ revoked: true as const });
      },
    );
  };
}
