import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../kernel/errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { TokenService } from '../auth/tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Reads the bearer token once per request; routes then ask for the principal they need. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { tokens: TokenService }) => {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const h = req.headers.authorization;
    if (h?.startsWith('Bearer ')) req.principal = await opts.tokens.verify(h.slice(7).trim());
  });
});

/** The caller, or 401. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED');
  return req.principal;
}

/** The caller when it is an officer of the agency named in one of the roles given, or 403. */
export function officerOf(req: FastifyRequest, agency: string, roles: readonly string[]): Extract<Principal, { kind: 'officer' }> {
  const p = principalOf(req);
  if (p.kind !== 'officer' || p.agency !== agency || !roles.includes(p.role)) throw new AppError('FORBIDDEN');
  return p;
}
