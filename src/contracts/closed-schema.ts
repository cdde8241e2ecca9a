import type { TSchema } from 'typebox';

/**
 * The schema with every object closed (`additionalProperties: false`) unless it says otherwise. Applied to every
 * message type, this is how data minimisation is enforced (Decree 13/2023/ND-CP art. 3(4): data collected only
 * for, and limited to, the stated purpose): a message's schema declares the fields its recipient's procedure needs,
 * and a sender that puts anything more into it is refused before the message leaves (platform/messaging/part-runtime.ts),
 * as a recipient refuses one that arrives with more. Records (an open map by design, like a procedure's result) keep their shape.
 */
export function closedSchema<T extends TSchema>(schema: T): T {
  return close(schema) as T;
}

function close(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(close);
  if (typeof s !== 'object' || s === null) return s;
  const out: Record<string, unknown> = { ...(s as Record<string, unknown>) };
  for (const k of Object.keys(out)) out[k] = close(out[k]);
  if (out.type === 'object' && out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
