import Type from 'typebox';
import { AddressSchema, IsoDateSchema, PinSchema, SexSchema } from '../common.ts';

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
