import Type, { type Static } from 'typebox';
import { IsoDateSchema } from './common.ts';

/**
 * Social security's answer to a voluntary SI registration: the SI code (reused, or issued now), what is due and
 * by when, and how to pay it. The registration is complete with this; the payment is reconciled later by VSS's
 * centralised accounting (docs/voluntary-si.md).
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
