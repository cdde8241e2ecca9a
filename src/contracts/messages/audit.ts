import Type, { type Static } from 'typebox';
import { PinSchema } from '../common.ts';

/**
 * Who acted, as an agency process knows them: one of its officers, or one of its systems (OAuth2 clients). The hub
 * accepts an act only of the sending agency's own people (audit-intake.ts): an agency cannot write another's name.
 */
export const AuditActor = Type.Union([
  Type.Object({
    kind: Type.Literal('officer'),
    username: Type.String({ minLength: 1, maxLength: 100 }),
    agency: Type.String({ minLength: 1, maxLength: 40 }),
    role: Type.String({ minLength: 1, maxLength: 60 }),
    provinceCode: Type.Union([Type.String({ pattern: '^\\d{2}$' }), Type.Null()]),
  }),
  Type.Object({
    kind: Type.Literal('system'),
    client: Type.String({ minLength: 1, maxLength: 100 }),
    agency: Type.String({ minLength: 1, maxLength: 40 }),
  }),
]);

/**
 * agency → hub (distributed mode): an officer's act an agency process recorded — a worklist read or decision, a
 * settings change — for the platform's audit trail, which lives in the hub's database. Written to the agency's
 * outbox in the transaction of the act itself, so the act and its record commit together; the hub appends it once
 * (its inbox dedupes by the message id). `at` is when it happened; the subject's PIN is hashed by the hub's trail.
 */
export const AuditRecorded = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actor: AuditActor,
  action: Type.String({ minLength: 1, maxLength: 100 }),
  purpose: Type.String({ minLength: 1, maxLength: 500 }),
  subjectPin: Type.Union([PinSchema, Type.Null()]),
  resource: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditRecorded = Static<typeof AuditRecorded>;
