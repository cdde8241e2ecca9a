import Type from 'typebox';
import { AddressSchema, IsoDateSchema, PersonFactsSchema, PinSchema, SexSchema } from '../common.ts';

/** hub → civil-registry: register a birth (Law on Civil Status 2014 art. 16). */
export const BirthRegistrationRequested = Type.Object({
  procedure: Type.Literal('birth-registration'),
  child: Type.Object({
    fullName: Type.String(),
    sex: SexSchema,
    dateOfBirth: IsoDateSchema,
    placeOfBirth: Type.String(),
  }),
  mother: PersonFactsSchema,
  father: Type.Union([PersonFactsSchema, Type.Null()]),
  declarant: Type.Object({ pin: PinSchema, relationship: Type.String(), person: PersonFactsSchema }),
  /** Where the birth is registered: the commune of the household the child will live in. */
  registeringCommune: AddressSchema,
  /** The day the complete file reached the hub: a late registration is counted from the birth to it. */
  receivedOn: IsoDateSchema,
});

/** hub → civil-registry: register a death and issue the death-certificate extract (Law on Civil Status 2014 art. 32–34). */
export const DeathRegistrationRequested = Type.Object({
  procedure: Type.Literal('death-registration'),
  deceased: PersonFactsSchema,
  death: Type.Object({ dateOfDeath: IsoDateSchema, placeOfDeath: Type.String(), cause: Type.String() }),
  declarant: Type.Object({ pin: PinSchema, relationship: Type.String(), person: PersonFactsSchema }),
  /** The commune of the deceased's last residence, else the declarant's (Law on Civil Status 2014 art. 32). */
  registeringCommune: AddressSchema,
  /** The day the complete file reached the hub: a late registration is counted from the death to it. */
  receivedOn: IsoDateSchema,
  /** A health facility's death notice the declaration cites: the civil registry checks it with `health` first. */
  deathNoticeId: Type.Optional(Type.String({ format: 'uuid' })),
});
