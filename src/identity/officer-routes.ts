import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AGENCIES } from '../contracts/parts.ts';
import { AppError } from '../kernel/errors.ts';
import { OFFICER_ROLES } from '../platform/auth/principal.ts';
import { principalOf } from '../platform/http/auth.ts';
import { ErrorSchema, Paging } from '../platform/http/schemas.ts';
import type { SystemClients } from './clients.ts';
import { USERNAME_PATTERN, type NewOfficer } from './domain/officer-rules.ts';
import { SYSTEM_SCOPES } from './domain/scopes.ts';
import type { OfficerAccounts, OfficerPrincipal } from './officers.ts';

const Username = Type.String({ pattern: USERNAME_PATTERN, description: '3–64 lower-case letters, digits, dots, hyphens or underscores' });
const Area = Type.Object(
  {
    provinceCode: Type.Union([Type.String({ pattern: '^\\d{2}$', description: 'province code, 2 digits' }), Type.Null({ description: 'a national account' })]),
    districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$', description: 'district code, 3 digits' })),
    communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$', description: 'commune code, 5 digits' })),
  },
  { additionalProperties: false },
);
const AreaView = Type.Object({ provinceCode: Type.Union([Type.String(), Type.Null()]), districtCode: Type.Union([Type.String(), Type.Null()]), communeCode: Type.Union([Type.String(), Type.Null()]) });
const OfficerView = Type.Object({
  username: Type.String(),
  agency: Type.String(),
  role: Type.String(),
  area: AreaView,
  status: Type.Enum(['active', 'locked', 'disabled']),
  createdAt: Type.String(),
  disabledAt: Type.Union([Type.String(), Type.Null()]),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
});
const CreateOfficer = Type.Object(
  { username: Username, agency: Type.Enum(['hub', ...AGENCIES]), role: Type.Enum(OFFICER_ROLES), area: Area },
  { additionalProperties: false },
);
const CreateClient = Type.Object(
  {
    clientId: Username,
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\x00-\\x1F\\x7F]+$', description: 'what the client is, for people reading the audit trail' }),
    agency: Type.Enum(AGENCIES),
    scopes: Type.Array(Type.Enum(SYSTEM_SCOPES), { minItems: 1, maxItems: SYSTEM_SCOPES.length }),
  },
  { additionalProperties: false },
);

/** The caller when it is an IT operator, or 401/403. */
function itOperatorOf(req: FastifyRequest): OfficerPrincipal {
  const p = principalOf(req);
  if (p.kind !== 'officer' || p.role !== 'it-operator') throw new AppError('FORBIDDEN');
  return p;
}

/** Officer accounts and system clients, managed by IT operators; every change is audited. */
export function accountAdminRoutes(officers: OfficerAccounts, clients: SystemClients) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/v1/officers',
      {
        schema: {
          tags: ['identity'],
          summary: 'Create an officer account (IT operator): a one-time initial password and the TOTP enrolment URI',
          body: CreateOfficer,
          response: {
            201: Type.Object({ username: Type.String(), agency: Type.String(), role: Type.String(), area: AreaView, initialPassword: Type.String(), totpUri: Type.String() }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => {
        const created = await officers.create(itOperatorOf(req), req.body as NewOfficer);
        return reply.status(201).header('cache-control', 'no-store').send(created);
      },
    );

    app.get(
      '/api/v1/officers',
      {
        schema: {
          tags: ['identity'],
          summary: 'Officer accounts, by username (IT operator; an agency’s operator sees that agency’s)',
          querystring: Paging,
          response: { 200: Type.Object({ items: Type.Array(OfficerView), total: Type.Integer() }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const { limit = 50, offset = 0 } = req.query as { limit?: number; offset?: number };
        return officers.list(itOperatorOf(req), limit, offset);
      },
    );

    app.post(
      '/api/v1/officers/:username/disable',
      {
        schema: {
          tags: ['identity'],
          summary: 'Disable an officer account (IT operator): it can no longer sign in',
          params: Type.Object({ username: Username }),
          response: { 200: OfficerView, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => officers.disable(itOperatorOf(req), (req.params as { username: string }).username),
    );

    app.post(
      '/api/v1/officers/:username/unlock',
      {
        schema: {
          tags: ['identity'],
          summary: 'Lift a sign-in lock-out (IT operator, after checking who asks): the failure count restarts',
          params: Type.Object({ username: Username }),
          response: { 200: OfficerView, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => officers.unlock(itOperatorOf(req), (req.params as { username: string }).username),
    );

    app.post(
      '/api/v1/officers/:username/reset-credentials',
      {
        schema: {
          tags: ['identity'],
          summary: 'New one-time password and TOTP enrolment for an officer who lost theirs (IT operator); their tokens are void',
          params: Type.Object({ username: Username }),
          response: {
            200: Type.Object({ username: Type.String(), agency: Type.String(), role: Type.String(), area: AreaView, initialPassword: Type.String(), totpUri: Type.String() }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => reply.header('cache-control', 'no-store').send(await officers.resetCredentials(itOperatorOf(req), (req.params as { username: string }).username)),
    );

    app.post(
      '/api/v1/clients/:clientId/rotate-secret',
      {
        schema: {
          tags: ['identity'],
          summary: 'A new client secret, shown once (IT operator): the old secret and the tokens it obtained stop working',
          params: Type.Object({ clientId: Username }),
          response: {
            200: Type.Object({ clientId: Type.String(), name: Type.String(), agency: Type.String(), scopes: Type.Array(Type.String()), clientSecret: Type.String() }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => reply.header('cache-control', 'no-store').send(await clients.rotateSecret(itOperatorOf(req), (req.params as { clientId: string }).clientId)),
    );

    app.post(
      '/api/v1/clients/:clientId/disable',
      {
        schema: {
          tags: ['identity'],
          summary: 'Disable a system client (IT operator): no more tokens, and those it holds are void',
          params: Type.Object({ clientId: Username }),
          response: { 200: Type.Object({ clientId: Type.String(), disabled: Type.Literal(true) }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => clients.disable(itOperatorOf(req), (req.params as { clientId: string }).clientId),
    );

    app.post(
      '/api/v1/clients',
      {
        schema: {
          tags: ['identity'],
          summary: 'Register a system client (IT operator): its OAuth2 client secret, shown once',
          body: CreateClient,
          response: {
            201: Type.Object({ clientId: Type.String(), name: Type.String(), agency: Type.String(), scopes: Type.Array(Type.String()), clientSecret: Type.String() }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => {
        const operator = itOperatorOf(req);
        const body = req.body as { clientId: string; name: string; agency: (typeof AGENCIES)[number]; scopes: string[] };
        if (operator.agency !== 'hub' && operator.agency !== body.agency) throw new AppError('FORBIDDEN');
        return reply.status(201).header('cache-control', 'no-store').send(await clients.create(operator, body));
      },
    );
  };
}
