import Type, { type Static } from 'typebox';
import { FullNameSchema as Name, IsoDateSchema, PinSchema, SexSchema } from '../common.ts';
import { ContactSchema } from './contact.ts';

/** A person the declaration names: the PIN, and optionally what the declarant knows, to be matched. */
export const NamedPerson = Type.Object(
  { pin: PinSchema, fullName: Type.Optional(Name), dateOfBirth: Type.Optional(IsoDateSchema) },
  { additionalProperties: false },
);

export const DECLARANT_RELATIONSHIPS = ['mother', 'father', 'grandparent', 'sibling', 'relative', 'guardian'] as const;

/**
 * The combined birth declaration (Form 01 of the Government Office; seed 003 step 1): one form for
 * birth registration, permanent residence registration and the HI card of a child under 6.
 */
export const BirthDeclaration = Type.Object(
  {
    declarant: Type.Object(
      { pin: PinSchema, relationship: Type.Union(DECLARANT_RELATIONSHIPS.map((r) => Type.Literal(r))) },
      { additionalProperties: false },
    ),
    child: Type.Object(
      {
        fullName: Name,
        sex: SexSchema,
        dateOfBirth: IsoDateSchema,
        placeOfBirth: Type.String({ minLength: 1, maxLength: 200, description: 'health facility or address' }),
      },
      { additionalProperties: false },
    ),
    mother: NamedPerson,
    father: Type.Optional(NamedPerson),
    residence: Type.Object(
      { householdOf: Type.Union([Type.Literal('mother'), Type.Literal('father')]) },
      { additionalProperties: false },
    ),
    healthInsurance: Type.Object(
      {
        initialFacilityCode: Type.String({
          pattern: '^\\d{5}$',
          description: 'initial health-care registration facility ("nơi đăng ký KCB ban đầu"): 2-digit province + 3 digits',
        }),
      },
      { additionalProperties: false },
    ),
    /** Who is told of the outcome, and how (optional; notifications, docs/notifications.md). */
    contact: Type.Optional(ContactSchema),
  },
  { additionalProperties: false },
);
export type BirthDeclaration = Static<typeof BirthDeclaration>;
