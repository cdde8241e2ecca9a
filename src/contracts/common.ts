import Type, { type Static } from 'typebox';

export const IsoDateSchema = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const PinSchema = Type.String({ pattern: '^\\d{12}$', description: 'personal identification number, 12 digits' });
export const SexSchema = Type.Union([Type.Literal('male'), Type.Literal('female')]);
export const FullNameSchema = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: "^[\\p{L}][\\p{L}\\p{M} '.-]*$",
  description: 'full name as on the civil record',
});
export const ProvinceCode2Schema = Type.String({ pattern: '^\\d{2}$' });

/** A field-level finding: where in the declaration, and why, in English and Vietnamese. */
export const FieldIssueSchema = Type.Object({
  path: Type.String(),
  code: Type.String(),
  reason: Type.String(),
  reasonVi: Type.String(),
});
export type FieldIssue = Static<typeof FieldIssueSchema>;

export const AddressSchema = Type.Object({
  provinceCode: ProvinceCode2Schema,
  districtCode: Type.Optional(Type.String()),
  communeCode: Type.Optional(Type.String()),
  line: Type.Optional(Type.String()),
});
export type Address = Static<typeof AddressSchema>;

/** What the population register says of a person, as passed between parts once verified. */
export const PersonFactsSchema = Type.Object({
  pin: PinSchema,
  fullName: Type.String(),
  sex: SexSchema,
  dateOfBirth: IsoDateSchema,
  alive: Type.Boolean(),
  /** When the register records the person as deceased: the date it holds, if any. */
  dateOfDeath: Type.Optional(Type.Union([IsoDateSchema, Type.Null()])),
  householdId: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([AddressSchema, Type.Null()]),
  /** The ethnic group the register records (e.g. Kinh, Tày, Khmer), if any: social security checks an ethnic-minority claim against it. */
  ethnicity: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type PersonFacts = Static<typeof PersonFactsSchema>;
