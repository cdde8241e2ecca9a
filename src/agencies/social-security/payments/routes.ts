import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../../kernel/errors.ts';
import { officerOf, principalOf } from '../../../platform/http/auth.ts';
import { ErrorSchema, Paging } from '../../../platform/http/schemas.ts';
import { EXCEPTION_KINDS } from '../domain/voluntary-payment-matching.ts';
import type { CashReceiptInput, Resolve, VoluntaryPayments } from './service.ts';

const COLLECTORS = ['vss-collector'] as const;
/** The collector who took the money, and the planning-finance officer of the centralised accounting. */
const ACCOUNTING = ['vss-collector', 'planning-finance-officer'] as const;

const JsonObject = Type.Object({}, { additionalProperties: true });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Reference = Type.String({ pattern: '^BHXHTN\\d{13}$', description: 'the payment reference the participant was given' });
const Reason = Type.String({ minLength: 3, maxLength: 500 });

export const Payment = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'matched, partial, overpaid, duplicate, late or unmatched' }),
  channel: Type.String(),
  transactionId: Type.String(),
  valueDate: Type.String(),
  amount: Type.Number(),
  credited: Type.Number({ description: 'VND credited to the reference' }),
  toResolve: Type.Number({ description: 'VND not credited: to refund or assign' }),
  reference: Nullable(Type.String()),
  payerName: Nullable(Type.String()),
  payerAccount: Nullable(Type.String({ description: 'last four digits only' })),
  description: Type.String(),
  note: Nullable(Type.String()),
  provinceCode: Nullable(Type.String()),
  source: Type.String(),
  recordedAt: Type.String(),
  resolution: Type.Union([JsonObject, Type.Null()]),
});
export const Receipt = Type.Object({ payment: Payment, replayed: Type.Boolean(), voucher: Type.Union([JsonObject, Type.Null()]) });

const CashReceipt = Type.Object(
  {
    reference: Reference,
    amount: Type.Integer({ minimum: 1, maximum: 10_000_000_000, description: 'whole VND received' }),
    receiptNumber: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9/._-]+$', description: 'the collection point’s receipt number; sending it again is harmless' }),
    receivedOn: Type.Optional(Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'default: today' })),
    payerName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ResolveBody = Type.Union([
  Type.Object({ action: Type.Literal('refund'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('assign'), reference: Reference, reason: Reason }, { additionalProperties: false }),
]);

/** VSS's collection API (cash receipts, the payments to look at) and the participant's own voluntary-SI view. */
export function voluntaryPaymentRoutes(payments: VoluntaryPayments) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/v1/agencies/social-security/cash-receipts',
      {
        schema: {
          tags: ['social-security'],
          summary: 'Record cash taken at a collection point in the officer’s province; matched by reference and amount like a transfer',
          body: CashReceipt,
          response: { 200: Receipt, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => payments.cashReceipt(officerOf(req, 'social-security', COLLECTORS), req.body as CashReceiptInput),
    );

    app.get(
      '/api/v1/agencies/social-security/payments/exceptions',
      {
        schema: {
          tags: ['social-security'],
          summary: 'Payments not (wholly) credited — partial, overpaid, duplicate, late, unmatched — in the officer’s province, oldest first',
          querystring: Type.Object(
            {
              ...Paging.properties,
              kind: Type.Optional(Type.Union(EXCEPTION_KINDS.map((k) => Type.Literal(k)))),
              status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('all')], { default: 'open' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(Payment) }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => ({ items: await payments.exceptions(officerOf(req, 'social-security', ACCOUNTING), req.query as Parameters<VoluntaryPayments['exceptions']>[1]) }),
    );

    app.post(
      '/api/v1/agencies/social-security/payments/:id/resolve',
      {
        schema: {
          tags: ['social-security'],
          summary: 'Resolve a listed payment: refund what was not credited, or assign it to the reference it was meant for (matched anew)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: ResolveBody,
          response: {
            200: Type.Object({ id: Type.String(), action: Type.String(), amount: Type.Number(), assigned: Type.Union([Receipt, Type.Null()]) }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req) => payments.resolve(officerOf(req, 'social-security', ACCOUNTING), (req.params as { id: string }).id, req.body as Resolve),
    );

    app.get(
      '/api/v1/me/voluntary-si',
      {
        schema: {
          tags: ['citizen'],
          summary: 'My voluntary SI: status, periods paid, the next period’s amount, deadline and payment QR, the SI book cover sheet, notices',
          response: {
            200: Type.Object({ participation: Type.Union([JsonObject, Type.Null()]), notices: Type.Array(JsonObject) }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const p = principalOf(req);
        if (p.kind !== 'citizen') throw new AppError('FORBIDDEN');
        return payments.mine(p.pin);
      },
    );
  };
}
