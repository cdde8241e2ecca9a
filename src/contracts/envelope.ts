import Type, { type Static } from 'typebox';
import { PARTS, type PartName } from './parts.ts';

export const PartSchema = Type.Union(PARTS.map((p) => Type.Literal(p)));

/**
 * Every message between parts travels in this envelope. It is a readonly value: created by
 * `makeEnvelope`, never mutated. `signature` is the sender's signature over everything else
 * (filled by the signer in distributed mode; null where the transport is in-process).
 */
export const EnvelopeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: Type.String({ minLength: 1 }),
    sender: PartSchema,
    recipient: PartSchema,
    dossierId: Type.String({ format: 'uuid' }),
    /** The id of the message whose handling produced this one (null for the first). */
    causationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    time: Type.String({ format: 'date-time' }),
    payload: Type.Unknown(),
    signature: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export interface Envelope<P = unknown> {
  readonly id: string;
  readonly type: string;
  readonly sender: PartName;
  readonly recipient: PartName;
  readonly dossierId: string;
  readonly causationId: string | null;
  readonly time: string;
  readonly payload: P;
  readonly signature: string | null;
}

export type EnvelopeJson = Static<typeof EnvelopeSchema>;

export function makeEnvelope<P>(e: Omit<Envelope<P>, 'id' | 'signature'> & { id?: string }): Envelope<P> {
  return Object.freeze({ ...e, id: e.id ?? crypto.randomUUID(), signature: null });
}
