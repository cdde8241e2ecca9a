import Type, { type Static, type TSchema } from 'typebox';
import { AddressSchema, IsoDateSchema, PinSchema } from './common.ts';
import { DeathBenefitsResult, DeathRegistrationResult, ResidenceDeregistrationResult } from './death-results.ts';
import { VoluntarySiCompletedResult, VoluntarySiRegistrationResult } from './voluntary-si-results.ts';

export const BirthRegistrationResult = Type.Object({
  pin: PinSchema,
  certificateNumber: Type.String(),
  book: Type.String(),
  registeredOn: IsoDateSchema,
  registeringCommune: AddressSchema,
  verificationCode: Type.String(),
});
export type BirthRegistrationResult = Static<typeof BirthRegistrationResult>;

export const ResidenceRegistrationResult = Type.Object({
  householdId: Type.String(),
  registeredOn: IsoDateSchema,
  verificationCode: Type.String(),
});
export type ResidenceRegistrationResult = Static<typeof ResidenceRegistrationResult>;

export const HiCardResult = Type.Object({
  siCode: Type.String({ pattern: '^\\d{10}$' }),
  cardNumber: Type.String({ pattern: '^[A-Z]{2}[1-5]\\d{2}\\d{10}$' }),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema,
  initialFacilityCode: Type.String(),
  issuedOn: IsoDateSchema,
  familyHousehold: Type.String(),
  ruleVersion: Type.String(),
  verificationCode: Type.String(),
});
export type HiCardResult = Static<typeof HiCardResult>;

/** Every procedure the platform knows, with the schema of the result its agency returns. */
export const PROCEDURE_RESULTS = {
  'birth-registration': BirthRegistrationResult,
  'residence-registration': ResidenceRegistrationResult,
  'hi-card': HiCardResult,
  'death-registration': DeathRegistrationResult,
  'residence-deregistration': ResidenceDeregistrationResult,
  'death-benefits': DeathBenefitsResult,
  'voluntary-si-registration': VoluntarySiCompletedResult,
} as const satisfies Record<string, TSchema>;

export type ProcedureCode = keyof typeof PROCEDURE_RESULTS;
export const PROCEDURE_CODES = Object.keys(PROCEDURE_RESULTS) as ProcedureCode[];

/**
 * The procedures that may wait for the citizen's payment (`procedure.awaiting-payment`), with the schema of the
 * interim result shown meanwhile (what is due and how to pay it). A procedure not listed here cannot await payment.
 */
export const PROCEDURE_PAYMENT_RESULTS: Partial<Record<ProcedureCode, TSchema>> = {
  'voluntary-si-registration': VoluntarySiRegistrationResult,
};
