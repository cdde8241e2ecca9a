import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { officerOf } from '../../../platform/http/auth.ts';
import { ErrorSchema, Paging } from '../../../platform/http/schemas.ts';
import { EXCEPTION_KINDS } from '../domain/voluntary-payment-matching.ts';
import { Payment, Receipt, ResolveBody } from '../payments/routes.ts';
import type { Resolve } from '../payments/service.ts';
import type { PaymentWorklist, PaymentWorklistQuery } from './payments-service.ts';

/** The collector who took the money, and the planning-finance officer of the centralised accounting (as payments/routes.ts). */
const ACCOUNTING = ['vss-collector', 'planning-finance-officer'] as const;
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Claim = Type.Union([Type.Object({ mine: Type.Boolean(), since: Type.String(), until: Type.String() }), Type.Null()], { description: 'the claim in force, if any (it lapses after 30 minutes)' });
const Item = Type.Object({ ...Payment.properties, claim: Claim });
const BASE = '/api/v1/agencies/social-security/payments/worklist';

/** The payments worklist: list, claim, release, resolve (docs/back-office.md). */
export function paymentWorklistRoutes(worklist: PaymentWorklist) {
  return async (app: FastifyInstance) => {
    app.get(
      BASE,
      {
        schema: {
          tags: ['social-security'],
          summary: 'Payments not (wholly) credited — partial, overpaid, duplicate, late, unmatched — in the officer’s province, with their claims',
          querystring: Type.Object(
            {
              ...Paging.properties,
              kind: Type.Optional(Type.Union(EXCEPTION_KINDS.map((k) => Type.Literal(k)))),
              status: Type.Optional(
                Type.Union([Type.Literal('open'), Type.Literal('mine'), Type.Literal('resolved'), Type.Literal('all')], {
                  default: 'open',
                  description: 'open: not resolved yet; mine: open and claimed by the caller; resolved; all',
                }),
              ),
              channel: Type.Optional(Type.Union([Type.Literal('bank-transfer'), Type.Literal('cash')])),
              sort: Type.Optional(Type.Union([Type.Literal('received'), Type.Literal('value-date'), Type.Literal('amount')], { default: 'received', description: 'received: when recorded; value-date: the bank’s date; amount' })),
              order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(Item) }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => ({ items: await worklist.list(officerOf(req, 'social-security', ACCOUNTING), req.query as PaymentWorklistQuery) }),
    );

    app.post(
      `${BASE}/:id/claim`,
      {
        schema: {
          tags: ['social-security'],
          summary: 'Take a payment to resolve so no colleague resolves it meanwhile; the claim lapses after 30 minutes. 409 when another officer holds it.',
          params: Id,
          response: { 200: Item, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => worklist.claim(officerOf(req, 'social-security', ACCOUNTING), (req.params as { id: string }).id),
    );

    app.post(
      `${BASE}/:id/release`,
      {
        schema: { tags: ['social-security'], summary: 'Give a claimed payment back to the worklist', params: Id, response: { 200: Item, '4xx': ErrorSchema }, security: [{ bearer: [] }] },
      },
      async (req) => worklist.release(officerOf(req, 'social-security', ACCOUNTING), (req.params as { id: string }).id),
    );

    app.post(
      `${BASE}/:id/resolve`,
      {
        schema: {
          tags: ['social-security'],
          summary: 'Resolve a payment one holds: refund what was not credited, or assign it to the reference it was meant for (matched anew). 409 not-claimed without a claim.',
          params: Id,
          body: ResolveBody,
          response: {
            200: Type.Object({ id: Type.String(), action: Type.String(), amount: Type.Number(), assigned: Type.Union([Receipt, Type.Null()]) }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req) => worklist.resolve(officerOf(req, 'social-security', ACCOUNTING), (req.params as { id: string }).id, req.body as Resolve),
    );
  };
}
