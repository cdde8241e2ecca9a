import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Envelope } from '../../contracts/envelope.ts';
import { PARTS, type PartName } from '../../contracts/parts.ts';
import type { Logger } from '../log/logger.ts';
import { DEFAULT_BACKOFF_MS, DEFAULT_MAX_DELIVER, TerminalError, type DeliveryHandler, type SubscribeOptions, type Subscription, type Transport } from './transport.ts';
import { natsNames, type NatsNames } from './nats-names.ts';

export interface NatsTransportOptions {
  readonly url: string;
  /** Names every stream, subject and consumer, so that several platforms (or test runs) share one server. */
  readonly prefix?: string;
  /** How long JetStream remembers a message id to drop a re-published copy (Nats-Msg-Id). */
  readonly duplicateWindowMs?: number;
  /** Unacked delivery is redelivered after this (a process that died holding it). */
  readonly ackWaitMs?: number;
  readonly log: Logger;
  /** The connection's name in the server's monitoring. */
  readonly name?: string;
  /** Told of each message dead-lettered (for the metrics). */
  readonly onDeadLetter?: (recipient: PartName) => void;
}

/** A dead-lettered message as an operator sees it. */
export interface DeadLetter {
  readonly seq: number;
  readonly envelope: Envelope;
  readonly error: string;
  readonly attempts: number;
  readonly at: string;
}

const NS = 1_000_000;

function notFound(e: unknown): boolean {
  return e instanceof JetStreamApiError && (e.code === JetStreamApiCodes.StreamNotFound || e.code === JetStreamApiCodes.ConsumerNotFound);
}

/**
 * The bus on NATS JetStream (distributed mode). One work-queue stream per recipient, file-backed,
 * so a message waits for its part across restarts of either; one durable pull consumer per recipient
 * shared by all of that part's processes. `publish` resolves when JetStream has stored the message
 * (its PubAck), with the envelope id as `Nats-Msg-Id` so a relay's re-publish after a crash is dropped
 * inside the duplicate window (and by the receiver's inbox beyond it). The handler's success acks;
 * a failure naks with backoff; after `maxDeliver` attempts, or on a TerminalError at once, the message
 * goes to the dead-letter stream with its last error and is terminated.
 */
export class NatsTransport implements Transport {
  readonly kind = 'nats' as const;
  private readonly subs = new Set<{ stop(): Promise<void> }>();
  private up = true;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly names: NatsNames,
    private readonly opts: NatsTransportOptions,
  ) {}

  /** Connects and sets up the streams (idempotent: safe at every start-up, by every process). */
  static async connect(opts: NatsTransportOptions): Promise<NatsTransport> {
    const nc = await connect({ servers: opts.url, name: opts.name ?? 'lienthong', maxReconnectAttempts: -1, reconnectTimeWait: 500 });
    const jsm = await jetstreamManager(nc);
    const t = new NatsTransport(nc, jetstream(nc), jsm, natsNames(opts.prefix ?? 'lienthong'), opts);
    await t.ensureStreams();
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnect') {
          t.up = s.type === 'reconnect';
          opts.log.warn({ nats: s.type }, 'NATS connection status');
        }
      }
    })();
    return t;
  }

  private async ensureStreams(): Promise<void> {
    const dup = (this.opts.duplicateWindowMs ?? 120_000) * NS;
    for (const part of PARTS) {
      await this.upsertStream({
        name: this.names.stream(part),
        subjects: [this.names.subject(part)],
        retention: RetentionPolicy.Workqueue,
        storage: StorageType.File,
        duplicate_window: dup,
      });
    }
    await this.upsertStream({
      name: this.names.deadStream,
      subjects: [`${this.names.deadSubjectPrefix}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      duplicate_window: dup,
    });
  }

  private async upsertStream(cfg: Parameters<JetStreamManager['streams']['add']>[0] & { name: string }): Promise<void> {
    try {
      await this.jsm.streams.info(cfg.name);
      await this.jsm.streams.update(cfg.name, cfg);
    } catch (e) {
      if (!notFound(e)) throw e;
      await this.jsm.streams.add(cfg);
    }
  }

  async publish(envelope: Envelope): Promise<void> {
    await this.js.publish(this.names.subject(envelope.recipient), JSON.stringify(envelope), { msgID: envelope.id });
  }

  async subscribe(recipient: PartName, handler: DeliveryHandler, o: SubscribeOptions = {}): Promise<Subscription> {
    const maxInFlight = o.maxInFlight ?? 16;
    const maxDeliver = o.maxDeliver ?? DEFAULT_MAX_DELIVER;
    const backoff = o.backoffMs ?? DEFAULT_BACKOFF_MS;
    const stream = this.names.stream(recipient);
    const durable = this.names.consumer(recipient);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: (this.opts.ackWaitMs ?? 30_000) * NS,
      // One more than ours: we dead-letter on the last attempt ourselves; the server's limit is a backstop.
      max_deliver: maxDeliver + 1,
      // Back-pressure held by the server: no more than this many unacked deliveries to all of the part's processes.
      max_ack_pending: maxInFlight * 4,
    };
    try {
      await this.jsm.consumers.info(stream, durable);
      await this.jsm.consumers.update(stream, durable, config);
    } catch (e) {
      if (!notFound(e)) throw e;
      await this.jsm.consumers.add(stream, config);
    }
    const consumer = await this.js.consumers.get(stream, durable);
    const messages: ConsumerMessages = await consumer.consume({ max_messages: maxInFlight });
    let active = 0;
    const idle: (() => void)[] = [];
    const slot = (): Promise<void> => (active < maxInFlight ? Promise.resolve() : new Promise((r) => idle.push(r)));
    const running = new Set<Promise<void>>();

    const handle = async (m: JsMsg): Promise<void> => {
      const attempt = m.info.deliveryCount;
      let envelope: Envelope;
      try {
        envelope = m.json<Envelope>();
      } catch {
        await this.deadLetter(recipient, m, null, 'not JSON', attempt);
        return;
      }
      try {
        await handler({ envelope, attempt });
        await m.ackAck().catch(() => m.ack());
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        if (err instanceof TerminalError || attempt >= maxDeliver) {
          await this.deadLetter(recipient, m, envelope, err.message, attempt);
        } else {
          m.nak(backoff[Math.min(attempt - 1, backoff.length - 1)] ?? 1000);
        }
      }
    };

    const loop = (async () => {
      for await (const m of messages) {
        await slot();
        active++;
        const p = handle(m)
          .catch((e: unknown) => this.opts.log.error({ err: e, recipient }, 'delivery failed'))
          .finally(() => {
            active--;
            running.delete(p);
            idle.shift()?.();
          });
        running.add(p);
      }
    })();

    const sub = {
      stop: async () => {
        await messages.close().catch(() => undefined);
        await loop.catch(() => undefined);
        // Graceful: the deliveries under way finish (and ack) before the part closes its database.
        await Promise.allSettled([...running]);
        this.subs.delete(sub);
      },
    };
    this.subs.add(sub);
    return sub;
  }

  /** Parks a message that cannot be applied, with why, and terminates it so it is not redelivered. */
  private async deadLetter(recipient: PartName, m: JsMsg, envelope: Envelope | null, error: string, attempts: number): Promise<void> {
    this.opts.log.error({ recipient, messageId: envelope?.id, type: envelope?.type, attempts, error }, 'message dead-lettered');
    this.opts.onDeadLetter?.(recipient);
    const body = { envelope: envelope ?? m.string(), error, attempts, at: new Date().toISOString() };
    const id = envelope?.id ?? `seq-${m.info.streamSequence}`;
    await this.js.publish(`${this.names.deadSubjectPrefix}.${recipient}`, JSON.stringify(body), { msgID: `dead:${id}:${m.info.streamSequence}` });
    m.term(error.slice(0, 200));
  }

  /** The dead-letter list, oldest first (`lienthong messages dead-letters`). */
  async deadLetters(limit = 1000): Promise<DeadLetter[]> {
    const info = await this.jsm.streams.info(this.names.deadStream);
    const out: DeadLetter[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && out.length < limit; seq++) {
      const sm = await this.jsm.streams.getMessage(this.names.deadStream, { seq }).catch(() => null);
      if (!sm) continue;
      const b = sm.json<{ envelope: Envelope; error: string; attempts: number; at: string }>();
      out.push({ seq, envelope: b.envelope, error: b.error, attempts: b.attempts, at: b.at });
    }
    return out;
  }

  /**
   * Sends a dead-lettered message to its recipient again (`lienthong messages replay ID`), after the
   * cause was mended, and removes it from the list. The receiver's inbox still dedupes by envelope id.
   */
  async replay(messageId: string): Promise<boolean> {
    const dead = (await this.deadLetters()).find((d) => d.envelope.id === messageId);
    if (!dead) return false;
    await this.js.publish(this.names.subject(dead.envelope.recipient), JSON.stringify(dead.envelope), {
      msgID: `${messageId}:replay:${dead.seq}`,
    });
    await this.jsm.streams.deleteMessage(this.names.deadStream, dead.seq);
    return true;
  }

  /** Whether the connection to the server is up (for `/ready`). */
  connected(): boolean {
    return !this.nc.isClosed() && this.up;
  }

  /** Messages waiting for a recipient (stored, not yet acked). */
  async pending(recipient: PartName): Promise<number> {
    return (await this.jsm.streams.info(this.names.stream(recipient))).state.messages;
  }

  /** Removes every stream of this prefix (tests: each run leaves the server as it found it). */
  async destroy(): Promise<void> {
    for (const part of PARTS) await this.jsm.streams.delete(this.names.stream(part)).catch(() => undefined);
    await this.jsm.streams.delete(this.names.deadStream).catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const s of [...this.subs]) await s.stop();
    await this.nc.drain().catch(() => this.nc.close());
  }
}
