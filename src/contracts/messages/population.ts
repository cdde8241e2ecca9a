import Type from 'typebox';
import { FieldIssueSchema, IsoDateSchema, PersonFactsSchema, PinSchema, SexSchema } from '../common.ts';

/** hub → population: check the people a declaration names against the register. */
export const VerifyPeopleRequested = Type.Object({
  people: Type.Array(
    Type.Object({
      path: Type.String({ description: 'where the person stands in the declaration, e.g. declaration.mother' }),
      pin: PinSchema,
      fullName: Type.Optional(Type.String()),
      dateOfBirth: Type.Optional(IsoDateSchema),
    }),
    { minItems: 1, maxItems: 20 },
  ),
});

/** population → hub: what the register says, person by person. */
export const VerifyPeopleCompleted = Type.Object({
  people: Type.Array(
    Type.Object({
      path: Type.String(),
      pin: PinSchema,
      issues: Type.Array(FieldIssueSchema),
      person: Type.Union([PersonFactsSchema, Type.Null()]),
    }),
  ),
});

/** civil-registry → population: a newborn needs a PIN (Decree 137/2015/ND-CP art. 13). */
export const PinRequested = Type.Object({
  requestId: Type.String(),
  fullName: Type.String(),
  sex: SexSchema,
  dateOfBirth: IsoDateSchema,
  /** 3-digit code of the province where the birth is registered: the PIN's first three digits. */
  provinceCode: Type.String({ pattern: '^\\d{3}$' }),
  motherPin: PinSchema,
  fatherPin: Type.Union([PinSchema, Type.Null()]),
});

/** population → civil-registry. */
export const PinIssued = Type.Object({ requestId: Type.String(), pin: PinSchema });

/** hub → population: register a newborn's permanent residence in a parent's household. */
export const ResidenceRegistrationRequested = Type.Object({
  procedure: Type.Literal('residence-registration'),
  person: Type.Object({ pin: PinSchema, fullName: Type.String(), sex: SexSchema, dateOfBirth: IsoDateSchema }),
  householdOfPin: PinSchema,
  relationship: Type.String({ description: 'of the person to the household member named' }),
  basis: Type.Object({ certificateNumber: Type.String(), registeredOn: IsoDateSchema }),
});

/** civil-registry → population: a death is registered; the register marks the person deceased (no reply). */
export const DeathRecorded = Type.Object({
  registrationId: Type.String(),
  pin: PinSchema,
  dateOfDeath: IsoDateSchema,
  certificateNumber: Type.String(),
  registeredOn: IsoDateSchema,
});

/** hub → population: deregister the permanent residence of a deceased person (Law on Residence 2020 art. 24.1.a). */
export const ResidenceDeregistrationRequested = Type.Object({
  procedure: Type.Literal('residence-deregistration'),
  pin: PinSchema,
  basis: Type.Object({ certificateNumber: Type.String(), registeredOn: IsoDateSchema, dateOfDeath: IsoDateSchema }),
});
