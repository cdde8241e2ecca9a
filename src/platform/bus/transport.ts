import type { Envelope } from '../../contracts/envelope.ts';
import type { PartName } from '../../contracts/parts.ts';

/** One delivery of a message to its recipient. `attempt` starts at 1 and grows with each redelivery. */
export interface Delivery {
  readonly envelope: Envelope;
  readonly attempt: number;
}

/**
 * What a handler's outcome means to the bus: resolving acks the message; throwing naks it, and the
 * bus redelivers it after a backoff until `maxDeliver` attempts, then dead-letters it; throwing a
 * `TerminalError` dead-letters it at once (a message that can never be applied, e.g. a bad schema).
 */
export type DeliveryHandler = (d: Delivery) => Promise<void>;

export interface SubscribeOptions {
  /** Back-pressure: how many deliveries may be in the handler at once. */
  readonly maxInFlight?: number;
  readonly maxDeliver?: number;
  /** Delay before redelivery n (the last value repeats). */
  readonly backoffMs?: readonly number[];
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The bus port. The in-process transport and the NATS JetStream transport both honour it:
 * at-least-once delivery, ack after the receiver's transaction commits, redelivery with backoff,
 * dedupe of a re-published message id, a dead-letter list.
 */
export interface Transport {
  readonly kind: 'in-process' | 'nats' | 'http';
  /**
   * Hands a message to the bus and resolves once the bus holds it durably. The sender's outbox row
   * is the durable copy until then, so the relay marks the row published only after this resolves.
   * Rejects with DeadLetteredError when the message was dead-lettered instead of applied.
   */
  publish(envelope: Envelope): Promise<void>;
  subscribe(recipient: PartName, handler: DeliveryHandler, opts?: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

export class TerminalError extends Error {
  override readonly name = 'TerminalError';
}

export class DeadLetteredError extends Error {
  override readonly name = 'DeadLetteredError';
  constructor(
    readonly messageId: string,
    readonly lastError: string,
  ) {
    super(`message ${messageId} dead-lettered: ${lastError}`);
  }
}

export const DEFAULT_BACKOFF_MS = [50, 250, 1000, 5000, 15000] as const;
export const DEFAULT_MAX_DELIVER = 8;
