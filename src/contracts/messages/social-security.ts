import Type from 'typebox';
import { AddressSchema, IsoDateSchema, PersonFactsSchema, PinSchema, SexSchema } from '../common.ts';
import { VOLUNTARY_PAYMENT_METHODS, VOLUNTARY_SUPPORT_GROUPS } from '../declarations/voluntary-si.ts';
import { BankAccountSchema, DeclaredRelative, DEATH_CAUSES, SURVIVOR_BENEFIT_CHOICES } from '../declarations/death.ts';

/** hub → social-security: SI code and HI card for a child under 6 (seed 003 steps 3–4). */
export const HiCardRequested = Type.Object({
  procedure: Type.Literal('hi-card'),
  child: Type.Object({ pin: PinSchema, fullName: Type.String(), sex: SexSchema, dateOfBirth: IsoDateSchema }),
  certificate: Type.Object({ number: Type.String(), registeredOn: IsoDateSchema, registeringCommune: AddressSchema }),
  motherPin: PinSchema,
  fatherPin: Type.Union([PinSchema, Type.Null()]),
  initialFacilityCode: Type.String(),
  /** Counted from receipt of the birth-certificate data: 2 working days (Decision 976/QD-BHXH). */
  deadline: IsoDateSchema,
});

/**
 * hub → social-security: the death-certificate extract, and what the relatives ask for: funeral allowance,
 * survivor benefits; the stop of monthly payments needs no request (seed 000; Decree 63/2024/ND-CP).
 */
export const DeathBenefitsRequested = Type.Object({
  procedure: Type.Literal('death-benefits'),
  deceased: Type.Object({
    pin: PinSchema,
    sex: SexSchema,
    dateOfBirth: IsoDateSchema,
    dateOfDeath: IsoDateSchema,
    cause: Type.Enum(DEATH_CAUSES),
  }),
  certificate: Type.Object({ number: Type.String(), registeredOn: IsoDateSchema, registeringCommune: AddressSchema }),
  requests: Type.Object({
    funeralAllowance: Type.Boolean(),
    survivorBenefit: Type.Enum(SURVIVOR_BENEFIT_CHOICES),
  }),
  /** In the declaration's order (a supplement names a relative by its index), with the register's facts. */
  relatives: Type.Array(Type.Object({ ...DeclaredRelative.properties, sex: SexSchema, dateOfBirth: IsoDateSchema })),
  payee: Type.Union([Type.Object({ pin: PinSchema, bankAccount: BankAccountSchema }), Type.Null()]),
  /** The day the relatives filed (the dossier was received): the 90-day limit runs to it (Law on SI 2014 art. 112). */
  receivedOn: IsoDateSchema,
  /** Settlement due: 15 days from receipt of the complete file (Law on SI 2014 art. 112). */
  deadline: IsoDateSchema,
});

/**
 * hub → social-security: register a voluntary SI participant (online service 602e; Decision 49/QD-BHXH 2023):
 * the declaration as checked at the edge, with the register's facts on the participant (identity confirmed,
 * household and ethnicity for the support claim).
 */
export const VoluntarySiRequested = Type.Object({
  procedure: Type.Literal('voluntary-si-registration'),
  participant: Type.Object({ ...PersonFactsSchema.properties, phone: Type.String(), email: Type.String() }),
  monthlyIncome: Type.Integer({ minimum: 1 }),
  paymentMethod: Type.Enum(VOLUNTARY_PAYMENT_METHODS),
  years: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  missingMonths: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  startMonth: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
  supportGroup: Type.Enum(VOLUNTARY_SUPPORT_GROUPS),
  /** The day the hub received the registration: lump sums are due, and discounted or compounded, to it. */
  receivedOn: IsoDateSchema,
});
