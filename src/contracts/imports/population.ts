import Type, { type Static } from 'typebox';
import { AddressSchema, IsoDateSchema, PinSchema, SexSchema } from '../common.ts';

/**
 * `lienthong import population FILE.jsonl`: one JSON object per line, households before the citizens
 * who live in them. Documented in docs/import-formats.md.
 */
export const HouseholdRecord = Type.Object(
  {
    type: Type.Literal('household'),
    id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
    address: AddressSchema,
    headPin: PinSchema,
  },
  { additionalProperties: false },
);
export type HouseholdRecord = Static<typeof HouseholdRecord>;

export const CitizenRecord = Type.Object(
  {
    type: Type.Literal('citizen'),
    pin: PinSchema,
    fullName: Type.String({ minLength: 1, maxLength: 100 }),
    sex: SexSchema,
    dateOfBirth: IsoDateSchema,
    householdId: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()]),
    ethnicity: Type.String({ minLength: 1, maxLength: 40, description: 'e.g. Kinh, Tày, Thái, Mường, Khmer, H’Mông' }),
    status: Type.Union([Type.Literal('alive'), Type.Literal('deceased')]),
    dateOfDeath: Type.Optional(IsoDateSchema),
  },
  { additionalProperties: false },
);
export type CitizenRecord = Static<typeof CitizenRecord>;

export const PopulationRecord = Type.Union([HouseholdRecord, CitizenRecord]);
export type PopulationRecord = Static<typeof PopulationRecord>;
