import Type, { type Static } from 'typebox';
import { EnvelopeSchema } from '../../contracts/envelope.ts';

/**
 * The HTTP contract between the platform and an agency system (docs/external-agency.md).
 *
 * Platform → agency: `POST {endpoint}` with one signed envelope as the body and `Idempotency-Key: <envelope id>`.
 * The agency answers:
 *   200 `{ messages: [...] }`  — done now: its signed replies (e.g. `procedure.completed`);
 *   400 `{ messages: [...] }`  — refused now: its signed replies (e.g. `procedure.rejected`);
 *   400 without messages       — the request itself cannot be applied (malformed): it is dead-lettered;
 *   401 / 403                  — the signature or the sender was not accepted: dead-lettered;
 *   202                        — accepted; the replies come later by callback;
 *   409                        — already applied (a repeated Idempotency-Key): nothing more to do;
 *   429, 5xx, no answer        — try again later (the platform retries with backoff).
 * Agency → platform: `POST {callback}` with `{ messages: [...] }`, each envelope signed by the agency.
 */
export const MessagesBody = Type.Object({ messages: Type.Array(EnvelopeSchema, { maxItems: 100 }) }, { additionalProperties: false });
export type MessagesBody = Static<typeof MessagesBody>;

export const CONTRACT_ERROR = Type.Object({ code: Type.String(), message: Type.String(), messageVi: Type.Optional(Type.String()) });

/** What the platform does with an agency's answer to a delivery. */
export type AnswerAction = 'publish-replies' | 'ack' | 'dead-letter' | 'retry';

export function actionFor(status: number, hasMessages: boolean): AnswerAction {
  if ((status === 200 || status === 400) && hasMessages) return 'publish-replies';
  if (status === 200 || status === 202 || status === 409) return 'ack';
  if (status === 429 || status >= 500) return 'retry';
  if (status >= 400) return 'dead-letter';
  return 'retry';
}
