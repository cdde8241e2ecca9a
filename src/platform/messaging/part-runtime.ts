import { makeEnvelope, type Envelope } from '../../contracts/envelope.ts';
import { checkMessage, type MessageType, type PayloadOf } from '../../contracts/catalogue.ts';
import { SCHEMA_OF, type PartName } from '../../contracts/parts.ts';
import type { Clock } from '../clock.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { Logger } from '../log/logger.ts';
import { TerminalError, type Subscription, type Transport } from '../bus/transport.ts';
import { envelopeProblem, signEnvelope } from '../signing/envelope-signing.ts';
import type { SigningKey } from '../signing/keys.ts';
import type { AgencyRegistry } from '../signing/registry.ts';
import type { Metrics } from '../metrics.ts';
import type { DataSealer } from '../crypto/data-sealer.ts';
import { enqueue } from './outbox.ts';
import { OutboxRelay } from './relay.ts';
import { pruneMessages, retentionFromEnv, type Retention } from './prune.ts';

/** What a message handler may do besides its own SQL: send messages in the same transaction. */
export interface HandlerContext {
  readonly now: Date;
  send<T extends MessageType>(type: T, recipient: PartName, payload: PayloadOf<T>): Promise<Envelope>;
}

export type MessageHandler = (tx: Queryable, envelope: Envelope, ctx: HandlerContext) => Promise<void>;
type Outcome = 'applied' | 'duplicate';

/** A delivery waiting for its batch's transaction. */
interface Queued {
  readonly env: Envelope;
  readonly handler: MessageHandler;
  resolve(o: Outcome): void;
  reject(e: unknown): void;
}

/** Deliveries the bus may hand a part at once: the most one batch can hold (see PartRuntime.drain). */
export const DEFAULT_MAX_IN_FLIGHT = 128;
/** Messages applied per transaction at most. */
export const DEFAULT_BATCH_SIZE = 128;
export type HandlerTable = Partial<Record<MessageType, MessageHandler>>;

/**
 * Message signing (distributed mode): this part's key signs what it sends; the registry says whose
 * signatures to accept. Absent in embedded mode, where every part runs in one process and a signature
 * would prove nothing the process does not already know.
 */
export interface Signing {
  readonly key: SigningKey;
  /** Read at each message, so a registry reloaded during a key rotation takes effect at once. */
  registry(): AgencyRegistry;
}

export interface PartDeps {
  readonly db: Db;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly log: Logger;
  readonly signing?: Signing | undefined;
  readonly metrics?: Metrics | undefined;
  /** Seals sensitive fields at rest (contracts/sensitive-fields.ts): in this part's outbox, and its own columns. */
  readonly sealer?: DataSealer | undefined;
  /** Messages applied per transaction at most (default DEFAULT_BATCH_SIZE; 1 applies each alone). */
  readonly batchSize?: number | undefined;
  /** How long finished messages are kept (prune.ts); default from the environment (retentionFromEnv), null: for ever. */
  readonly retention?: Retention | null | undefined;
}

/**
 * The messaging side of one part: its outbox relay, its inbox consumer, and `inTransaction` for
 * state changes that start from HTTP (a submission, an officer's decision) rather than a message.
 */
export class PartRuntime {
  readonly schema: string;
  readonly relay: OutboxRelay;
  private sub: Subscription | undefined;
  private readonly queue: Queued[] = [];
  private workers = 0;
  private pruneTimer: NodeJS.Timeout | undefined;
  private pruning: Promise<{ outbox: number; inbox: number }> | undefined;
  private readonly batchSize: number;
  private readonly retention: Retention | null;
  /** Batches applied at once: one on PGlite (one session: a second would only wait), a few on a server. */
  private readonly batchWorkers: number;

  constructor(
    readonly name: PartName,
    private readonly deps: PartDeps,
    private readonly handlers: HandlerTable,
  ) {
    this.schema = SCHEMA_OF[name];
    this.batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
    this.batchWorkers = deps.db.engine === 'pglite' ? 1 : 4;
    this.retention = deps.retention === undefined ? retentionFromEnv() : deps.retention;
    const sealer = deps.sealer;
    this.relay = new OutboxRelay(deps.db, this.schema, deps.transport, deps.log.child({ part: name }), sealer ? { open: (e) => sealer.openEnvelope(e) } : {});
  }

  async start(opts: { maxInFlight?: number } = {}): Promise<void> {
    this.relay.start();
    this.sub = await this.deps.transport.subscribe(this.name, (d) => this.counted(d.envelope, d.attempt), {
      maxInFlight: opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    });
    const retention = this.retention;
    if (retention) {
      this.pruneTimer = setInterval(() => void this.pruneNow(), retention.everyMs);
      this.pruneTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.pruneTimer);
    this.pruneTimer = undefined;
    await this.pruning;
    await this.sub?.stop();
    await this.relay.stop();
  }

  /** Deletes this part's messages older than the retention (the timer calls it; tests and the benchmark may). */
  async pruneNow(): Promise<{ outbox: number; inbox: number }> {
    const retention = this.retention;
    if (!retention) return { outbox: 0, inbox: 0 };
    if (this.pruning) return this.pruning;
    this.pruning = pruneMessages(this.deps.db, this.schema, retention.keepMs, this.deps.clock.now(), retention.batch)
      .then((n) => {
        if (n.outbox + n.inbox > 0) this.deps.log.debug({ part: this.name, ...n }, 'old messages pruned');
        return n;
      })
      .catch((err: unknown) => {
        this.deps.log.warn({ part: this.name, err }, 'pruning old messages failed; tried again at the next interval');
        return { outbox: 0, inbox: 0 };
      })
      .finally(() => (this.pruning = undefined));
    return this.pruning;
  }

  /** Runs a state change with the right to send messages; they leave only if it commits. */
  async inTransaction<T>(
    dossierId: string,
    causationId: string | null,
    fn: (tx: Queryable, ctx: HandlerContext) => Promise<T>,
  ): Promise<T> {
    const sent: Envelope[] = [];
    const out = await this.deps.db.transaction(async (tx) => {
      const ctx = this.context(tx, dossierId, causationId, (e) => sent.push(e));
      return fn(tx, ctx);
    });
    this.committed(sent);
    return out;
  }

  /** What a committed transaction sent: counted, and handed to the relay at once. */
  private committed(sent: readonly Envelope[]): void {
    if (sent.length === 0) return;
    for (const e of sent) this.deps.metrics?.messagesOut.inc({ part: this.name, type: e.type });
    this.relay.handOff(sent);
  }

  /**
   * Sends from inside a transaction the caller opened itself (the audit record of an agency officer's act, beside
   * the act: platform/audit/outbox-audit.ts). The message leaves only if that transaction commits; this runtime does
   * not see the commit, so the relay's poll publishes it (within `pollMs`) rather than a hand-over.
   */
  async sendIn<T extends MessageType>(tx: Queryable, dossierId: string, type: T, recipient: PartName, payload: PayloadOf<T>): Promise<Envelope> {
    const env = await this.context(tx, dossierId, null, () => undefined).send(type, recipient, payload);
    this.deps.metrics?.messagesOut.inc({ part: this.name, type });
    return env;
  }

  private context(tx: Queryable, dossierId: string, causationId: string | null, onSend: (e: Envelope) => void): HandlerContext {
    const now = this.deps.clock.now();
    return {
      now,
      send: async (type, recipient, payload) => {
        const problem = checkMessage(type, this.name, recipient, payload);
        if (problem) throw new Error(`refusing to send: ${problem}`);
        const made = makeEnvelope({ type, sender: this.name, recipient, dossierId, causationId, time: now.toISOString(), payload });
        const env = this.deps.signing ? signEnvelope(made, this.deps.signing.key) : made;
        await enqueue(tx, this.schema, this.deps.sealer ? this.deps.sealer.sealEnvelope(env) : env);
        onSend(env);
        return env;
      },
    };
  }

  private async counted(env: Envelope, attempt: number): Promise<void> {
    const m = this.deps.metrics;
    if (!m) return void (await this.receive(env));
    if (attempt > 1) m.redeliveries.inc({ part: this.name });
    try {
      const outcome = await this.receive(env);
      m.messagesIn.inc({ part: this.name, type: env.type, outcome });
    } catch (e) {
      m.messagesIn.inc({ part: this.name, type: env.type, outcome: e instanceof TerminalError ? 'rejected' : 'failed' });
      throw e;
    }
  }

  private async receive(env: Envelope): Promise<Outcome> {
    const forged = this.deps.signing ? envelopeProblem(env, this.deps.signing.registry(), this.name, this.deps.clock.now()) : null;
    if (forged) {
      this.deps.log.error({ part: this.name, messageId: env.id, type: env.type, sender: env.sender, problem: forged }, 'message rejected: not applied');
      throw new TerminalError(`rejected: ${forged}`);
    }
    const problem = env.recipient === this.name ? checkMessage(env.type, env.sender, env.recipient, env.payload) : 'misrouted';
    const handler = this.handlers[env.type as MessageType];
    if (problem || !handler) {
      this.deps.log.error({ part: this.name, messageId: env.id, type: env.type, problem: problem ?? 'no handler' }, 'message refused');
      throw new TerminalError(problem ?? `${this.name} has no handler for ${env.type}`);
    }
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ env, handler, resolve, reject });
      this.drain();
    });
  }

  /**
   * Applies what has arrived, a batch per transaction. The bus hands this part up to `maxInFlight` messages at once;
   * those waiting when a transaction has begun go into it together, so that N messages cost one BEGIN/COMMIT, one
   * inbox INSERT and one hand-over to the relay instead of N of each. The batch is taken only once the transaction
   * holds the database (PGlite is one session: a transaction waits its turn, and what arrives meanwhile joins it).
   * Each message's delivery is acked only once its batch has committed.
   */
  private drain(): void {
    while (this.workers < this.batchWorkers && this.queue.length > 0) {
      this.workers++;
      void (async () => {
        try {
          while (this.queue.length > 0) {
            // Let the event loop run first: a message's commit leads straight to the next one's delivery in promise
            // callbacks, and without a turn of the loop between batches the HTTP requests waiting on their sockets
            // would wait for the whole chain (seconds, under load). Meanwhile more messages join the next batch.
            await new Promise((resolve) => setImmediate(resolve));
            await this.applyBatch();
          }
        } finally {
          this.workers--;
        }
      })();
    }
  }

  private async applyBatch(): Promise<void> {
    let batch: Queued[] | undefined;
    let outcomes: Outcome[] | undefined;
    try {
      outcomes = await this.applyTogether(() => {
        batch = this.queue.splice(0, this.batchSize);
        // In dossier order, so that two batches running at once on a server take their dossiers' locks in one order.
        return batch.sort((a, b) => (a.env.dossierId < b.env.dossierId ? -1 : a.env.dossierId > b.env.dossierId ? 1 : 0));
      });
    } catch (e) {
      // No transaction at all (the database is closing, or gone): what waits is refused, and the bus redelivers it.
      if (!batch) return void this.queue.splice(0, this.batchSize).forEach((q) => q.reject(e));
      // One message failed and took the batch's transaction with it: apply each alone, so that only it is retried.
      if (batch.length === 1) return batch[0]!.reject(e);
    }
    if (!batch) return;
    if (outcomes) return batch.forEach((q, i) => q.resolve(outcomes[i]!));
    for (const q of batch) {
      try {
        q.resolve((await this.applyTogether(() => [q]))[0]!);
      } catch (e) {
        q.reject(e);
      }
    }
  }

  /** One transaction: the inbox rows of every message (one statement), then each new message's handler in turn. */
  private async applyTogether(take: () => readonly Queued[]): Promise<Outcome[]> {
    const sent: Envelope[] = [];
    let batch: readonly Queued[] = [];
    const outcomes = await this.deps.db.transaction(async (tx) => {
      batch = take();
      if (batch.length === 0) return [];
      const now = this.deps.clock.now().toISOString();
      const fresh = new Set(
        (
          await tx.query<{ message_id: string }>(
            `INSERT INTO ${this.schema}.inbox (message_id, type, sender, dossier_id, received_at)
             SELECT m.id, m.type, m.sender, m.dossier_id, $5::timestamptz
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS m(id, type, sender, dossier_id)
             ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
            [batch.map((q) => q.env.id), batch.map((q) => q.env.type), batch.map((q) => q.env.sender), batch.map((q) => q.env.dossierId), now],
          )
        ).map((r) => r.message_id),
      );
      const out: Outcome[] = [];
      for (const q of batch) {
        // Applied before (a redelivery, a relay's re-publish, a replay, or the same message twice in this batch):
        // ack again, change nothing.
        if (!fresh.delete(q.env.id.toLowerCase())) {
          out.push('duplicate');
          continue;
        }
        await q.handler(tx, q.env, this.context(tx, q.env.dossierId, q.env.id, (e) => sent.push(e)));
        out.push('applied');
      }
      return out;
    });
    this.committed(sent);
    batch.forEach((q, i) => {
      if (outcomes[i] === 'duplicate') this.deps.log.info({ part: this.name, messageId: q.env.id, type: q.env.type }, 'message already applied; ignored');
      else this.deps.log.debug({ part: this.name, messageId: q.env.id, type: q.env.type, sender: q.env.sender, dossierId: q.env.dossierId }, 'message applied');
    });
    return outcomes;
  }
}
