import Type, { type Static } from 'typebox';
import { IsoDateSchema, PinSchema, SexSchema } from './common.ts';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

/**
 * Social security's answer to a voluntary SI registration, before payment: the SI code (reused, or issued now), what
 * is due and by when, and how to pay it. Sent with `procedure.awaiting-payment`: the citizen sees it in the dossier
 * while the procedure waits for the money (docs/voluntary-si.md).
 */
export const VoluntarySiRegistrationResult = Type.Object({
  siCode: Type.String({ pattern: '^\\d{10}$' }),
  siCodeIssued: Type.Boolean({ description: 'true when the code was issued by this registration' }),
  supportGroup: Type.String({ description: 'the group whose rate was applied (the claim, once verified)' }),
  contribution: Type.Object({
    monthlyIncome: Type.Integer(),
    monthlyContribution: Type.Integer(),
    monthlyStateSupport: Type.Integer(),
    months: Type.Integer(),
    periodFrom: Type.String(),
    periodTo: Type.String(),
    amountDue: Type.Integer(),
    dueBy: IsoDateSchema,
    ruleVersion: Type.String(),
    legalBasis: Type.String(),
  }),
  payment: Type.Object({
    reference: Type.String({ pattern: '^[A-Z0-9]{1,25}$' }),
    qrPayload: Type.String(),
    bankBin: Type.String(),
    accountNumber: Type.String(),
    accountName: Type.String(),
  }),
  registeredOn: IsoDateSchema,
  verificationCode: Type.String(),
});
export type VoluntarySiRegistrationResult = Static<typeof VoluntarySiRegistrationResult>;

/**
 * The payment voucher (phiếu thu) VSS's centralised accounting issues for a reconciled payment: the money received
 * under a reference, for the months it covers (seed 004; Decision 49/QD-BHXH 2023).
 */
export const PaymentVoucher = Type.Object({
  number: Type.String({ description: 'PT-YYYY-NNNNNNN, one book per year' }),
  issuedOn: IsoDateSchema,
  reference: Type.String({ pattern: '^[A-Z0-9]{1,25}$' }),
  siCode: Type.String({ pattern: '^\\d{10}$' }),
  payer: Type.Object({ pin: PinSchema, fullName: Type.Union([Type.String(), Type.Null()]) }),
  amount: Type.Integer({ description: 'VND credited to the period (the amount due)' }),
  received: Type.Integer({ description: 'VND received under the reference; more than `amount` when an excess is listed for refund' }),
  channels: Type.Array(Type.Union([Type.Literal('bank-transfer'), Type.Literal('cash')])),
  periodFrom: Month,
  periodTo: Month,
  months: Type.Integer(),
  verificationCode: Type.String(),
});
export type PaymentVoucher = Static<typeof PaymentVoucher>;

/** A period of participation recorded from a voucher by the book-and-card records (Decision 1188/QD-BHXH). */
export const ParticipationPeriod = Type.Object({
  from: Month,
  to: Month,
  months: Type.Integer(),
  monthlyIncome: Type.Integer(),
  scheme: Type.Literal('voluntary'),
  voucherNumber: Type.String(),
});
export type ParticipationPeriod = Static<typeof ParticipationPeriod>;

/**
 * The data of the electronic SI book's cover sheet (tờ bìa sổ BHXH), generated on first participation only
 * (Decision 1188/QD-BHXH; seed 004). The printed cover sheet comes with the documents.
 */
export const SiBookCoverSheet = Type.Object({
  bookNumber: Type.String(),
  siCode: Type.String({ pattern: '^\\d{10}$' }),
  fullName: Type.Union([Type.String(), Type.Null()]),
  dateOfBirth: Type.Union([IsoDateSchema, Type.Null()]),
  sex: Type.Union([SexSchema, Type.Null()]),
  pin: PinSchema,
  nationality: Type.String(),
  firstParticipationMonth: Month,
  issuingOffice: Type.String(),
  issuedOn: IsoDateSchema,
  verificationCode: Type.String(),
});
export type SiBookCoverSheet = Static<typeof SiBookCoverSheet>;

/**
 * The registration once paid: what was registered, the payment voucher, the participation period recorded, and the
 * SI book cover sheet when this is the participant's first participation (else null: the book they have goes on).
 * Sent with `procedure.completed`.
 */
export const VoluntarySiCompletedResult = Type.Object({
  ...VoluntarySiRegistrationResult.properties,
  voucher: PaymentVoucher,
  participation: ParticipationPeriod,
  coverSheet: Type.Union([SiBookCoverSheet, Type.Null()]),
});
export type VoluntarySiCompletedResult = Static<typeof VoluntarySiCompletedResult>;
