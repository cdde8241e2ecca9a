import Type, { type Static } from 'typebox';

export const NOTIFICATION_LANGUAGES = ['vi', 'en'] as const;

/**
 * How the declarant wishes to be told of the outcome (optional on every declaration): an e-mail address and/or a
 * mobile number, and the language of the messages. Absent, nobody is told but through the portal. Not sealed at
 * rest: an address is basic personal data (Decree 13/2023/ND-CP art. 2(3)), not one of the sensitive kinds of
 * art. 2(4) that `sensitive-fields.ts` seals; it is never logged, never sent to an agency, never copied into the
 * notification rows (the sender reads it from the dossier when it delivers).
 */
export const ContactSchema = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9]{9,15}$' })),
    language: Type.Union(NOTIFICATION_LANGUAGES.map((l) => Type.Literal(l)), { description: 'language of the messages' }),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof ContactSchema>;
