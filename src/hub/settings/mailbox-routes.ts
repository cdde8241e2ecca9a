import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AGENCIES } from '../../contracts/parts.ts';
import { officerOf } from '../../platform/http/auth.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { AgencyMailboxes } from './mailboxes.ts';

const OPERATORS = ['it-operator'] as const;
const Params = Type.Object(
  {
    agency: Type.Union(AGENCIES.map((a) => Type.Literal(a))),
    provinceCode: Type.String({ pattern: '^\\d{2}$', description: 'two-digit province code, or 00 for the agency’s national mailbox' }),
  },
  { additionalProperties: false },
);
const Email = Type.String({ minLength: 6, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' });
const Mailbox = Type.Object({ agency: Type.String(), provinceCode: Type.String(), email: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.String(), updatedBy: Type.String() });
const Change = Type.Object({
  agency: Type.String(),
  provinceCode: Type.String(),
  at: Type.String(),
  changedBy: Type.String(),
  before: Type.Union([Type.String(), Type.Null()]),
  after: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
});
const Body = Type.Object(
  {
    email: Type.Union([Email, Type.Null()], { description: 'the agency office’s mailbox; null removes it (the national one, if any, is used)' }),
    reason: Type.String({ minLength: 3, maxLength: 500, description: 'why (kept with the change and in the audit trail)' }),
  },
  { additionalProperties: false },
);

/** Where agencies' officers are told of overdue procedures: the hub's IT operator sets it (docs/back-office.md). */
export function agencyMailboxRoutes(mailboxes: AgencyMailboxes) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/settings/agency-mailboxes',
      {
        schema: {
          tags: ['settings'],
          summary: 'The agencies’ mailboxes for overdue procedures (per province, 00: national) and every change',
          response: { 200: Type.Object({ items: Type.Array(Mailbox), changes: Type.Array(Change) }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => mailboxes.list(officerOf(req, 'hub', OPERATORS)),
    );
    app.put(
      '/api/v1/settings/agency-mailboxes/:agency/:provinceCode',
      {
        schema: {
          tags: ['settings'],
          summary: 'Set (or, with null, remove) the mailbox where an agency’s officers of a province are told of overdue procedures. Audited.',
          params: Params,
          body: Body,
          response: { 200: Mailbox, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const { agency, provinceCode } = req.params as { agency: string; provinceCode: string };
        return mailboxes.set(officerOf(req, 'hub', OPERATORS), agency, provinceCode, req.body as { email: string | null; reason: string });
      },
    );
  };
}
